package io.territoryos.optimizer.solver;


import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a scope and returns a lower bound on the whole objective (banded deviation + max-deviation term + move
 * costs) that no assignment can beat, for a proposal's bound and gap when the full model does not run.
 *
 * <p>Why it is valid. The objective is a sum over reps of what each rep owns: its deviation cost f_r(|L_r − T_r|)
 * and the costs of its own accounts that leave it (a move is paid once, on leaving the owner; orphans are free),
 * plus W × max relative deviation, which is at least W/m × Σ_r relative deviation, so each rep may carry W/m of
 * its own. Each rep's part is then bounded on its own by relaxing everything that couples the reps: potential
 * coming in is free and of any size, the shared budget is dropped, shed accounts need no place to go. What is
 * left is one rep choosing which of its own movable accounts to shed (set S):
 * <ul>
 *   <li>if it receives anything, its final load is at least what it kept, so its deviation cost is at least
 *       f_r(max(0, kept − T_r)), and it needs a free seat: at most capacity − 1 kept accounts;</li>
 *   <li>if it receives nothing, its load is exactly what it kept: f_r(|kept − T_r|), at most capacity kept.</li>
 * </ul>
 * LB_r is the least of c(S) + that deviation cost over every S and both cases, so LB_r <= the rep's part of any
 * assignment, and Σ_r LB_r <= the objective of any assignment. LB_r is found exactly by a knapsack over the
 * move-cost levels (the most potential sheddable for each total cost), or, when that table would be too large,
 * by a weaker relaxation (accounts shed in part, by cost per unit of potential while that is below the deviation
 * slope, and at least the cheapest seats that must be freed). The pools' irreducible imbalance is another valid
 * bound; the larger of the two is returned.
 */
final class ObjectiveLowerBound {

    /** The bound in units; {@code exactReps} reps by the knapsack, {@code relaxedReps} by the weaker relaxation. */
    record Bound(long units, int exactReps, int relaxedReps, long millis) {
    }

    /** Largest knapsack table (cost levels × accounts × seats) solved exactly for one rep. */
    private static final long MAX_TABLE = 20_000_000;
    private static final long INFINITE = Long.MAX_VALUE / 4;

    static Bound of(IndexedProblem p) {
        long start = System.nanoTime();
        List<List<Integer>> owned = new ArrayList<>();
        for (int r = 0; r < p.repCount(); r++) {
            owned.add(new ArrayList<>());
        }
        for (int a = 0; a < p.accountCount(); a++) {
            if (p.owner[a] != IndexedProblem.NO_REP) {
                owned.get(p.owner[a]).add(a);
            }
        }
        long total = 0;
        int exact = 0;
        int relaxed = 0;
        for (int r = 0; r < p.repCount(); r++) {
            RepPart part = new RepPart(p, r, owned.get(r));
            long bound = part.bound();
            if (part.exact) {
                exact++;
            } else {
                relaxed++;
            }
            total += Math.min(bound, INFINITE);
        }
        long pools = CompatibilityPools.deviationLowerBound(p, CompatibilityPools.of(p));
        return new Bound(Math.max(total, pools), exact, relaxed, (System.nanoTime() - start) / 1_000_000);
    }

    /** One rep's relaxed problem: shed some of its own movable accounts, incoming potential free. */
    static final class RepPart {
        private final IndexedProblem p;
        private final int r;
        /** Accounts the rep may shed (movable, with another candidate); the rest it keeps regardless. */
        private final int[] sheddable;
        private final int ownedCount;
        /** Potential owned minus target: what the rep is over (> 0) or under (< 0) before anything moves. */
        private final long excess;
        boolean exact = true;

        RepPart(IndexedProblem p, int r, List<Integer> owned) {
            this.p = p;
            this.r = r;
            List<Integer> free = new ArrayList<>();
            long all = 0;
            for (int a : owned) {
                all += p.potential[a];
                if (p.isMovable(a) && p.candidates[a].length > 1) {
                    free.add(a);
                }
            }
            this.sheddable = free.stream().mapToInt(Integer::intValue).toArray();
            this.ownedCount = owned.size();
            this.excess = all - p.target[r];
        }

        /** LB_r: the better of receiving (a seat freed, deviation above target only) and receiving nothing. */
        long bound() {
            int seatsToFree = Math.max(0, ownedCount - p.capacity[r]);
            long receiving = overOnly(Math.max(0, ownedCount - p.capacity[r] + 1));
            long notReceiving = excess > 0 ? overOnly(seatsToFree) : underNotReceiving(seatsToFree);
            return Math.min(receiving, notReceiving);
        }

        /** Deviation cost of ending {@code deviation} units from target, with the rep's W/m share of the max term. */
        long deviationCost(long deviation) {
            long cost = p.deviationCost(r, deviation);
            long weight = p.maxDeviationWeight();
            return weight == 0 ? cost : cost + weight * p.relativeDeviation(r, deviation) / p.repCount();
        }

        /**
         * Under target and receiving nothing: shedding only deepens the gap, so the cheapest {@code seats} costs
         * plus the gap widened by the smallest {@code seats} potentials is a lower bound (exact for no seat).
         */
        private long underNotReceiving(int seats) {
            if (seats > sheddable.length) {
                return INFINITE;
            }
            long[] costs = Arrays.stream(sheddable).mapToLong(a -> p.moveCost[a]).sorted().toArray();
            long[] sizes = Arrays.stream(sheddable).mapToLong(a -> p.potential[a]).sorted().toArray();
            long cost = 0;
            long gap = -excess;
            for (int i = 0; i < seats; i++) {
                cost += costs[i];
                gap += sizes[i];
            }
            return cost + deviationCost(gap);
        }

        /**
         * min over shed sets S with |S| >= seats of c(S) + deviationCost(max(0, excess − p(S))): a knapsack whose
         * table is indexed by total cost (in multiples of the costs' greatest common divisor) and seats freed
         * (capped at {@code seats}) and holds the most potential sheddable.
         */
        long overOnly(int seats) {
            if (seats > sheddable.length) {
                return INFINITE;
            }
            if (excess <= 0 && seats == 0) {
                return 0;
            }
            long step = 0;
            for (int a : sheddable) {
                step = gcd(step, p.moveCost[a]);
            }
            long[] costs = Arrays.stream(sheddable).mapToLong(a -> p.moveCost[a]).sorted().toArray();
            long seatCost = 0;
            for (int i = 0; i < seats; i++) {
                seatCost += costs[i];
            }
            // Any set is worth at most shedding the cheapest seats and nothing else (potential shed >= 0).
            long upper = seatCost + deviationCost(Math.max(0, excess));
            if (step == 0) {
                return seats == 0 ? deviationCost(Math.max(0, excess)) : upper;
            }
            long levels = upper / step + 1;
            if (levels * sheddable.length * (seats + 1) > MAX_TABLE) {
                exact = false;
                return Math.max(seatCost, fractional());
            }
            int width = seats + 1;
            int rows = (int) levels;
            long[] most = new long[rows * width];
            Arrays.fill(most, -1);
            most[0] = 0;
            for (int a : sheddable) {
                int c = (int) (p.moveCost[a] / step);
                long pa = p.potential[a];
                for (int level = rows - 1; level >= c; level--) {
                    int source = (level - c) * width;
                    for (int k = seats; k >= 0; k--) {
                        // Shedding a takes a set of k − 1 seats to k; once all seats are freed, more stay freed.
                        long from = k == seats ? most[source + seats] : -1;
                        if (k >= 1) {
                            from = Math.max(from, most[source + k - 1]);
                        }
                        if (from >= 0 && from + pa > most[level * width + k]) {
                            most[level * width + k] = from + pa;
                        }
                    }
                }
            }
            long best = INFINITE;
            for (int level = 0; level < rows; level++) {
                long shed = most[level * width + seats];
                if (shed >= 0) {
                    best = Math.min(best, level * step + deviationCost(Math.max(0, excess - shed)));
                }
            }
            return best;
        }

        private static long gcd(long x, long y) {
            while (y != 0) {
                long t = x % y;
                x = y;
                y = t;
            }
            return x;
        }

        /**
         * The fractional relaxation of {@link #overOnly} without its seats: accounts may be shed in part, shedding
         * costs c_a / p_a per unit of potential and being over target costs the slope of the convex deviation cost,
         * so the cheapest per unit are shed first while their cost per unit is below the slope. Never above the
         * knapsack's value.
         */
        long fractional() {
            double[] ratio = new double[sheddable.length];
            Integer[] order = new Integer[sheddable.length];
            for (int i = 0; i < sheddable.length; i++) {
                int a = sheddable[i];
                order[i] = i;
                ratio[i] = p.potential[a] == 0 ? Double.MAX_VALUE : p.moveCost[a] / (double) p.potential[a];
            }
            Arrays.sort(order, (x, y) -> Double.compare(ratio[x], ratio[y]));
            double over = Math.max(0, excess);
            double cost = 0;
            for (int i : order) {
                if (over <= 0) {
                    break;
                }
                double lowest = Math.max(0, over - p.potential[sheddable[i]]);
                double until = lowestWorthShedding(ratio[i], over, lowest);
                cost += ratio[i] * (over - until);
                boolean slopeTooLow = until > lowest;
                over = until;
                if (slopeTooLow) {
                    break;
                }
            }
            return (long) Math.floor(cost + realDeviationCost(over));
        }

        /** Going down from {@code from} towards {@code to}: where the deviation slope falls to {@code ratio} or below. */
        private double lowestWorthShedding(double ratio, double from, double to) {
            double[] breaks = {p.outerBand[r], p.innerBand[r], 0};
            double[] slopes = {1 + IndexedProblem.INNER_EXTRA_SLOPE + IndexedProblem.OUTER_EXTRA_SLOPE,
                    1 + IndexedProblem.INNER_EXTRA_SLOPE, 1};
            double level = from;
            for (int i = 0; i < breaks.length && level > to; i++) {
                if (level <= breaks[i]) {
                    continue;
                }
                if (slopes[i] + maxTermSlope() <= ratio) {
                    return level;
                }
                level = Math.max(to, breaks[i]);
            }
            return level;
        }

        /** Slope of the rep's W/m share of the max term, per unit over target (never above its rounded-up value). */
        private double maxTermSlope() {
            long t = p.rootTarget(r);
            return p.maxDeviationWeight() == 0 || t <= 0 ? 0
                    : p.maxDeviationWeight() * (double) IndexedProblem.UNITS_PER_MEAN_TARGET / t / p.repCount();
        }

        private double realDeviationCost(double over) {
            double cost = over + IndexedProblem.INNER_EXTRA_SLOPE * Math.max(0, over - p.innerBand[r])
                    + IndexedProblem.OUTER_EXTRA_SLOPE * Math.max(0, over - p.outerBand[r]);
            return cost + maxTermSlope() * over;
        }
    }

    private ObjectiveLowerBound() {
    }
}
