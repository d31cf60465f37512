package io.territoryos.optimizer.solver;

import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.RebalanceResult;
import io.territoryos.optimizer.domain.SolverStatus;
import io.territoryos.optimizer.domain.Tier;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.territoryos.optimizer.domain.TestBooks.account;
import static io.territoryos.optimizer.domain.TestBooks.locked;
import static io.territoryos.optimizer.domain.TestBooks.options;
import static io.territoryos.optimizer.domain.TestBooks.problem;
import static io.territoryos.optimizer.domain.TestBooks.rep;
import static org.assertj.core.api.Assertions.assertThat;

/** An infeasible scope is reported as such, with the reason in words, and nothing moves. */
class InfeasibleRebalanceTest {

    private final CpSatRebalancer rebalancer = new CpSatRebalancer();

    @Test
    void shouldExplainThatTheAccountsDoNotFitTheReps() {
        RebalanceResult result = rebalancer.solve(problem(
                List.of(account("A1", 10, "A"), account("A2", 10, "A"), account("A3", 10, "B")),
                List.of(rep("A", 1_000_000, 1), rep("B", 1_000_000, 1))));

        assertThat(result.status()).isEqualTo(SolverStatus.INFEASIBLE);
        assertThat(result.solver().explanation())
                .contains("3 accounts must be placed but the 2 active reps have capacity for 2 in total");
        assertThat(result.moves()).isEmpty();
        assertThat(result.ownerAfter()).isEmpty();
    }

    @Test
    void shouldNameTheAccountThatNoActiveRepMayTake() {
        Account enterprise = new Account("E1", "Big", "ENTERPRISE", "EMEA", 10, 1, Tier.TIER_1, null, false);

        RebalanceResult result = rebalancer.solve(problem(List.of(account("A1", 10, "A"), enterprise),
                List.of(rep("A"))));

        assertThat(result.status()).isEqualTo(SolverStatus.INFEASIBLE);
        assertThat(result.solver().explanation()).contains("no active rep of their segment").contains("E1 (ENTERPRISE, EMEA)");
    }

    @Test
    void shouldExplainLockedAccountsBeyondCapacity() {
        RebalanceResult result = rebalancer.solve(problem(
                List.of(locked("L1", 10, "A"), locked("L2", 10, "A"), locked("L3", 10, "A")),
                List.of(rep("A", 1_000_000, 2), rep("B", 1_000_000, 5))));

        assertThat(result.status()).isEqualTo(SolverStatus.INFEASIBLE);
        assertThat(result.solver().explanation()).contains("Rep A holds 3 locked accounts but has capacity for 2.");
    }

    @Test
    void shouldExplainWhenOverCapacityBooksNeedMoreMovesThanTheBudget() {
        List<Account> accounts = List.of(account("A1", 10, "A"), account("A2", 10, "A"), account("A3", 10, "A"),
                account("A4", 10, "A"), account("A5", 10, "A"));

        RebalanceResult result = rebalancer.solve(problem(accounts, List.of(rep("A", 1_000_000, 2), rep("B")))
                .withOptions(options().withMaxMoveFraction(0.2)));

        assertThat(result.status()).isEqualTo(SolverStatus.INFEASIBLE);
        assertThat(result.solver().explanation())
                .contains("Over-capacity books force 3 moves (A holds 5 for capacity 2)")
                .contains("the disruption budget allows 1 (20% of 5 movable accounts)");
    }

    @Test
    void shouldReportTheModelInfeasibleWhenOnlyTheCombinationFails() {
        // ARR 10, 10, 30 cannot be split 25/25 exactly; every cheap check passes, the model finds no assignment.
        List<Account> accounts = List.of(
                new Account("P1", "P1", "SMB", "NA", 40, 10, Tier.DEPRIORITIZE, "A", false),
                new Account("P2", "P2", "SMB", "NA", 40, 10, Tier.DEPRIORITIZE, "A", false),
                new Account("P3", "P3", "SMB", "NA", 120, 30, Tier.DEPRIORITIZE, "B", false));

        RebalanceResult result = rebalancer.solve(problem(accounts, List.of(rep("A"), rep("B")))
                .withOptions(options().withMaxMoveFraction(1.0).withTolerances(0.0, null)));

        assertThat(result.status()).isEqualTo(SolverStatus.INFEASIBLE);
        assertThat(result.solver().strategy()).isEqualTo("FULL_MODEL");
        assertThat(result.solver().explanation()).contains("with ARR within ±0.0").contains("combination");
        assertThat(result.moves()).isEmpty();
    }
}
