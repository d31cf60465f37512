package io.territoryos.optimizer.solver;

import io.territoryos.optimizer.domain.Account;

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
                            + ", " + account.region() + ")");
                }
            }
        }
        if (count > 0) {
            reasons.add(count + " account(s) must be placed but no active rep of their segment"
                    + " (and region, where the team is regional) is in scope: " + String.join(", ", examples)
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

    /**
     * Hall's condition per market: the accounts that can only go to a market's reps must fit their seats. Candidate
     * sets are compared by content, so the sets of locked accounts ({owner}) and of accounts whose owner is
     * incompatible collapse to a few hundred at most; the markets (the shared candidate sets) are checked against
     * them, which stays linear in the accounts.
     */
    private static void poolsBeyondCapacity(IndexedProblem p, List<String> reasons) {
        Map<int[], Integer> perArray = new IdentityHashMap<>();
        Map<int[], String> marketOf = new IdentityHashMap<>();
        for (int a = 0; a < p.accountCount(); a++) {
            perArray.merge(p.candidates[a], 1, Integer::sum);
            if (!p.locked[a] && p.candidates[a].length > 0) {
                marketOf.putIfAbsent(p.candidates[a], p.market(a));
            }
        }
        Map<List<Integer>, int[]> distinct = new LinkedHashMap<>();
        Map<List<Integer>, Integer> count = new LinkedHashMap<>();
        Map<List<Integer>, String> names = new LinkedHashMap<>();
        perArray.forEach((set, accounts) -> {
            List<Integer> key = java.util.Arrays.stream(set).boxed().toList();
            distinct.putIfAbsent(key, set);
            count.merge(key, accounts, Integer::sum);
            String market = marketOf.get(set);
            if (market != null) {
                names.merge(key, market, (x, y) -> x.contains(y) ? x : x + ", " + y);
            }
        });
        names.forEach((key, market) -> {
            int[] poolReps = distinct.get(key);
            long seats = 0;
            for (int r : poolReps) {
                seats += p.capacity[r];
            }
            long demand = 0;
            for (Map.Entry<List<Integer>, int[]> entry : distinct.entrySet()) {
                if (entry.getValue().length > 0 && isSubset(entry.getValue(), poolReps)) {
                    demand += count.get(entry.getKey());
                }
            }
            if (demand > seats) {
                reasons.add(demand + " accounts can only go to the " + poolReps.length + " active rep(s) who can "
                        + "take " + market + ", who have capacity for " + seats + ".");
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
        if (sortedSmall.length > sortedLarge.length) {
            return false;
        }
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
