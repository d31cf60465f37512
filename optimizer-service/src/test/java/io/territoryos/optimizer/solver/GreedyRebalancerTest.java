package io.territoryos.optimizer.solver;

import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.RebalanceProblem;
import io.territoryos.optimizer.domain.RebalanceResult;
import io.territoryos.optimizer.domain.Rep;
import io.territoryos.optimizer.domain.RepStatus;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.territoryos.optimizer.domain.TestBooks.account;
import static io.territoryos.optimizer.domain.TestBooks.locked;
import static io.territoryos.optimizer.domain.TestBooks.options;
import static io.territoryos.optimizer.domain.TestBooks.potentialAfter;
import static io.territoryos.optimizer.domain.TestBooks.problem;
import static io.territoryos.optimizer.domain.TestBooks.rep;
import static org.assertj.core.api.Assertions.assertThat;

class GreedyRebalancerTest {

    private final GreedyRebalancer greedy = new GreedyRebalancer();

    @Test
    void shouldPlaceTheLargestOrphanFirstWithTheRepFurthestBelowTarget() {
        Rep exited = new Rep("X", "Rep X", "T1", "SMB", "NA", RepStatus.EXITED, 1_000_000, 10);
        List<Account> accounts = List.of(account("A1", 30, "A"), account("B1", 10, "B"), account("X1", 40, "X"),
                account("X2", 20, "X"));

        RebalanceResult result = greedy.solve(problem(accounts, List.of(rep("A"), rep("B"), exited)));

        // Targets 50/50: the 40 goes to B (furthest below), then the 20 to A (now the one below).
        assertThat(result.ownerAfter()).containsEntry("X1", "B").containsEntry("X2", "A");
        assertThat(result.solver().strategy()).isEqualTo("GREEDY");
    }

    @Test
    void shouldMoveFromTheMostLoadedRepWithinTheBudgetAndNeverALock() {
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            accounts.add(locked("L" + i, 10, "A"));
        }
        for (int i = 0; i < 10; i++) {
            accounts.add(account("M" + i, 5, "A"));
        }
        RebalanceProblem problem = problem(accounts, List.of(rep("A"), rep("B")))
                .withOptions(options().withMaxMoveFraction(0.3));

        RebalanceResult result = greedy.solve(problem);

        assertThat(result.budget().maxMoves()).isEqualTo(3);
        assertThat(result.budget().budgetedMoves()).isEqualTo(3);
        assertThat(result.moves()).allSatisfy(move -> assertThat(move.accountId()).startsWith("M"));
        assertThat(potentialAfter(problem, result)).containsEntry("B", 15.0);
    }

    @Test
    void shouldStopWhenNoSingleMoveImprovesBalance() {
        // 30 vs 10, targets 20: moving the 30 would only swap the imbalance.
        RebalanceResult result = greedy.solve(problem(List.of(account("A1", 30, "A"), account("B1", 10, "B")),
                List.of(rep("A"), rep("B"))).withOptions(options().withMaxMoveFraction(1.0)));

        assertThat(result.moves()).isEmpty();
    }
}
