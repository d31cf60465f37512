package io.territoryos.optimizer.solver;

import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.RebalanceProblem;
import io.territoryos.optimizer.domain.Tier;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static io.territoryos.optimizer.domain.TestBooks.account;
import static io.territoryos.optimizer.domain.TestBooks.options;
import static io.territoryos.optimizer.domain.TestBooks.problem;
import static io.territoryos.optimizer.domain.TestBooks.rep;
import static org.assertj.core.api.Assertions.assertThat;

/** The solver-free first pass: single moves and swaps that lower the model's objective, never breaking a rule. */
class ExchangeSearchTest {

    private static final long NO_DEADLINE = Long.MAX_VALUE;

    @Test
    void shouldSwapWhereCapacityBlocksEverySingleMove() {
        // A holds 33 + 17 + 10, B (capacity 2) holds 13 + 7: targets 40/40 and B has no room for a single move.
        // Swapping the 33 for the 13 moves exactly 20 and keeps both counts.
        IndexedProblem p = IndexedProblem.of(problem(List.of(account("F", 33, "A"), account("G", 17, "A"),
                account("K", 10, "A"), account("H1", 13, "B"), account("H2", 7, "B")),
                List.of(rep("A", 1_000_000, 10), rep("B", 1_000_000, 2)))
                .withOptions(options().withMaxMoveFraction(1.0)));
        int[] start = p.owner.clone();

        ExchangeSearch.Outcome outcome = ExchangeSearch.improve(p, start, NO_DEADLINE);

        assertThat(GreedyRebalancer.assign(p).assignment()).as("the greedy is stuck").isEqualTo(start);
        assertThat(outcome.assignment()).containsExactly(1, 0, 0, 0, 1);
        assertThat(p.deviationPenalty(outcome.assignment())).isZero();
        assertThat(outcome.exchanges()).isEqualTo(1);
    }

    @Test
    void shouldPreferTheMoveThatCostsLessWhenBalanceGainsAlike() {
        // A holds two 50s and B holds 0 (targets 50/50): moving either balances; the TIER_1 one costs four times more.
        Account tier1 = new Account("T", "T", "SMB", "NA", 50, 10, Tier.TIER_1, "A", false);
        IndexedProblem p = IndexedProblem.of(problem(List.of(tier1, account("D", 50, "A")),
                List.of(rep("A"), rep("B"))).withOptions(options().withMaxMoveFraction(1.0)));

        ExchangeSearch.Outcome outcome = ExchangeSearch.improve(p, p.owner.clone(), NO_DEADLINE);

        assertThat(outcome.assignment()).containsExactly(0, 1);
    }

    @Test
    void shouldKeepEveryRuleAndNeverRaiseTheObjectiveOnRandomBooks() {
        Random random = new Random(7);
        int improved = 0;
        for (int round = 0; round < 40; round++) {
            RebalanceProblem book = RebalanceInvariantsTest.randomProblem(random);
            // Every other book also weighs the largest deviation: the pass must see that term move too.
            IndexedProblem p = IndexedProblem.of(round % 2 == 0 ? book
                    : book.withOptions(book.options().withMaxDeviationWeight(20)));
            GreedyRebalancer.Outcome placed = GreedyRebalancer.placeOnly(p);
            if (!placed.complete() || !p.satisfiesConstraints(placed.assignment())) {
                continue;
            }

            ExchangeSearch.Outcome outcome = ExchangeSearch.improve(p, placed.assignment(), NO_DEADLINE);

            // Candidates (segment, region, active reps), locks, capacity and the budget: all in satisfiesConstraints.
            assertThat(p.satisfiesConstraints(outcome.assignment())).isTrue();
            for (int a = 0; a < p.accountCount(); a++) {
                if (p.locked[a]) {
                    assertThat(outcome.assignment()[a]).isEqualTo(p.owner[a]);
                }
            }
            assertThat(p.objective(outcome.assignment())).isLessThanOrEqualTo(p.objective(placed.assignment()));
            if (p.objective(outcome.assignment()) < p.objective(placed.assignment())) {
                improved++;
            }
        }
        assertThat(improved).as("most random books have something to exchange").isGreaterThan(10);
    }

    @Test
    void shouldLeaveBooksWithArrTolerancesToTheModel() {
        IndexedProblem p = IndexedProblem.of(problem(List.of(account("F", 40, "A"), account("G", 20, "A")),
                List.of(rep("A"), rep("B"))).withOptions(options().withMaxMoveFraction(1.0).withTolerances(0.5, null)));

        ExchangeSearch.Outcome outcome = ExchangeSearch.improve(p, p.owner.clone(), NO_DEADLINE);

        assertThat(outcome.exchanges()).isZero();
        assertThat(outcome.assignment()).containsExactly(0, 0);
    }
}
