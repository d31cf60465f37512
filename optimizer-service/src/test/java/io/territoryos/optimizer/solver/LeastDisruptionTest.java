package io.territoryos.optimizer.solver;

import io.territoryos.optimizer.bench.BookGenerator;
import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.RebalanceProblem;
import io.territoryos.optimizer.domain.RebalanceResult;
import io.territoryos.optimizer.domain.SolverStatus;
import io.territoryos.optimizer.domain.TestBooks;
import io.territoryos.optimizer.domain.Tier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.territoryos.optimizer.domain.TestBooks.options;
import static io.territoryos.optimizer.domain.TestBooks.rep;
import static org.assertj.core.api.Assertions.assertThat;

/** The least-disruption stage: no more moves than the tolerance needs, and the cheap accounts first. */
class LeastDisruptionTest {

    private final CpSatRebalancer rebalancer = new CpSatRebalancer();

    @Test
    void shouldMoveOneLargeAccountRatherThanManySmallOnesAndNoTier1WhenAnotherWillDo() {
        // A holds 300 and B 100, so A is 100 over target: one 100 account or ten 10s would do; of the two 100s
        // the TIER_1 one must stay.
        List<Account> accounts = new ArrayList<>();
        accounts.add(new Account("big-t1", "big", "SMB", "NA", 100, 10, Tier.TIER_1, "A", false));
        accounts.add(new Account("big-dep", "big", "SMB", "NA", 100, 10, Tier.DEPRIORITIZE, "A", false));
        for (int i = 0; i < 10; i++) {
            accounts.add(TestBooks.account("small" + i, 10, "A"));
        }
        accounts.add(TestBooks.account("b0", 100, "B"));
        RebalanceResult result = rebalancer.solve(TestBooks.problem(accounts, List.of(rep("A"), rep("B")))
                .withOptions(options().withMaxMoveFraction(1.0)));

        assertThat(result.moves()).extracting(RebalanceResult.Move::accountId).containsExactly("big-dep");
        assertThat(result.pools()).allMatch(RebalanceResult.PoolReport::withinTolerance);
    }

    @Test
    void shouldNeedNoMoreMovesThanTheProvenMinimumOnASmallBook() {
        RebalanceProblem problem = new BookGenerator(200, 4, 0, List.of("SMB"), 2.0, 0.05, 1.0, 5)
                .problem(options().withMaxMoveFraction(0.5));

        RebalanceResult result = rebalancer.solve(problem);
        MoveProof proof = MoveProof.measure(problem, result.ownerAfter(), Duration.ofSeconds(20), 1);

        assertThat(proof.status()).isEqualTo(SolverStatus.OPTIMAL);
        assertThat(result.pools()).allMatch(RebalanceResult.PoolReport::withinTolerance);
        assertThat(result.budget().budgetedMoves()).isEqualTo(proof.moves());
        assertThat(result.budget().tier1Moves()).isEqualTo(proof.tier1Moves());
        assertThat(result.budget().budgetedMoves()).isLessThanOrEqualTo(result.baseline().budgetedMoves() * 2);
    }

    @Test
    void shouldReportAMoveFloorThatNoAssignmentGoesBelow() {
        RebalanceProblem problem = new BookGenerator(200, 4, 0, List.of("SMB"), 2.0, 0.05, 1.0, 5)
                .problem(options().withMaxMoveFraction(0.5));
        MoveProof proof = MoveProof.measure(problem, Map.of(), Duration.ofSeconds(20), 1);

        assertThat(proof.movesFloor()).isPositive().isLessThanOrEqualTo(proof.moves());
        assertThat(rebalancer.solve(problem).solver().explanation()).contains("moves are needed");
    }
}
