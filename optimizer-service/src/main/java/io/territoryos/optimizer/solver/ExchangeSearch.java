package io.territoryos.optimizer.solver;

import java.util.Arrays;
import java.util.List;

/**
 * The search's first pass, without a solver: the rep furthest from target (relative to it) trades with the reps
 * furthest on the other side of its pool, by the single move or the swap that lowers the objective most. It weighs
 * exactly what the CP-SAT model weighs (the banded deviation penalty and tier-weighted move costs, an account going
 * home refunds its cost) and keeps the hard rules (candidates, locks, capacity, budget). A swap keeps both books'
 * account counts, so it still works where capacity blocks single moves. Each exchange is a few thousand
 * arithmetic steps, so a 100,000-account book gets most of the way in a fraction of a second; the CP-SAT
 * neighbourhoods then finish the job and undo moves that turn out needless. ARR and account-count tolerances are
 * left to the model: with them on, this pass does nothing.
 */
final class ExchangeSearch {

    /** Reps on the other side of the pool tried per exchange, the furthest from target first. */
    static final int PARTNERS = 8;

    /** The improved assignment and the exchanges (moves or swaps) applied. */
    record Outcome(int[] assignment, int exchanges, long millis) {
    }

    static Outcome improve(IndexedProblem p, int[] start, long deadlineNanos) {
        long begin = System.nanoTime();
        if (p.arr != null || p.countLow != null) {
            return new Outcome(start.clone(), 0, 0);
        }
        State state = new State(p, start);
        int exchanges = state.run(deadlineNanos);
        return new Outcome(state.assignment, exchanges, (System.nanoTime() - begin) / 1_000_000);
    }

    /** Mutable working state: assignment, loads, counts and books kept in step. */
    private static final class State {
        private final IndexedProblem p;
        private final int[] assignment;
        private final RepBooks books;
        // aliases of the books' arrays, so the search reads as arithmetic on plain arrays
        private final long[] load;
        private final int[] count;
        private final int[][] book;
        private final int[] bookSize;
        private final int[] position;
        private final int[] poolOf;
        private final List<int[]> pools;
        private int budgetUsed;

        State(IndexedProblem p, int[] start) {
            this.p = p;
            int m = p.repCount();
            assignment = start.clone();
            books = new RepBooks(p, assignment);
            load = books.load;
            count = books.count;
            book = books.book;
            bookSize = books.bookSize;
            position = books.position;
            pools = CompatibilityPools.of(p);
            poolOf = new int[m];
            for (int i = 0; i < pools.size(); i++) {
                for (int r : pools.get(i)) {
                    poolOf[r] = i;
                }
            }
            budgetUsed = p.budgetedMoves(assignment);
        }

        /** Worst rep first; a rep with no improving exchange waits until a whole pass has changed nothing. */
        int run(long deadlineNanos) {
            int m = p.repCount();
            boolean[] failed = new boolean[m];
            boolean changedSinceReset = false;
            int exchanges = 0;
            while (System.nanoTime() < deadlineNanos) {
                int worst = -1;
                double worstDeviation = 0;
                for (int r = 0; r < m; r++) {
                    double deviation = Math.abs(relative(r));
                    if (!failed[r] && load[r] != p.target[r] && deviation >= worstDeviation) {
                        worst = r;
                        worstDeviation = deviation;
                    }
                }
                if (worst < 0) {
                    if (!changedSinceReset) {
                        break;
                    }
                    Arrays.fill(failed, false);
                    changedSinceReset = false;
                    continue;
                }
                Exchange best = bestExchange(worst);
                if (best == null) {
                    failed[worst] = true;
                } else {
                    apply(best);
                    exchanges++;
                    changedSinceReset = true;
                }
            }
            return exchanges;
        }

        /** The best improving exchange of rep d with one of the reps furthest on the other side; null if none. */
        private Exchange bestExchange(int d) {
            boolean over = load[d] > p.target[d];
            int[] pool = pools.get(poolOf[d]);
            int[] partners = new int[pool.length];
            int size = 0;
            for (int r : pool) {
                if (r != d && (load[r] > p.target[r]) != over && load[r] != p.target[r]) {
                    partners[size++] = r;
                }
            }
            Integer[] ranked = new Integer[size];
            for (int i = 0; i < size; i++) {
                ranked[i] = partners[i];
            }
            // Over: the most under-target partners first; under: the most over-target ones.
            Arrays.sort(ranked, (x, y) -> over ? Double.compare(relative(x), relative(y))
                    : Double.compare(relative(y), relative(x)));
            if (p.maxDeviationWeight() > 0) {
                rankWorst();
            }
            Exchange best = null;
            for (int i = 0; i < Math.min(PARTNERS, size); i++) {
                int u = ranked[i];
                Exchange candidate = over ? bestBetween(d, u) : bestBetween(u, d);
                if (candidate != null && (best == null || candidate.gain > best.gain)) {
                    best = candidate;
                }
            }
            return best;
        }

        /** Best single move f → t or swap (a: f → t, b: t → f) that lowers the objective; null if none does. */
        private Exchange bestBetween(int f, int t) {
            long ef = load[f] - p.target[f];
            long et = load[t] - p.target[t];
            long before = p.deviationCost(f, ef) + p.deviationCost(t, et);
            Exchange best = null;
            int[] outgoing = new int[bookSize[f]];
            int out = 0;
            for (int i = 0; i < bookSize[f]; i++) {
                int a = book[f][i];
                if (!p.locked[a] && IndexedProblem.contains(p.candidates[a], t)) {
                    outgoing[out++] = a;
                }
            }
            if (count[t] < p.capacity[t]) {
                for (int i = 0; i < out; i++) {
                    int a = outgoing[i];
                    int budget = budgetDelta(a, f, t);
                    if (budgetUsed + budget > p.maxMoves) {
                        continue;
                    }
                    long pa = p.potential[a];
                    long gain = before - p.deviationCost(f, ef - pa) - p.deviationCost(t, et + pa) - costDelta(a, f, t)
                            - maxTermDelta(f, ef - pa, t, et + pa);
                    if (gain > 0 && (best == null || gain > best.gain)) {
                        best = new Exchange(a, -1, f, t, gain);
                    }
                }
            }
            // Swaps: for each outgoing a, the incoming b whose potential leaves both reps nearest their targets.
            long[] incoming = new long[bookSize[t]];
            int in = 0;
            for (int i = 0; i < bookSize[t]; i++) {
                int b = book[t][i];
                if (!p.locked[b] && IndexedProblem.contains(p.candidates[b], f)) {
                    incoming[in++] = p.potential[b] << 20 | b;
                }
            }
            if (in == 0 || p.accountCount() >= 1 << 20) {
                return best;
            }
            Arrays.sort(incoming, 0, in);
            long ideal = (ef - et) / 2;
            for (int i = 0; i < out; i++) {
                int a = outgoing[i];
                long pa = p.potential[a];
                long want = (pa - ideal) << 20;
                int at = Arrays.binarySearch(incoming, 0, in, want);
                int from = at >= 0 ? at : -at - 1;
                for (int j = Math.max(0, from - 1); j <= Math.min(in - 1, from + 1); j++) {
                    int b = (int) (incoming[j] & ((1 << 20) - 1));
                    int budget = budgetDelta(a, f, t) + budgetDelta(b, t, f);
                    if (budgetUsed + budget > p.maxMoves) {
                        continue;
                    }
                    long delta = pa - p.potential[b];
                    long gain = before - p.deviationCost(f, ef - delta) - p.deviationCost(t, et + delta)
                            - costDelta(a, f, t) - costDelta(b, t, f) - maxTermDelta(f, ef - delta, t, et + delta);
                    if (gain > 0 && (best == null || gain > best.gain)) {
                        best = new Exchange(a, b, f, t, gain);
                    }
                }
            }
            return best;
        }

        /** The three reps furthest from target (relative, as the max-deviation term counts), worst first. */
        private final int[] worstReps = new int[3];
        private final long[] worstValues = new long[3];

        private void rankWorst() {
            Arrays.fill(worstReps, -1);
            Arrays.fill(worstValues, -1);
            for (int r = 0; r < p.repCount(); r++) {
                long value = p.relativeDeviation(r, load[r] - p.target[r]);
                for (int i = 0; i < 3; i++) {
                    if (value > worstValues[i]) {
                        System.arraycopy(worstValues, i, worstValues, i + 1, 2 - i);
                        System.arraycopy(worstReps, i, worstReps, i + 1, 2 - i);
                        worstValues[i] = value;
                        worstReps[i] = r;
                        break;
                    }
                }
            }
        }

        /** Change of the max-deviation term when f and t end with these excesses (0 when the term is off). */
        private long maxTermDelta(int f, long excessF, int t, long excessT) {
            long weight = p.maxDeviationWeight();
            if (weight == 0) {
                return 0;
            }
            long outside = 0;
            for (int i = 0; i < 3; i++) {
                if (worstReps[i] >= 0 && worstReps[i] != f && worstReps[i] != t) {
                    outside = worstValues[i];
                    break;
                }
            }
            long after = Math.max(outside, Math.max(p.relativeDeviation(f, excessF), p.relativeDeviation(t, excessT)));
            return weight * (after - Math.max(0, worstValues[0]));
        }

        /** Move cost of x going from rep `from` to rep `to`: paid on leaving its owner, refunded on going home. */
        private long costDelta(int x, int from, int to) {
            if (!p.isMovable(x)) {
                return 0;
            }
            return from == p.owner[x] ? p.moveCost[x] : to == p.owner[x] ? -p.moveCost[x] : 0;
        }

        private int budgetDelta(int x, int from, int to) {
            if (!p.isMovable(x)) {
                return 0;
            }
            return from == p.owner[x] ? 1 : to == p.owner[x] ? -1 : 0;
        }

        private void apply(Exchange exchange) {
            move(exchange.out, exchange.from, exchange.to);
            if (exchange.in >= 0) {
                move(exchange.in, exchange.to, exchange.from);
            }
        }

        private void move(int a, int from, int to) {
            budgetUsed += budgetDelta(a, from, to);
            remove(a, from);
            add(a, to);
            assignment[a] = to;
        }

        private double relative(int r) {
            return (double) (load[r] - p.target[r]) / Math.max(1, p.target[r]);
        }

        private void add(int a, int r) {
            books.add(a, r);
        }

        private void remove(int a, int r) {
            books.remove(a, r);
        }
    }

    /** Account {@code out} goes from → to; with a swap, {@code in} (else −1) comes back to → from. */
    private record Exchange(int out, int in, int from, int to, long gain) {
    }

    private ExchangeSearch() {
    }
}
