package io.territoryos.optimizer.solver;

import io.territoryos.optimizer.domain.RebalanceProblem;
import io.territoryos.optimizer.domain.SolverStatus;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.territoryos.optimizer.domain.TestBooks.account;
import static io.territoryos.optimizer.domain.TestBooks.options;
import static io.territoryos.optimizer.domain.TestBooks.problem;
import static io.territoryos.optimizer.domain.TestBooks.rep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The relaxation bound of the whole objective, and the max-deviation measurement, against known optima. */
class ObjectiveLowerBoundTest {

    @Test
    void shouldEqualTheOptimumWhenOneRepMustShedOneAccount() {
        // A holds 50 + 50, B nothing, equal quotas: targets 50 / 50. The optimum moves one account (one
        // DEPRIORITIZE move, nothing off target); A's part of the bound is exactly that move, B's is 0.
        RebalanceProblem book = problem(List.of(account("F", 50, "A"), account("G", 50, "A")),
                List.of(rep("A"), rep("B"))).withOptions(options().withMaxMoveFraction(1.0));
        IndexedProblem p = IndexedProblem.of(book);

        CpSatModel.Solution optimum = CpSatModel.solve(p, null, limits());
        ObjectiveLowerBound.Bound bound = ObjectiveLowerBound.of(p);

        assertThat(optimum.status()).isEqualTo(SolverStatus.OPTIMAL);
        assertThat(bound.units()).isPositive().isEqualTo(optimum.objective());
    }

    @Test
    void shouldCountTheSeatAFullRepMustFreeBeforeItCanBeFilled() {
        // B is under target and full (capacity 1): to be filled it must shed its account first, or stay short.
        // Receiving nothing costs its whole deviation, so its part of the bound is at least one move's cost.
        RebalanceProblem book = problem(List.of(account("F", 80, "A"), account("G", 10, "A"), account("H", 10, "B")),
                List.of(rep("A", 1_000_000, 10), rep("B", 1_000_000, 1)))
                .withOptions(options().withMaxMoveFraction(1.0));
        IndexedProblem p = IndexedProblem.of(book);

        CpSatModel.Solution optimum = CpSatModel.solve(p, null, limits());
        ObjectiveLowerBound.Bound bound = ObjectiveLowerBound.of(p);

        long oneMove = p.moveCost[0];
        assertThat(optimum.status()).isEqualTo(SolverStatus.OPTIMAL);
        assertThat(bound.units()).isGreaterThanOrEqualTo(2 * oneMove).isLessThanOrEqualTo(optimum.objective());
    }

    @Test
    void shouldNeverExceedAnyFeasibleObjectiveOnRandomBooks() {
        // A lower bound is only worth reporting if no assignment beats it: checked against proven optima, and
        // against every solution found, with and without the max-deviation term.
        Random random = new Random(5);
        int proven = 0;
        for (int round = 0; round < 16; round++) {
            RebalanceProblem book = RebalanceInvariantsTest.randomProblem(random);
            if (round % 2 == 1) {
                book = book.withOptions(book.options().withMaxDeviationWeight(1 + random.nextInt(50)));
            }
            IndexedProblem p = IndexedProblem.of(book);
            if (!FeasibilityCheck.explain(p).isEmpty()) {
                continue;
            }
            CpSatModel.Solution solution = CpSatModel.solve(p, null, limits());
            if (!solution.status().hasSolution()) {
                continue;
            }
            long bound = ObjectiveLowerBound.of(p).units();

            assertThat(bound).as("book %d", round).isLessThanOrEqualTo(p.objective(solution.assignment()));
            assertThat(bound).as("book %d", round).isLessThanOrEqualTo(solution.objective());
            if (solution.status() == SolverStatus.OPTIMAL) {
                proven++;
            }
        }
        assertThat(proven).isGreaterThan(5);
    }

    @Test
    void shouldMeasureTheLeastMaxDeviationReachableWithinTheBudget() {
        // A holds 60 + 40, B nothing: with one move the best is 60 / 40, 20% off target, and no better exists.
        RebalanceProblem book = problem(List.of(account("F", 60, "A"), account("G", 40, "A")),
                List.of(rep("A"), rep("B"))).withOptions(options().withMaxMoveFraction(0.5));

        MaxDeviationBound.Measurement measurement = MaxDeviationBound.measure(book, Map.of(), Duration.ofSeconds(20), 1);

        assertThat(measurement.status()).isEqualTo(SolverStatus.OPTIMAL);
        assertThat(measurement.maxMoves()).isEqualTo(1);
        assertThat(measurement.achieved()).isCloseTo(0.2, within(1e-9));
        assertThat(measurement.provenFloor()).isGreaterThan(0.199).isLessThanOrEqualTo(0.2);
    }

    private static CpSatModel.Limits limits() {
        return new CpSatModel.Limits(20, 2.0, 1, 1, null, false, null);
    }
}
