package io.territoryos.optimizer.solver;

import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.RebalanceOptions;
import io.territoryos.optimizer.domain.RebalanceProblem;
import io.territoryos.optimizer.domain.RebalanceResult;
import io.territoryos.optimizer.domain.Rebalancer;
import io.territoryos.optimizer.domain.Rep;
import io.territoryos.optimizer.domain.RepStatus;
import io.territoryos.optimizer.domain.SolverStatus;
import io.territoryos.optimizer.domain.Tier;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a batch of random small books (locks, exits, the pool, two segments, tight capacities, regional or not), every
 * proposal the CP-SAT rebalancer or the greedy makes keeps the hard rules: locks stay, the budget holds, capacity
 * holds, moves go to active compatible reps, and an infeasible book says why.
 */
class RebalanceInvariantsTest {

    private static final List<String> SEGMENTS = List.of("SMB", "MID_MARKET");
    private static final List<String> REGIONS = List.of("NA", "EMEA");

    @Test
    void shouldNeverExceedTheBudgetNorMoveALockOnRandomBooks() {
        Random random = new Random(42);
        int solved = 0;
        for (int round = 0; round < 30; round++) {
            RebalanceProblem problem = randomProblem(random);
            for (Rebalancer rebalancer : List.of(new CpSatRebalancer(), new GreedyRebalancer())) {
                RebalanceResult result = rebalancer.solve(problem);
                if (result.status().hasSolution()) {
                    solved++;
                    assertKeepsTheRules(problem, result);
                } else {
                    assertThat(result.status()).isEqualTo(SolverStatus.INFEASIBLE);
                    assertThat(result.solver().explanation()).isNotBlank();
                    assertThat(result.moves()).isEmpty();
                }
            }
        }
        assertThat(solved).as("most random books are feasible").isGreaterThan(30);
    }

    private static void assertKeepsTheRules(RebalanceProblem problem, RebalanceResult result) {
        Map<String, Rep> reps = new HashMap<>();
        problem.reps().forEach(rep -> reps.put(rep.id(), rep));
        Map<String, Integer> held = new HashMap<>();
        int movable = 0;
        int budgeted = 0;
        for (Account account : problem.accounts()) {
            String to = result.ownerAfter().get(account.id());
            Rep owner = account.ownerRepId() == null ? null : reps.get(account.ownerRepId());
            boolean ownerActive = owner != null && owner.active();
            assertThat(reps.get(to).active()).as("%s goes to an active rep", account.id()).isTrue();
            held.merge(to, 1, Integer::sum);
            if (account.locked() && ownerActive) {
                assertThat(to).as("locked %s stays", account.id()).isEqualTo(account.ownerRepId());
            }
            if (ownerActive && !account.locked()) {
                movable++;
                if (!to.equals(account.ownerRepId())) {
                    budgeted++;
                }
            }
            if (!to.equals(account.ownerRepId())) {
                Rep receiver = reps.get(to);
                assertThat(receiver.segment()).isEqualTo(account.segment());
                if (problem.policyOf(receiver).regional()) {
                    assertThat(receiver.region()).isEqualTo(account.region());
                }
            }
        }
        held.forEach((rep, count) -> assertThat(count).isLessThanOrEqualTo(reps.get(rep).capacityAccounts()));
        int maxMoves = (int) Math.floor(problem.options().maxMoveFraction() * movable + 1e-9);
        assertThat(result.budget().maxMoves()).isEqualTo(maxMoves);
        assertThat(result.budget().budgetedMoves()).isEqualTo(budgeted).isLessThanOrEqualTo(maxMoves);
        assertThat(result.moves().stream().filter(RebalanceResult.Move::countsAgainstBudget).count())
                .isEqualTo(budgeted);
    }

    /** A small random book: 4-6 reps (maybe one exited), 20-40 accounts, locks, the pool, tight capacities. */
    static RebalanceProblem randomProblem(Random random) {
        List<Rep> reps = new ArrayList<>();
        int repCount = 4 + random.nextInt(3);
        for (int i = 0; i < repCount; i++) {
            RepStatus status = i == 0 && random.nextBoolean() ? RepStatus.EXITED
                    : i == 1 && random.nextInt(4) == 0 ? RepStatus.RAMPING : RepStatus.ACTIVE;
            reps.add(new Rep("R" + i, "Rep " + i, "T1", SEGMENTS.get(i % 2), REGIONS.get(random.nextInt(2)), status,
                    500_000 + random.nextInt(1_000_000), 10 + random.nextInt(10)));
        }
        List<Account> accounts = new ArrayList<>();
        int accountCount = 20 + random.nextInt(20);
        for (int a = 0; a < accountCount; a++) {
            String segment = SEGMENTS.get(random.nextInt(2));
            List<Rep> sameSegment = reps.stream().filter(rep -> rep.segment().equals(segment)).toList();
            String owner = random.nextInt(10) == 0 ? null : sameSegment.get(random.nextInt(sameSegment.size())).id();
            Tier tier = Tier.values()[random.nextInt(Tier.values().length)];
            double potential = Math.round(10_000 * Math.exp(random.nextGaussian()));
            accounts.add(new Account("A" + a, "Account " + a, segment, REGIONS.get(random.nextInt(2)), potential,
                    potential / 3, tier, owner, owner != null && random.nextInt(6) == 0));
        }
        RebalanceOptions options = RebalanceOptions.defaults().withTimeLimit(Duration.ofSeconds(20))
                .withMaxMoveFraction(0.1 + 0.2 * random.nextDouble())
                .reproducible(0.3);
        return new RebalanceProblem(accounts, reps, options).withAllTeamsRegional(random.nextInt(3) == 0);
    }
}
