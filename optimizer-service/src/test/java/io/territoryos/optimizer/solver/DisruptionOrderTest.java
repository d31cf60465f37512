package io.territoryos.optimizer.solver;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The lexicographic order proposals and the greedy are compared on. */
class DisruptionOrderTest {

    private static DisruptionOrder order(boolean within, double worst, int moves, int tier1, int develop, long potential) {
        return new DisruptionOrder(within, worst, moves, new int[] {tier1, develop, 0, moves - tier1 - develop}, potential);
    }

    @Test
    void shouldRankReachingTheToleranceAboveAnyNumberOfMoves() {
        assertThat(order(true, 0.9, 500, 300, 0, 9).betterThan(order(false, 1.01, 1, 0, 0, 1))).isTrue();
    }

    @Test
    void shouldRankTheSmallerWorstDeviationFirstWhenTheToleranceIsOutOfReach() {
        assertThat(order(false, 1.5, 90, 9, 0, 9).betterThan(order(false, 2.0, 10, 0, 0, 1))).isTrue();
        // below the resolution (0.1% of a tolerance) two deviations count as equal, and moves decide
        assertThat(order(false, 1.5001, 10, 0, 0, 1).betterThan(order(false, 1.5, 90, 9, 0, 9))).isTrue();
    }

    @Test
    void shouldRankFewerMovesThenFewerTier1ThenLowerTiersThenPotential() {
        assertThat(order(true, 0.5, 10, 9, 0, 9).betterThan(order(true, 0.1, 11, 0, 0, 1))).isTrue();
        assertThat(order(true, 0.5, 10, 2, 8, 9).betterThan(order(true, 0.5, 10, 3, 0, 1))).isTrue();
        assertThat(order(true, 0.5, 10, 2, 1, 9).betterThan(order(true, 0.5, 10, 2, 2, 1))).isTrue();
        assertThat(order(true, 0.5, 10, 2, 1, 5).betterThan(order(true, 0.5, 10, 2, 1, 6))).isTrue();
        assertThat(order(true, 0.5, 10, 2, 1, 5).betterThan(order(true, 0.9, 10, 2, 1, 5))).isFalse();
    }
}
