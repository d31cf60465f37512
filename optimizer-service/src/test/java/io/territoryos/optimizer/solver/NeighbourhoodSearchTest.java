package io.territoryos.optimizer.solver;

import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.TestBooks;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The large-neighbourhood search: exact re-solves of small groups of reps, balance first. */
class NeighbourhoodSearchTest {

    private static final double TOLERANCE = 0.005;

    @Test
    void shouldNeverPushARepOutOfTheToleranceToSaveMovesOnRandomBooks() {
        // The search weighs moves against balance; within a neighbourhood, each rep's deviation is capped at the
        // tolerance or where it already was, whichever is larger. So no rep ends further out than it started.
        Random random = new Random(11);
        int searched = 0;
        for (int round = 0; round < 12; round++) {
            IndexedProblem p = IndexedProblem.of(RebalanceInvariantsTest.randomProblem(random));
            GreedyRebalancer.Outcome start = GreedyRebalancer.assign(p);
            if (!start.complete() || !p.satisfiesConstraints(start.assignment())) {
                continue;
            }
            searched++;

            NeighbourhoodSearch.Outcome outcome =
                    NeighbourhoodSearch.improve(p, start.assignment(), settings(TOLERANCE));

            assertThat(p.satisfiesConstraints(outcome.assignment())).isTrue();
            assertThat(p.objective(outcome.assignment())).isLessThanOrEqualTo(p.objective(start.assignment()));
            long[] before = p.loads(start.assignment());
            long[] after = p.loads(outcome.assignment());
            for (int r = 0; r < p.repCount(); r++) {
                long allowed = Math.max((long) Math.floor(TOLERANCE * p.target[r]), Math.abs(before[r] - p.target[r]));
                assertThat(Math.abs(after[r] - p.target[r])).as("rep %d of book %d", r, round)
                        .isLessThanOrEqualTo(allowed);
            }
        }
        assertThat(searched).isGreaterThan(5);
    }

    @Test
    void shouldStopAtTheFirstRoundThatFindsNothingOnceBalanced() {
        // Four reps on target with no accounts away from home: one round of pairs finds nothing and the search ends.
        java.util.List<Account> accounts = new java.util.ArrayList<>();
        for (String rep : new String[] {"A", "B", "C", "D"}) {
            for (int i = 0; i < 5; i++) {
                accounts.add(TestBooks.account(rep + i, 10 + i, rep));
            }
        }
        IndexedProblem p = IndexedProblem.of(TestBooks.problem(accounts, java.util.List.of(TestBooks.rep("A"),
                TestBooks.rep("B"), TestBooks.rep("C"), TestBooks.rep("D"))));

        NeighbourhoodSearch.Outcome balanced = NeighbourhoodSearch.improve(p, p.owner.clone(), settings(TOLERANCE));
        NeighbourhoodSearch.Outcome exhaustive = NeighbourhoodSearch.improve(p, p.owner.clone(), settings(0));

        assertThat(balanced.balanced()).isTrue();
        assertThat(balanced.early()).isTrue();
        assertThat(balanced.solves()).isEqualTo(2);
        assertThat(exhaustive.balanced()).isFalse();
        assertThat(exhaustive.solves()).as("groups of three and four are tried too").isGreaterThan(2);
        assertThat(exhaustive.assignment()).isEqualTo(p.owner);
    }

    private static NeighbourhoodSearch.Settings settings(double tolerance) {
        // A deadline no test reaches: the search ends by convergence or by the tolerance, never by the clock.
        return new NeighbourhoodSearch.Settings(System.nanoTime() + 600_000_000_000L, 1, 20.0, 0.05, 1, 4, 60,
                tolerance, Long.MAX_VALUE);
    }
}
