package io.territoryos.demo.domain;

import io.territoryos.contracts.avro.Segment;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where every account sits: teams, each with its reps' books, as contiguous ranges of "slots"; account ids are
 * spread over the slots by a bijection (slot = a·index + c mod N), so a rep's accounts are not consecutive ids
 * yet any account, or any rep's book, can be found without generating the rest. Memory is O(reps).
 */
final class CrmLayout {

    /** One team: segment and region, and the book size of each of its reps (reps are consecutive indexes). */
    record TeamPlan(int index, String name, SegmentProfile profile, String region, int firstRep, int[] bookSizes,
                    int firstSlot, int unassigned) {

        Segment segment() {
            return profile == null ? Segment.MID_MARKET : profile.segment;
        }

        int repCount() {
            return bookSizes.length;
        }

        int accountCount() {
            return Arrays.stream(bookSizes).sum() + unassigned;
        }
    }

    /** A slot's place: its team, and its owner's rep index (-1 = the unassigned pool). */
    record Placement(TeamPlan team, int repIndex, int positionInBook) {
    }

    static final int MAX_TEAM_SIZE = 12;

    private final int accounts;
    private final long multiplier;
    private final long offset;
    private final long inverseMultiplier;
    private final List<TeamPlan> teams;
    private final int[] rangeStart;     // sorted; one range per rep book and per team's unassigned pool
    private final int[] rangeRep;       // rep index or -1
    private final int[] rangeTeam;
    private final int repCount;

    CrmLayout(long seed, int accounts, String seedTeamName, int[] seedBookSizes) {
        this.accounts = accounts;
        Rng rng = Rng.of(seed, Rng.LAYOUT, 0);
        long a = 2 + (long) (rng.uniform() * (accounts - 3));
        while (BigInteger.valueOf(a).gcd(BigInteger.valueOf(accounts)).intValue() != 1) {
            a++;
        }
        this.multiplier = a;
        this.offset = (long) (rng.uniform() * accounts);
        this.inverseMultiplier = BigInteger.valueOf(a).modInverse(BigInteger.valueOf(accounts)).longValueExact();
        this.teams = planTeams(seed, accounts, seedTeamName, seedBookSizes);

        List<int[]> ranges = new ArrayList<>();
        int reps = 0;
        for (TeamPlan team : teams) {
            int slot = team.firstSlot();
            for (int i = 0; i < team.repCount(); i++) {
                ranges.add(new int[]{slot, team.firstRep() + i, team.index()});
                slot += team.bookSizes()[i];
            }
            if (team.unassigned() > 0) {
                ranges.add(new int[]{slot, -1, team.index()});
            }
            reps += team.repCount();
        }
        this.repCount = reps;
        this.rangeStart = ranges.stream().mapToInt(r -> r[0]).toArray();
        this.rangeRep = ranges.stream().mapToInt(r -> r[1]).toArray();
        this.rangeTeam = ranges.stream().mapToInt(r -> r[2]).toArray();
    }

    /** Seed team first, then ENTERPRISE, MID_MARKET and SMB teams of at most 12 reps each. */
    private static List<TeamPlan> planTeams(long seed, int accounts, String seedTeamName, int[] seedBookSizes) {
        List<TeamPlan> plans = new ArrayList<>();
        Map<String, Integer> namesUsed = new HashMap<>();
        namesUsed.put(seedTeamName, 1);
        int seedAccounts = Arrays.stream(seedBookSizes).sum();
        plans.add(new TeamPlan(0, seedTeamName, null, Geography.NA_EAST, 0, seedBookSizes, 0, 0));
        int rest = accounts - seedAccounts;
        int smb = (int) Math.round(rest * SegmentProfile.SMB.accountShare);
        int midMarket = (int) Math.round(rest * SegmentProfile.MID_MARKET.accountShare);
        int enterprise = rest - smb - midMarket;
        int nextRep = seedBookSizes.length;
        int nextSlot = seedAccounts;
        for (SegmentProfile profile : List.of(SegmentProfile.ENTERPRISE, SegmentProfile.MID_MARKET, SegmentProfile.SMB)) {
            int segmentAccounts = switch (profile) {
                case ENTERPRISE -> enterprise;
                case MID_MARKET -> midMarket;
                case SMB -> smb;
            };
            int reps = Math.max(2, (int) Math.round((double) segmentAccounts / profile.bookSize));
            int teamCount = (reps + MAX_TEAM_SIZE - 1) / MAX_TEAM_SIZE;
            int[] teamReps = split(reps, teamCount);
            int[] teamAccounts = splitProportionally(segmentAccounts, teamReps);
            for (int t = 0; t < teamCount; t++) {
                String region = profile.regions.get(t % profile.regions.size());
                String base = profile.teamPrefix + "-" + Geography.shortName(region);
                int used = namesUsed.merge(base, 1, Integer::sum);
                String name = used == 1 ? base : base + "-" + used;
                int index = plans.size();
                int unassigned = teamAccounts[t] / 100; // about 1% waits in the unassigned pool
                int[] books = bookSizes(Rng.of(seed, Rng.TEAM, index), teamAccounts[t] - unassigned, teamReps[t]);
                plans.add(new TeamPlan(index, name, profile, region, nextRep, books, nextSlot, unassigned));
                nextRep += teamReps[t];
                nextSlot += teamAccounts[t];
            }
        }
        return List.copyOf(plans);
    }

    /** Uneven books (weights 0.6..1.4): the imbalance a spreadsheet plan leaves behind. */
    private static int[] bookSizes(Rng rng, int accounts, int reps) {
        int[] weights = new int[reps];
        for (int i = 0; i < reps; i++) {
            weights[i] = (int) Math.round(rng.between(0.6, 1.4) * 1000);
        }
        int[] books = splitProportionally(accounts - reps, weights);
        for (int i = 0; i < reps; i++) {
            books[i] += 1; // nobody starts with an empty book
        }
        return books;
    }

    static int[] split(int total, int parts) {
        int[] result = new int[parts];
        for (int i = 0; i < parts; i++) {
            result[i] = total / parts + (i < total % parts ? 1 : 0);
        }
        return result;
    }

    /** Largest-remainder split of total by weights; exact and deterministic (ties go to the lower index). */
    static int[] splitProportionally(int total, int[] weights) {
        long weightSum = Arrays.stream(weights).asLongStream().sum();
        int[] result = new int[weights.length];
        long[] remainders = new long[weights.length];
        int assigned = 0;
        for (int i = 0; i < weights.length; i++) {
            long share = (long) total * weights[i];
            result[i] = (int) (share / weightSum);
            remainders[i] = share % weightSum;
            assigned += result[i];
        }
        for (int left = total - assigned; left > 0; left--) {
            int best = 0;
            for (int i = 1; i < weights.length; i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            result[best]++;
            remainders[best] = -1;
        }
        return result;
    }

    int accounts() {
        return accounts;
    }

    int repCount() {
        return repCount;
    }

    List<TeamPlan> teams() {
        return teams;
    }

    TeamPlan teamOfRep(int repIndex) {
        for (TeamPlan team : teams) {
            if (repIndex < team.firstRep() + team.repCount()) {
                return team;
            }
        }
        throw new IllegalArgumentException("no rep " + repIndex);
    }

    int slotOf(int accountIndex) {
        return (int) ((multiplier * accountIndex + offset) % accounts);
    }

    int accountIndexOf(int slot) {
        return (int) Math.floorMod(inverseMultiplier * Math.floorMod(slot - offset, (long) accounts), (long) accounts);
    }

    Placement placement(int slot) {
        int range = Arrays.binarySearch(rangeStart, slot);
        if (range < 0) {
            range = -range - 2;
        }
        return new Placement(teams.get(rangeTeam[range]), rangeRep[range], slot - rangeStart[range]);
    }

    /** The slots of a rep's book at snapshot time. */
    int[] bookSlots(int repIndex) {
        TeamPlan team = teamOfRep(repIndex);
        int slot = team.firstSlot();
        for (int i = 0; i < repIndex - team.firstRep(); i++) {
            slot += team.bookSizes()[i];
        }
        int size = team.bookSizes()[repIndex - team.firstRep()];
        int[] slots = new int[size];
        for (int i = 0; i < size; i++) {
            slots[i] = slot + i;
        }
        return slots;
    }
}
