package io.territoryos.optimizer.bench;

import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.RebalanceOptions;
import io.territoryos.optimizer.domain.RebalanceProblem;
import io.territoryos.optimizer.domain.Rep;
import io.territoryos.optimizer.domain.RepStatus;
import io.territoryos.optimizer.domain.Tier;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Imbalanced starting books for benchmarks and scale tests: heavy-tailed (log-normal) potentials, reps with
 * uneven load factors (a fifth of them overloaded), some locked accounts, an exited rep's orphans and a small
 * unassigned pool. Deterministic for a seed.
 *
 * @param accounts        accounts in scope
 * @param activeReps      ACTIVE/RAMPING reps (every tenth is RAMPING at half quota)
 * @param exitedReps      EXITED reps whose books become orphans
 * @param segments        segments, accounts and reps spread evenly
 * @param capacitySlack   capacity = ceil(slack × accounts per active rep of the segment)
 * @param lockedFraction  share of owned accounts that are locked
 * @param potentialSigma  sigma of the log-normal potential (1.2 = heavy tail)
 */
public record BookGenerator(int accounts, int activeReps, int exitedReps, List<String> segments, double capacitySlack,
                            double lockedFraction, double potentialSigma, long seed) {

    /** Seed 003's worked example: 1,000 accounts, 10 reps, capacity 110, 50 locked (5%). */
    public static BookGenerator seed003() {
        return new BookGenerator(1_000, 10, 1, List.of("MID_MARKET"), 1.10, 0.05, 1.2, 3);
    }

    public static BookGenerator of(int accounts, int activeReps, int segments, long seed) {
        List<String> names = List.of("SMB", "MID_MARKET", "ENTERPRISE").subList(0, segments);
        return new BookGenerator(accounts, activeReps, Math.max(1, activeReps / 20), names, 1.10, 0.05, 1.2, seed);
    }

    public RebalanceProblem problem(RebalanceOptions options) {
        Random random = new Random(seed);
        List<Rep> reps = new ArrayList<>();
        List<List<Integer>> activeBySegment = new ArrayList<>();
        List<List<Double>> weights = new ArrayList<>();
        int segmentCount = segments.size();
        for (int s = 0; s < segmentCount; s++) {
            activeBySegment.add(new ArrayList<>());
            weights.add(new ArrayList<>());
        }
        int accountsPerSegment = accounts / segmentCount;
        int totalReps = activeReps + exitedReps;
        for (int i = 0; i < totalReps; i++) {
            int s = i % segmentCount;
            boolean exited = i >= activeReps;
            boolean ramping = !exited && i % 10 == 9;
            double quota = 1_000_000 * Math.exp(0.15 * random.nextGaussian()) * (ramping ? 0.5 : 1.0);
            int repsInSegment = (activeReps + segmentCount - 1 - s) / segmentCount;
            int capacity = (int) Math.ceil(capacitySlack * accountsPerSegment / Math.max(1, repsInSegment));
            RepStatus status = exited ? RepStatus.EXITED : ramping ? RepStatus.RAMPING : RepStatus.ACTIVE;
            Rep rep = new Rep(String.format("R%04d", i + 1), "Rep " + (i + 1), "T" + (i / 10 + 1), segments.get(s),
                    "NA", status, Math.round(quota), capacity);
            reps.add(rep);
            activeBySegment.get(s).add(i);
            double load = Math.exp(0.35 * random.nextGaussian()) * (random.nextDouble() < 0.2 ? 1.6 : 1.0);
            weights.get(s).add(exited ? 1.0 : load);
        }
        int[] held = new int[totalReps];
        List<Account> result = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            int s = a % segmentCount;
            double potential = Math.round(60_000 * Math.exp(potentialSigma * random.nextGaussian()));
            double arr = Math.round(potential * (0.2 + 0.3 * random.nextDouble()));
            boolean highPotential = potential > 90_000;
            boolean highPropensity = random.nextDouble() < 0.5;
            Tier tier = highPotential ? (highPropensity ? Tier.TIER_1 : Tier.DEVELOP)
                    : (highPropensity ? Tier.QUICK_WIN : Tier.DEPRIORITIZE);
            String owner = random.nextDouble() < 0.01 ? null : pickOwner(random, activeBySegment.get(s),
                    weights.get(s), reps, held);
            boolean locked = owner != null && random.nextDouble() < lockedFraction;
            result.add(new Account(String.format("A%06d", a + 1), "Account " + (a + 1), segments.get(s), "NA",
                    potential, arr, tier, owner, locked));
        }
        return new RebalanceProblem(equalCoveragePossible(result, reps), reps, options);
    }

    /** A variant with room to spare (capacity twice the average book): single moves are never blocked. */
    public BookGenerator withCapacitySlack(double slack) {
        return new BookGenerator(accounts, activeReps, exitedReps, segments, slack, lockedFraction, potentialSigma,
                seed);
    }

    /**
     * Scales each segment's potentials so that potential per unit of quota is the same in every segment: accounts
     * cannot cross segments, so otherwise equal coverage would be impossible by construction.
     */
    private static List<Account> equalCoveragePossible(List<Account> accounts, List<Rep> reps) {
        java.util.Map<String, Double> potential = new java.util.HashMap<>();
        java.util.Map<String, Double> quota = new java.util.HashMap<>();
        accounts.forEach(a -> potential.merge(a.segment(), a.potential(), Double::sum));
        reps.stream().filter(Rep::active).forEach(r -> quota.merge(r.segment(), r.quota(), Double::sum));
        double ratio = potential.values().stream().mapToDouble(Double::doubleValue).sum()
                / quota.values().stream().mapToDouble(Double::doubleValue).sum();
        return accounts.stream().map(a -> {
            double scale = ratio * quota.get(a.segment()) / potential.get(a.segment());
            return new Account(a.id(), a.name(), a.segment(), a.region(), Math.round(a.potential() * scale), a.arr(),
                    a.tier(), a.ownerRepId(), a.locked());
        }).toList();
    }

    /** Owner drawn by load factor among reps of the segment with room left. */
    private static String pickOwner(Random random, List<Integer> candidates, List<Double> weights, List<Rep> all,
                                    int[] held) {
        double total = 0;
        for (int i = 0; i < candidates.size(); i++) {
            int index = candidates.get(i);
            if (held[index] < all.get(index).capacityAccounts()) {
                total += weights.get(i);
            }
        }
        double pick = random.nextDouble() * total;
        for (int i = 0; i < candidates.size(); i++) {
            int index = candidates.get(i);
            if (held[index] >= all.get(index).capacityAccounts()) {
                continue;
            }
            pick -= weights.get(i);
            if (pick <= 0) {
                held[index]++;
                return all.get(index).id();
            }
        }
        return null;
    }
}
