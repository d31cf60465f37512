package io.territoryos.optimizer.solver;

import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.MoveReason;
import io.territoryos.optimizer.domain.RebalanceOptions;
import io.territoryos.optimizer.domain.RebalanceProblem;
import io.territoryos.optimizer.domain.RebalanceResult;
import io.territoryos.optimizer.domain.Rep;
import io.territoryos.optimizer.domain.RepStatus;
import io.territoryos.optimizer.domain.SolverStatus;
import io.territoryos.optimizer.domain.Tier;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.territoryos.optimizer.domain.TestBooks.account;
import static io.territoryos.optimizer.domain.TestBooks.accountsAfter;
import static io.territoryos.optimizer.domain.TestBooks.locked;
import static io.territoryos.optimizer.domain.TestBooks.options;
import static io.territoryos.optimizer.domain.TestBooks.potentialAfter;
import static io.territoryos.optimizer.domain.TestBooks.problem;
import static io.territoryos.optimizer.domain.TestBooks.rep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each constraint of the model shown binding on a book small enough to solve by hand. */
class CpSatRebalancerTest {

    private final CpSatRebalancer rebalancer = new CpSatRebalancer();

    @Test
    void shouldKeepLockedAccountWithItsOwnerEvenWhenMovingItWouldBalanceBetter() {
        // A (quota 1) holds 15 locked + 25, B (quota 3) holds 60: targets 25 and 75. Moving the locked 15 would be
        // perfect; with the lock, moving the 25 is the best left (A 15, B 85).
        List<Rep> reps = List.of(rep("A", 1_000_000, 10), rep("B", 3_000_000, 10));
        List<Account> accounts = List.of(locked("L", 15, "A"), account("F", 25, "A"), account("G", 60, "B"));

        RebalanceOptions anyMove = options().withMaxMoveFraction(1.0);

        RebalanceResult withLock = rebalancer.solve(problem(accounts, reps).withOptions(anyMove));
        RebalanceResult withoutLock = rebalancer.solve(problem(
                List.of(account("L", 15, "A"), account("F", 25, "A"), account("G", 60, "B")), reps).withOptions(anyMove));

        assertThat(withLock.status()).isEqualTo(SolverStatus.OPTIMAL);
        assertThat(withLock.ownerAfter()).containsEntry("L", "A").containsEntry("F", "B").containsEntry("G", "B");
        assertThat(withLock.after().maxDeviation()).isGreaterThan(0.1);
        assertThat(withoutLock.ownerAfter()).containsEntry("L", "B").containsEntry("F", "A");
        assertThat(withoutLock.after().maxDeviation()).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void shouldSwapWhenCapacityBlocksTheObviousMoveWhereTheGreedyIsStuck() {
        // A holds 40 + 20, B holds 10 + 10 with room for 2: moving the 20 would balance (40/40) but B is full.
        // The only balanced book within capacity is the swap {20, 10, 10} / {40}.
        List<Rep> reps = List.of(rep("A", 1_000_000, 10), rep("B", 1_000_000, 2));
        List<Account> accounts = List.of(account("F", 40, "A"), account("G", 20, "A"), account("H1", 10, "B"),
                account("H2", 10, "B"));

        RebalanceResult result = rebalancer.solve(problem(accounts, reps).withOptions(options().withMaxMoveFraction(1.0)));

        assertThat(result.status()).isEqualTo(SolverStatus.OPTIMAL);
        assertThat(accountsAfter(result, "B")).isLessThanOrEqualTo(2);
        assertThat(result.ownerAfter()).containsEntry("F", "B").containsEntry("G", "A")
                .containsEntry("H1", "A").containsEntry("H2", "A");
        assertThat(result.moves()).hasSize(3);
        assertThat(result.after().maxDeviation()).isCloseTo(0.0, within(1e-9));
        assertThat(result.baseline().moves()).isZero();
        assertThat(result.baseline().after().maxDeviation()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void shouldNotMoveAccountsAcrossSegments() {
        Rep smb = rep("A");
        Rep midMarket = new Rep("B", "Rep B", "T1", "MID_MARKET", "NA", RepStatus.ACTIVE, 1_000_000, 100);
        List<Account> accounts = List.of(account("S1", 60, "A"), account("S2", 20, "A"),
                new Account("M1", "M1", "MID_MARKET", "NA", 20, 5, Tier.DEPRIORITIZE, "B", false));

        RebalanceResult result = rebalancer.solve(problem(accounts, List.of(smb, midMarket)));

        assertThat(result.status()).isEqualTo(SolverStatus.OPTIMAL);
        assertThat(result.moves()).isEmpty();
        // Each segment is its own pool, and each rep holds all of their pool's potential: both are on target.
        assertThat(result.after().maxDeviation()).isCloseTo(0.0, within(1e-9));
        assertThat(result.pools()).extracting(RebalanceResult.PoolReport::poolId).containsExactly("SMB/NA", "MID_MARKET/NA");
        assertThat(result.pools()).allMatch(RebalanceResult.PoolReport::withinTolerance);
    }

    @Test
    void shouldKeepAccountsInTheirRegionOnlyWhenTheTeamIsRegional() {
        Rep east = rep("A");
        Rep emea = new Rep("B", "Rep B", "T1", "SMB", "EMEA", RepStatus.ACTIVE, 1_000_000, 100);
        List<Account> accounts = List.of(account("N1", 50, "A"), account("N2", 30, "A"), account("N3", 20, "A"));
        RebalanceProblem problem = problem(accounts, List.of(east, emea))
                .withOptions(options().withMaxMoveFraction(1.0));

        RebalanceResult regional = rebalancer.solve(problem.withAllTeamsRegional(true));
        RebalanceResult national = rebalancer.solve(problem);

        assertThat(regional.moves()).isEmpty();
        assertThat(national.moves()).extracting(RebalanceResult.Move::accountId).containsExactly("N1");
    }

    @Test
    void shouldStopAtTheDisruptionBudget() {
        // Ten accounts of 10 on A, none on B: balance needs 5 moves, a 20% budget allows floor(0.2 x 10) = 2.
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            accounts.add(account("A" + i, 10, "A"));
        }
        RebalanceProblem problem = problem(accounts, List.of(rep("A"), rep("B")));

        RebalanceResult capped = rebalancer.solve(problem.withOptions(options().withMaxMoveFraction(0.2)));
        RebalanceResult generous = rebalancer.solve(problem.withOptions(options().withMaxMoveFraction(0.5)));

        assertThat(capped.budget().maxMoves()).isEqualTo(2);
        assertThat(capped.budget().budgetedMoves()).isEqualTo(2);
        assertThat(potentialAfter(problem, capped)).containsEntry("A", 80.0).containsEntry("B", 20.0);
        assertThat(capped.moves()).allSatisfy(move -> {
            assertThat(move.reason()).isEqualTo(MoveReason.RELIEVE_OVERLOAD);
            assertThat(move.countsAgainstBudget()).isTrue();
        });
        assertThat(generous.budget().budgetedMoves()).isEqualTo(5);
        assertThat(generous.after().maxDeviation()).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void shouldPlaceOrphansAndThePoolFreeOfTheBudget() {
        // No budget at all: the exited rep's four accounts still go (to B, who needs them); so does the pool.
        Rep exited = new Rep("X", "Rep X", "T1", "SMB", "NA", RepStatus.EXITED, 1_000_000, 100);
        Rep enterprise = new Rep("E", "Rep E", "T1", "ENTERPRISE", "NA", RepStatus.ACTIVE, 0, 100);
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            accounts.add(account("A" + i, 10, "A"));
        }
        for (int i = 0; i < 4; i++) {
            accounts.add(account("X" + i, 10, "X"));
        }
        accounts.add(account("P", 0, null));
        accounts.add(new Account("N", "New", "ENTERPRISE", "NA", 0, 0, Tier.DEPRIORITIZE, null, false));
        RebalanceProblem problem = problem(accounts, List.of(rep("A"), rep("B"), exited, enterprise))
                .withOptions(options().withMaxMoveFraction(0.0));

        RebalanceResult result = rebalancer.solve(problem);

        assertThat(result.status().hasSolution()).isTrue();
        assertThat(result.budget().maxMoves()).isZero();
        assertThat(result.budget().budgetedMoves()).isZero();
        assertThat(result.budget().freeMoves()).isEqualTo(6);
        assertThat(result.moves()).filteredOn(move -> move.accountId().startsWith("X")).hasSize(4).allSatisfy(move -> {
            assertThat(move.toRepId()).isEqualTo("B");
            assertThat(move.reason()).isEqualTo(MoveReason.ORPHANED_BY_EXIT);
            assertThat(move.countsAgainstBudget()).isFalse();
        });
        assertThat(result.moves()).filteredOn(move -> move.accountId().equals("P"))
                .extracting(RebalanceResult.Move::reason).containsExactly(MoveReason.UNASSIGNED_POOL);
        assertThat(result.moves()).filteredOn(move -> move.accountId().equals("N"))
                .extracting(RebalanceResult.Move::reason).containsExactly(MoveReason.NEW_MARKET);
        assertThat(result.ownerAfter()).containsEntry("A0", "A").containsEntry("N", "E");
    }

    @Test
    void shouldReachEqualCoverageWhenTheBookAllowsIt() {
        // Quotas 1:2:1 over 160 of potential: targets 40, 80, 40, reachable exactly from {40, 40, 40, 20, 20}.
        List<Rep> reps = List.of(rep("A", 1_000_000, 10), rep("B", 2_000_000, 10), rep("C", 1_000_000, 10));
        List<Account> accounts = List.of(account("P1", 40, "A"), account("P2", 40, "A"), account("P3", 40, "A"),
                account("P4", 20, "A"), account("P5", 20, "A"));

        RebalanceResult result = rebalancer.solve(problem(accounts, reps).withOptions(options().withMaxMoveFraction(1.0)));

        assertThat(result.status()).isEqualTo(SolverStatus.OPTIMAL);
        assertThat(result.before().cvCoverage()).isGreaterThan(1.0);
        assertThat(result.after().cvCoverage()).isCloseTo(0.0, within(1e-9));
        assertThat(result.after().giniCoverage()).isCloseTo(0.0, within(1e-9));
        assertThat(result.reps()).allSatisfy(impact ->
                assertThat(impact.coverageAfter()).isCloseTo(40e-6, within(1e-12)));
    }

    @Test
    void shouldStopEarlyWithoutTheFullModelWhenPlacingTheOrphansBalancesTheBook() {
        // Five reps hold 40 accounts of 10 each; the exited rep's 50 go 10 to each: on target with no budgeted move.
        // The book is too large for the full model to be tiny, so one round of pairs that finds nothing cheaper
        // ends the solve, long before its 20 s limit. With the tolerance off, the full model runs after the search.
        List<Rep> reps = new ArrayList<>();
        List<Account> accounts = new ArrayList<>();
        for (String id : List.of("A", "B", "C", "D", "E")) {
            reps.add(rep(id, 1_000_000, 100));
            for (int i = 0; i < 40; i++) {
                accounts.add(account(id + i, 10, id));
            }
        }
        reps.add(new Rep("X", "Rep X", "T1", "SMB", "NA", RepStatus.EXITED, 1_000_000, 100));
        for (int i = 0; i < 50; i++) {
            accounts.add(account("X" + i, 10, "X"));
        }
        RebalanceProblem problem = problem(accounts, reps);

        RebalanceResult early = rebalancer.solve(problem);
        RebalanceResult exhaustive = rebalancer.solve(problem.withOptions(options().withBalanceTolerance(0)));

        assertThat(early.status()).isEqualTo(SolverStatus.FEASIBLE);
        assertThat(early.solver().strategy()).isEqualTo("NEIGHBOURHOOD_SEARCH");
        assertThat(early.solver().subproblems()).as("one round of pairs").isEqualTo(2);
        assertThat(early.solver().explanation()).contains("Stopped early: every rep within 0.9% of target");
        assertThat(early.budget().budgetedMoves()).isZero();
        assertThat(early.after().maxDeviation()).isCloseTo(0.0, within(1e-9));
        assertThat(exhaustive.solver().strategy()).isEqualTo("FULL_MODEL");
        assertThat(exhaustive.solver().subproblems()).isGreaterThan(2);
        assertThat(exhaustive.after().maxDeviation()).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void shouldExplainEachRepsChangeInOneSentence() {
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            accounts.add(account("A" + i, 10, "A"));
        }
        RebalanceResult result = rebalancer.solve(problem(accounts, List.of(rep("A"), rep("B"), rep("C")))
                .withOptions(options().withMaxMoveFraction(1.0)));

        Map<String, String> sentences = new java.util.HashMap<>();
        result.reps().forEach(impact -> sentences.put(impact.repId(), impact.explanation()));
        // Keeping 4 (A 40, B 30, C 30) balances as well as keeping 3 and takes one move less.
        assertThat(sentences.get("A")).startsWith("You hand over 6 accounts ($60)")
                .contains("200.0% above your target of $33");
        assertThat(sentences.get("B")).startsWith("You receive").contains("100.0% below");
        assertThat(result.reps()).extracting(RebalanceResult.RepImpact::movesOut).containsExactly(6, 0, 0);
    }
}
