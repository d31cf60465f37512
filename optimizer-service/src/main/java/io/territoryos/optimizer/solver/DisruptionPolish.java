package io.territoryos.optimizer.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The least-disruption stage's fast pass, without a solver: with every rep held within their cap of target, it
 * sends a moved account home when both reps stay within their caps (one move fewer), replaces two accounts moved
 * between the same two reps by one account of the same owner that carries about their sum (one move fewer), and
 * replaces a moved account by one of its owner's accounts that costs less to move (a DEPRIORITIZE account for a
 * TIER_1 one) of about the same potential (same moves, fewer TIER_1). Each step keeps every hard rule (candidates,
 * locks, capacity, budget) and lowers {@link IndexedProblem#disruptionCost}; the pass repeats until nothing
 * changes. It is what lets a small book reach its minimum moves well inside a one-second limit, where the full
 * model would not finish presolving; the CP-SAT stages still run after it when time is left.
 */
final class DisruptionPolish {

    /** The polished assignment and the steps taken. */
    record Outcome(int[] assignment, int sentHome, int merged, int replaced, long millis) {
    }

    static Outcome improve(IndexedProblem p, int[] start, long[] cap, long deadlineNanos) {
        long begin = System.nanoTime();
        State s = new State(p, start, cap);
        boolean changed = true;
        while (changed && System.nanoTime() < deadlineNanos) {
            changed = s.sendHome() | s.merge() | s.replace();
        }
        return new Outcome(s.assignment, s.sentHome, s.merged, s.replaced, (System.nanoTime() - begin) / 1_000_000);
    }

    private static final class State {
        private final IndexedProblem p;
        private final long[] cap;
        private final int[] assignment;
        private final long[] load;
        private final int[] count;
        /** Each rep's own movable accounts (whether home now or not): the only replacements it can send. */
        private final int[][] ownMovable;
        private int sentHome;
        private int merged;
        private int replaced;

        State(IndexedProblem p, int[] start, long[] cap) {
            this.p = p;
            this.cap = cap;
            this.assignment = start.clone();
            this.load = new long[p.repCount()];
            this.count = new int[p.repCount()];
            int[] owned = new int[p.repCount()];
            for (int a = 0; a < p.accountCount(); a++) {
                load[assignment[a]] += p.potential[a];
                count[assignment[a]]++;
                if (p.isMovable(a)) {
                    owned[p.owner[a]]++;
                }
            }
            ownMovable = new int[p.repCount()][];
            for (int r = 0; r < p.repCount(); r++) {
                ownMovable[r] = new int[owned[r]];
                owned[r] = 0;
            }
            for (int a = 0; a < p.accountCount(); a++) {
                if (p.isMovable(a)) {
                    ownMovable[p.owner[a]][owned[p.owner[a]]++] = a;
                }
            }
        }

        private boolean moved(int a) {
            return p.isMovable(a) && assignment[a] != p.owner[a];
        }

        private boolean within(int r, long newLoad) {
            return Math.abs(newLoad - p.target[r]) <= cap[r];
        }

        /** A moved account goes home where both reps stay within their caps and its owner has room. */
        boolean sendHome() {
            boolean changed = false;
            for (int a : movedByCost()) {
                int o = p.owner[a];
                int r = assignment[a];
                long pa = p.potential[a];
                if (count[o] < p.capacity[o] && within(o, load[o] + pa) && within(r, load[r] - pa)) {
                    move(a, o);
                    sentHome++;
                    changed = true;
                }
            }
            return changed;
        }

        /** Two accounts moved o -> r go home and one account of o's carries their sum to r instead. */
        boolean merge() {
            boolean changed = false;
            List<Integer> moved = movedByCost();
            for (int i = 0; i < moved.size(); i++) {
                int a1 = moved.get(i);
                if (!moved(a1)) {
                    continue;
                }
                for (int j = i + 1; j < moved.size(); j++) {
                    int a2 = moved.get(j);
                    int o = p.owner[a1];
                    int r = assignment[a1];
                    if (!moved(a2) || p.owner[a2] != o || assignment[a2] != r || count[o] + 1 > p.capacity[o]) {
                        continue;
                    }
                    long sum = p.potential[a1] + p.potential[a2];
                    int b = cheapestReplacement(o, r, sum, Long.MAX_VALUE, a1, a2);
                    if (b >= 0) {
                        move(a1, o);
                        move(a2, o);
                        move(b, r);
                        merged++;
                        changed = true;
                        break;
                    }
                }
            }
            return changed;
        }

        /** A moved account goes home and a cheaper account of its owner's, of about its potential, goes instead. */
        boolean replace() {
            boolean changed = false;
            for (int a : movedByCost()) {
                if (!moved(a)) {
                    continue;
                }
                int o = p.owner[a];
                int r = assignment[a];
                int b = cheapestReplacement(o, r, p.potential[a], p.disruption[a], a, -1);
                if (b >= 0) {
                    move(a, o);
                    move(b, r);
                    replaced++;
                    changed = true;
                }
            }
            return changed;
        }

        /**
         * The account of o's at home, movable, allowed to go to r, costing less than {@code below}, whose potential
         * keeps both o and r within their caps when it replaces {@code outgoing} potential; -1 when none does.
         */
        private int cheapestReplacement(int o, int r, long outgoing, long below, int except1, int except2) {
            // o ends at load[o] + outgoing − p_b, r at load[r] − outgoing + p_b: both within their caps.
            long low = Math.max(load[o] + outgoing - p.target[o] - cap[o], p.target[r] - cap[r] - load[r] + outgoing);
            long high = Math.min(load[o] + outgoing - p.target[o] + cap[o], p.target[r] + cap[r] - load[r] + outgoing);
            if (low > high) {
                return -1;
            }
            int best = -1;
            for (int b : ownMovable[o]) {
                if (b == except1 || b == except2 || assignment[b] != o) {
                    continue;
                }
                long pb = p.potential[b];
                if (pb < low || pb > high || p.disruption[b] >= below
                        || (best >= 0 && p.disruption[b] >= p.disruption[best])
                        || !IndexedProblem.contains(p.candidates[b], r)) {
                    continue;
                }
                best = b;
            }
            return best;
        }

        /** Moved accounts, the costliest first: saving those first saves the most. */
        private List<Integer> movedByCost() {
            List<Integer> moved = new ArrayList<>();
            for (int a = 0; a < p.accountCount(); a++) {
                if (moved(a)) {
                    moved.add(a);
                }
            }
            Integer[] sorted = moved.toArray(new Integer[0]);
            Arrays.sort(sorted, (x, y) -> Long.compare(p.disruption[y], p.disruption[x]));
            return Arrays.asList(sorted);
        }

        private void move(int a, int to) {
            int from = assignment[a];
            load[from] -= p.potential[a];
            count[from]--;
            load[to] += p.potential[a];
            count[to]++;
            assignment[a] = to;
        }
    }

    private DisruptionPolish() {
    }
}
