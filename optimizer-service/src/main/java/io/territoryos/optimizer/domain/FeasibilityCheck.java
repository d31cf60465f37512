package io.territoryos.optimizer.domain;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cheap necessary conditions checked before any model is built, each failure explained in words a planner can
 * act on: who has no rep to go to, whose locked book exceeds capacity, which pool has more accounts than seats,
 * and when the over-capacity books alone need more moves than the budget allows.
 */
final class FeasibilityCheck {

    private static final int NAMED_EXAMPLES = 5;

    static List<String> explain(IndexedProblem p) {
        List<String> reasons = new ArrayList<>();
        int n = p.accountCount();
        int m = p.repCount();
        if (n == 0) {
            return reasons;
        }
        if (m == 0) {
            reasons.add("No ACTIVE or RAMPING rep in scope can receive the " + n + " accounts.");
            return reasons;
        }
        noCompatibleRep(p, reasons);
        lockedBeyondCapacity(p, reasons);
        long totalCapacity = 0;
        for (int r = 0; r < m; r++) {
            totalCapacity += p.capacity[r];
        }
        if (n > totalCapacity) {
            reasons.add(n + " accounts must be placed but the " + m + " active reps have capacity for "
                    + totalCapacity + " in total.");
        } else {
            poolsBeyondCapacity(p, reasons);
        }
        overCapacityBeyondBudget(p, reasons);
        return reasons;
    }

    private static void noCompatibleRep(IndexedProblem p, List<String> reasons) {
        List<String> examples = new ArrayList<>();
        int count = 0;
        for (int a = 0; a < p.accountCount(); a++) {
            if (p.candidates[a].length == 0) {
                count++;
                if (examples.size() < NAMED_EXAMPLES) {
                    Account account = p.accounts[a];
                    examples.add(account.id() + " (" + account.segment()
                            + (p.options.regional() ? ", " + account.region() : "") + ")");
                }
            }
        }
        if (count > 0) {
            reasons.add(count + " account(s) must be placed but no active rep of their segment"
                    + (p.options.regional() ? " and region" : "") + " is in scope: " + String.join(", ", examples)
                    + (count > examples.size() ? " and " + (count - examples.size()) + " more" : "") + ".");
        }
    }

    private static void lockedBeyondCapacity(IndexedProblem p, List<String> reasons) {
        int[] lockedCount = new int[p.repCount()];
        for (int a = 0; a < p.accountCount(); a++) {
            if (p.locked[a]) {
                lockedCount[p.owner[a]]++;
            }
        }
        for (int r = 0; r < p.repCount(); r++) {
            if (lockedCount[r] > p.capacity[r]) {
                reasons.add("Rep " + p.reps[r].id() + " holds " + lockedCount[r]
                        + " locked accounts but has capacity for " + p.capacity[r] + ".");
            }
        }
    }

    /** Hall's condition per compatibility pool: accounts that can only go to a pool's reps must fit its seats. */
    private static void poolsBeyondCapacity(IndexedProblem p, List<String> reasons) {
        Map<int[], Integer> accountsPerCandidateSet = new IdentityHashMap<>();
        Map<int[], String> pools = new LinkedHashMap<>();
        for (int a = 0; a < p.accountCount(); a++) {
            accountsPerCandidateSet.merge(p.candidates[a], 1, Integer::sum);
            if (!p.locked[a] && p.candidates[a].length > 0) {
                pools.putIfAbsent(p.candidates[a], p.key(a));
            }
        }
        pools.forEach((poolReps, key) -> {
            long seats = 0;
            for (int r : poolReps) {
                seats += p.capacity[r];
            }
            long demand = 0;
            for (Map.Entry<int[], Integer> entry : accountsPerCandidateSet.entrySet()) {
                if (entry.getKey().length > 0 && isSubset(entry.getKey(), poolReps)) {
                    demand += entry.getValue();
                }
            }
            if (demand > seats) {
                reasons.add(demand + " accounts can only go to the " + poolReps.length + " active rep(s) of "
                        + key.replace('|', '/') + ", who have capacity for " + seats + ".");
            }
        });
    }

    private static void overCapacityBeyondBudget(IndexedProblem p, List<String> reasons) {
        int[] held = new int[p.repCount()];
        for (int a = 0; a < p.accountCount(); a++) {
            if (p.owner[a] != IndexedProblem.NO_REP) {
                held[p.owner[a]]++;
            }
        }
        long forced = 0;
        List<String> examples = new ArrayList<>();
        for (int r = 0; r < p.repCount(); r++) {
            if (held[r] > p.capacity[r]) {
                forced += held[r] - p.capacity[r];
                if (examples.size() < NAMED_EXAMPLES) {
                    examples.add(p.reps[r].id() + " holds " + held[r] + " for capacity " + p.capacity[r]);
                }
            }
        }
        if (forced > p.maxMoves) {
            reasons.add("Over-capacity books force " + forced + " moves (" + String.join("; ", examples)
                    + ") but the disruption budget allows " + p.maxMoves + " ("
                    + String.format(java.util.Locale.ROOT, "%.0f%%", 100 * p.options.maxMoveFraction()) + " of "
                    + p.movableCount + " movable accounts).");
        }
    }

    private static boolean isSubset(int[] sortedSmall, int[] sortedLarge) {
        for (int value : sortedSmall) {
            if (!IndexedProblem.contains(sortedLarge, value)) {
                return false;
            }
        }
        return true;
    }

    private FeasibilityCheck() {
    }
}
