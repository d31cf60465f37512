package io.territoryos.optimizer.solver;

import io.territoryos.optimizer.domain.RebalanceProblem;
import io.territoryos.optimizer.domain.RebalanceResult;
import io.territoryos.optimizer.domain.RebalanceResult.SolverReport;
import io.territoryos.optimizer.domain.Rebalancer;
import io.territoryos.optimizer.domain.SolverStatus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 003's greedy heuristic, adapted to rebalancing: relieve books above capacity, place orphaned and
 * unassigned accounts (largest first, to the compatible rep furthest below target with room), then repeatedly
 * move the best-fitting account from the most loaded rep (relative to its quota-proportional target) to the least
 * loaded compatible rep with room, while the move improves balance (the same deviation penalty as the CP-SAT
 * model) and the budget allows. Locks are never touched. It is the baseline a proposal reports, its placement is
 * where the neighbourhood search starts, and it can warm-start the full model. Single moves only: when every
 * under-target rep is at capacity it is stuck where a swap would help.
 */
public final class GreedyRebalancer implements Rebalancer {

    /** What the greedy reached: an assignment by rep index (NO_REP where it could not place an account). */
    record Outcome(int[] assignment, boolean complete, long millis) {
    }

    @Override
    public RebalanceResult solve(RebalanceProblem problem) {
        IndexedProblem p = IndexedProblem.of(problem);
        List<String> reasons = FeasibilityCheck.explain(p);
        if (!reasons.isEmpty()) {
            return ResultBuilder.infeasible(problem, p, reasons, 0, 0);
        }
        Outcome outcome = assign(p);
        if (!outcome.complete()) {
            return ResultBuilder.infeasible(problem, p, List.of("The greedy could not place every account with "
                    + "single moves inside capacity and budget (a solver may still find swaps)."), outcome.millis(), 0);
        }
        SolverReport report = new SolverReport(SolverStatus.FEASIBLE, "GREEDY", p.objective(outcome.assignment()) * p.unit,
                null, null, outcome.millis(), 1, problem.options().timeLimit().toMillis(), 1, null);
        return ResultBuilder.build(problem, p, outcome.assignment(), report, outcome);
    }

    /** The plain greedy: a move is worth it when it improves balance at all (move costs are not weighed). */
    static Outcome assign(IndexedProblem p) {
        return assign(p, false);
    }

    /** With {@code weighMoveCosts}, a move must improve balance by more than its tier-weighted cost. */
    static Outcome assign(IndexedProblem p, boolean weighMoveCosts) {
        return run(p, weighMoveCosts, true);
    }

    /** Only what must happen: relieve books above capacity and place accounts without an active owner. */
    static Outcome placeOnly(IndexedProblem p) {
        return run(p, true, false);
    }

    private static Outcome run(IndexedProblem p, boolean weighMoveCosts, boolean balance) {
        long start = System.nanoTime();
        State s = new State(p, weighMoveCosts);
        s.relieveOverCapacity();
        s.placeUnassigned();
        if (balance) {
            s.balance();
        }
        boolean complete = Arrays.stream(s.assignment).noneMatch(r -> r == IndexedProblem.NO_REP)
                && s.withinCapacity();
        return new Outcome(s.assignment, complete, (System.nanoTime() - start) / 1_000_000);
    }

    /** Mutable working state: assignment, loads, counts and books kept in step. */
    private static final class State {
        private final IndexedProblem p;
        private final boolean weighMoveCosts;
        private final int[] assignment;
        private final RepBooks books;
        // aliases of the books' arrays, so the heuristic reads as arithmetic on plain arrays
        private final long[] load;
        private final int[] count;
        private final int[][] book;
        private final int[] bookSize;
        private final int[] position;
        private int budgetUsed;
        private final Map<int[], int[]> recipientCache = new IdentityHashMap<>();

        State(IndexedProblem p, boolean weighMoveCosts) {
            this.p = p;
            this.weighMoveCosts = weighMoveCosts;
            assignment = p.owner.clone();
            books = new RepBooks(p, assignment);
            load = books.load;
            count = books.count;
            book = books.book;
            bookSize = books.bookSize;
            position = books.position;
        }

        void relieveOverCapacity() {
            for (int r = 0; r < p.repCount(); r++) {
                while (count[r] > p.capacity[r]) {
                    Move best = bestMoveOutOf(r, true);
                    if (best == null) {
                        break;
                    }
                    apply(best);
                }
            }
        }

        void placeUnassigned() {
            List<Integer> pool = new ArrayList<>();
            for (int a = 0; a < p.accountCount(); a++) {
                if (assignment[a] == IndexedProblem.NO_REP) {
                    pool.add(a);
                }
            }
            pool.sort((x, y) -> Long.compare(p.potential[y], p.potential[x]));
            for (int a : pool) {
                int best = IndexedProblem.NO_REP;
                double bestRelative = Double.MAX_VALUE;
                for (int r : p.candidates[a]) {
                    if (count[r] >= p.capacity[r]) {
                        continue;
                    }
                    double relative = relative(r, p.potential[a]);
                    if (relative < bestRelative
                            || (relative == bestRelative && best != IndexedProblem.NO_REP && count[r] < count[best])) {
                        best = r;
                        bestRelative = relative;
                    }
                }
                if (best != IndexedProblem.NO_REP) {
                    add(a, best);
                    assignment[a] = best;
                }
            }
        }

        /** Most loaded first; a donor with no improving move waits until a whole round has moved nothing. */
        void balance() {
            int m = p.repCount();
            boolean[] failed = new boolean[m];
            boolean movedSinceReset = false;
            Integer[] order = new Integer[m];
            while (true) {
                int donors = 0;
                for (int r = 0; r < m; r++) {
                    if (!failed[r] && load[r] > p.target[r] && bookSize[r] > 0) {
                        order[donors++] = r;
                    }
                }
                if (donors == 0) {
                    if (!movedSinceReset) {
                        return;
                    }
                    Arrays.fill(failed, false);
                    movedSinceReset = false;
                    continue;
                }
                Arrays.sort(order, 0, donors, (x, y) -> Double.compare(relative(y, 0), relative(x, 0)));
                recipientCache.clear();
                for (int i = 0; i < donors; i++) {
                    int d = order[i];
                    Move best = bestMoveOutOf(d, false);
                    if (best != null) {
                        apply(best);
                        movedSinceReset = true;
                        break;
                    }
                    failed[d] = true;
                }
            }
        }

        /**
         * The account of rep d whose move to its least loaded compatible rep with room gains most; with
         * {@code forced} (capacity relief) the least harmful move even if it gains nothing.
         */
        private Move bestMoveOutOf(int d, boolean forced) {
            if (forced) {
                recipientCache.clear();
            }
            Move best = null;
            long ed = load[d] - p.target[d];
            for (int i = 0; i < bookSize[d]; i++) {
                int a = book[d][i];
                if (p.locked[a]) {
                    continue;
                }
                boolean home = assignment[a] == p.owner[a];
                boolean costsBudget = home && p.isMovable(a);
                if (costsBudget && budgetUsed >= p.maxMoves) {
                    continue;
                }
                int r = recipient(a, d);
                if (r == IndexedProblem.NO_REP) {
                    continue;
                }
                long pa = p.potential[a];
                long er = load[r] - p.target[r];
                long costDelta = !weighMoveCosts ? 0
                        : costsBudget ? p.moveCost[a] : (p.isMovable(a) && r == p.owner[a] ? -p.moveCost[a] : 0);
                long gain = p.deviationCost(d, ed) + p.deviationCost(r, er) - p.deviationCost(d, ed - pa)
                        - p.deviationCost(r, er + pa) - costDelta;
                if ((forced || gain > 0) && (best == null || gain > best.gain)) {
                    best = new Move(a, d, r, gain);
                }
            }
            return best;
        }

        /** Least loaded compatible rep with room other than {@code exclude}; cached per shared candidate array. */
        private int recipient(int a, int exclude) {
            int[] candidates = p.candidates[a];
            int[] bestTwo = recipientCache.get(candidates);
            if (bestTwo == null) {
                bestTwo = new int[] {IndexedProblem.NO_REP, IndexedProblem.NO_REP};
                double first = Double.MAX_VALUE;
                double second = Double.MAX_VALUE;
                for (int r : candidates) {
                    if (count[r] >= p.capacity[r]) {
                        continue;
                    }
                    double relative = relative(r, 0);
                    if (relative < first) {
                        second = first;
                        bestTwo[1] = bestTwo[0];
                        first = relative;
                        bestTwo[0] = r;
                    } else if (relative < second) {
                        second = relative;
                        bestTwo[1] = r;
                    }
                }
                recipientCache.put(candidates, bestTwo);
            }
            return bestTwo[0] != exclude ? bestTwo[0] : bestTwo[1];
        }

        private void apply(Move move) {
            int a = move.account;
            boolean wasHome = assignment[a] == p.owner[a];
            remove(a, move.from);
            add(a, move.to);
            assignment[a] = move.to;
            if (p.isMovable(a)) {
                if (wasHome) {
                    budgetUsed++;
                } else if (move.to == p.owner[a]) {
                    budgetUsed--;
                }
            }
            recipientCache.clear();
        }

        private double relative(int r, long extra) {
            return (double) (load[r] + extra - p.target[r]) / Math.max(p.target[r], 1);
        }

        private void add(int a, int r) {
            books.add(a, r);
        }

        private void remove(int a, int r) {
            books.remove(a, r);
        }

        boolean withinCapacity() {
            for (int r = 0; r < p.repCount(); r++) {
                if (count[r] > p.capacity[r]) {
                    return false;
                }
            }
            return true;
        }
    }

    private record Move(int account, int from, int to, long gain) {
    }
}
