package io.territoryos.optimizer.solver;

import io.territoryos.optimizer.domain.Tier;

import java.util.Comparator;

/**
 * The order in which two valid answers to one rebalance are compared (the "lexicographically"): first,
 * reaching every rep's balance tolerance beats not reaching it, and between two answers that miss it the smaller
 * worst deviation (relative to each rep's tolerance) wins; then fewer budgeted moves; then fewer TIER_1 moves,
 * then DEVELOP, then QUICK_WIN, then DEPRIORITIZE moves; then less potential moved. The proposal and the greedy
 * baseline are compared on this same order, so "never worse than the greedy" means never worse on any level.
 *
 * @param worstExcess largest |load − target| / (tolerance × target) over the reps: at most 1 means balanced
 * @param tierMoves   budgeted moves per tier, in {@link Tier} order (TIER_1 first)
 */
record DisruptionOrder(boolean withinTolerance, double worstExcess, int moves, int[] tierMoves, long potentialMoved)
        implements Comparable<DisruptionOrder> {

    /** Deviations are compared to 0.1% of a tolerance: finer differences are rounding, not balance. */
    private static final double EXCESS_RESOLUTION = 1e-3;

    private static final Comparator<DisruptionOrder> ORDER = Comparator
            .comparing((DisruptionOrder q) -> !q.withinTolerance())
            .thenComparing(q -> q.withinTolerance() ? 0 : Math.round(q.worstExcess() / EXCESS_RESOLUTION))
            .thenComparingInt(DisruptionOrder::moves)
            .thenComparingInt(q -> q.tierMoves()[0])
            .thenComparingInt(q -> q.tierMoves()[1])
            .thenComparingInt(q -> q.tierMoves()[2])
            .thenComparingInt(q -> q.tierMoves()[3])
            .thenComparingLong(DisruptionOrder::potentialMoved);

    static DisruptionOrder of(IndexedProblem p, int[] assignment) {
        long[] load = p.loads(assignment);
        double worst = 0;
        for (int r = 0; r < p.repCount(); r++) {
            double allowed = p.toleranceUnits(r);
            worst = Math.max(worst, Math.abs(load[r] - p.target[r]) / allowed);
        }
        int moves = 0;
        int[] tiers = new int[Tier.values().length];
        long potentialMoved = 0;
        for (int a = 0; a < p.accountCount(); a++) {
            if (p.isMovable(a) && assignment[a] != p.owner[a]) {
                moves++;
                tiers[p.accounts[a].tier().ordinal()]++;
                potentialMoved += p.potential[a];
            }
        }
        return new DisruptionOrder(worst <= 1.0, worst, moves, tiers, potentialMoved);
    }

    boolean betterThan(DisruptionOrder other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(DisruptionOrder other) {
        return ORDER.compare(this, other);
    }

    int tier1Moves() {
        return tierMoves[Tier.TIER_1.ordinal()];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DisruptionOrder other && compareTo(other) == 0;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(withinTolerance) * 31 + moves;
    }

    @Override
    public String toString() {
        return (withinTolerance ? "within tolerance" : String.format(java.util.Locale.ROOT,
                "worst rep %.2fx their tolerance", worstExcess)) + ", " + moves + " moves (" + tier1Moves() + " TIER_1)";
    }
}
