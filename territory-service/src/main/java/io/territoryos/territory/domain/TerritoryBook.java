package io.territoryos.territory.domain;

import io.territoryos.contracts.avro.Segment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every territory of one organisation: the sums per rep, the rep rows and the segment statistics. Each change
 * is applied as one update that says which territories and teams it touched, so an account moving between two
 * reps leaves one territory and enters the other in the same update, and Σ territory potential stays equal to
 * Σ account potential.
 */
public final class TerritoryBook {

    private final Map<String, TerritoryAccumulator> territories = new HashMap<>();
    private final Map<String, RepProfile> reps = new HashMap<>();
    private final Map<Segment, SegmentConversion> stats = new EnumMap<>(Segment.class);
    private final TerritoryHealthCalculator calculator;

    public TerritoryBook(HealthPolicy policy) {
        this.calculator = new TerritoryHealthCalculator(policy);
    }

    // --- restoring from stored state -------------------------------------------------------------------------

    public void restore(TerritoryAccumulator territory) {
        territories.put(territory.repId(), territory);
    }

    public void restore(RepProfile rep) {
        reps.put(rep.repId(), rep);
    }

    public void restore(SegmentConversion segmentStats) {
        stats.put(segmentStats.segment(), segmentStats);
    }

    public void clear() {
        territories.clear();
        reps.clear();
        stats.clear();
    }

    // --- changes ---------------------------------------------------------------------------------------------

    /** Takes the account's previous contribution out of its old territory and puts the new one into its new territory. */
    public BookUpdate apply(AccountDelta delta) {
        Set<String> touched = new LinkedHashSet<>();
        if (delta.before() != null) {
            String from = delta.before().territoryId();
            territories.put(from, territory(from).minus(delta.before()));
            touched.add(from);
        }
        if (delta.after() != null) {
            String to = delta.after().territoryId();
            territories.put(to, territory(to).plus(delta.after()));
            touched.add(to);
        }
        for (String id : touched) {
            if (territories.get(id).accountCount() == 0) {
                territories.remove(id); // an empty territory is the same as none; keeps the store small
            }
        }
        Set<String> teams = new LinkedHashSet<>();
        for (String id : touched) {
            RepProfile rep = reps.get(id);
            if (rep != null && rep.carriesBook()) {
                teams.add(rep.team());
            }
        }
        return update(touched, Set.of(), null, touched, teams);
    }

    /** A new or changed rep row: re-reports the rep and the balance of its old and new team. */
    public BookUpdate upsertRep(RepProfile rep) {
        RepProfile previous = reps.get(rep.repId());
        if (rep.equals(previous)) {
            return BookUpdate.none(); // a re-delivered CDC event changes nothing
        }
        reps.put(rep.repId(), rep);
        return update(Set.of(), Set.of(rep.repId()), null, Set.of(rep.repId()), teamsAffected(previous, rep));
    }

    /** A rep deleted from the CRM: its book stays (accounts still name it) until they are reassigned. */
    public BookUpdate removeRep(String repId) {
        RepProfile previous = reps.remove(repId);
        if (previous == null) {
            return BookUpdate.none();
        }
        return update(Set.of(), Set.of(repId), null, Set.of(repId), teamsAffected(previous, null));
    }

    /** New statistics for a segment (null = back to the defaults): re-validates the quotas of its reps. */
    public BookUpdate applyStats(Segment segment, SegmentConversion segmentStats) {
        SegmentConversion previous = stats.get(segment);
        if (Objects.equals(previous, segmentStats)) {
            return BookUpdate.none();
        }
        if (segmentStats == null) {
            stats.remove(segment);
        } else {
            stats.put(segment, segmentStats);
        }
        Set<String> repsOfSegment = new LinkedHashSet<>();
        reps.values().stream().filter(r -> r.segment() == segment).map(RepProfile::repId).sorted().forEach(repsOfSegment::add);
        return update(Set.of(), Set.of(), segment, repsOfSegment, Set.of());
    }

    // --- reading ---------------------------------------------------------------------------------------------

    public TerritoryAccumulator territory(String repId) {
        TerritoryAccumulator territory = territories.get(repId);
        return territory != null ? territory : TerritoryAccumulator.empty(repId);
    }

    /** The stored sums of a territory, or null when it holds no accounts. */
    public TerritoryAccumulator storedTerritory(String repId) {
        return territories.get(repId);
    }

    public RepProfile rep(String repId) {
        return reps.get(repId);
    }

    public SegmentConversion stats(Segment segment) {
        SegmentConversion published = stats.get(segment);
        return published != null ? published : SegmentConversion.defaults(segment);
    }

    /** Statistics published for a segment, or null when it runs on the defaults. */
    public SegmentConversion publishedStats(Segment segment) {
        return stats.get(segment);
    }

    public TerritoryHealthReport health(String repId) {
        return calculator.health(territory(repId), reps.get(repId), this::stats);
    }

    /** Balance of a team, or of the whole organisation for {@link Territories#ORG}. */
    public TeamBalanceReport balance(String team) {
        List<TerritoryHealthReport> members = new ArrayList<>();
        for (RepProfile rep : reps.values()) {
            if (Territories.ORG.equals(team) || team.equals(rep.team())) {
                members.add(calculator.health(territory(rep.repId()), rep, this::stats));
            }
        }
        return TeamBalanceReport.of(team, members);
    }

    /** Σ potential over every territory, the unassigned pool included, in cents. */
    public long potentialCentsTotal() {
        return territories.values().stream().mapToLong(TerritoryAccumulator::potentialCents).sum();
    }

    public Collection<String> repIds() {
        return reps.keySet();
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static Set<String> teamsAffected(RepProfile before, RepProfile after) {
        Set<String> teams = new LinkedHashSet<>();
        if (before != null && before.carriesBook()) {
            teams.add(before.team());
        }
        if (after != null && after.carriesBook()) {
            teams.add(after.team());
        }
        return teams;
    }

    private BookUpdate update(Set<String> changedTerritories, Set<String> changedReps, Segment changedSegment,
                              Set<String> reportReps, Set<String> teams) {
        List<TerritoryHealthReport> health = reportReps.stream().map(this::health).toList();
        List<TeamBalanceReport> balances = new ArrayList<>();
        boolean anyBalance = !teams.isEmpty();
        for (String team : teams) {
            if (team != null) { // a rep without team still counts in the organisation's balance
                balances.add(balance(team));
            }
        }
        if (anyBalance) {
            balances.add(balance(Territories.ORG));
        }
        return new BookUpdate(changedTerritories, changedReps, changedSegment, health, balances);
    }
}
