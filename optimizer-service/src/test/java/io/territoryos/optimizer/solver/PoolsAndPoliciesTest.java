package io.territoryos.optimizer.solver;

import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.MoveReason;
import io.territoryos.optimizer.domain.RebalanceProblem;
import io.territoryos.optimizer.domain.RebalanceResult;
import io.territoryos.optimizer.domain.Rep;
import io.territoryos.optimizer.domain.RepStatus;
import io.territoryos.optimizer.domain.TeamPolicy;
import io.territoryos.optimizer.domain.TestBooks;
import io.territoryos.optimizer.domain.Tier;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.territoryos.optimizer.domain.TestBooks.account;
import static io.territoryos.optimizer.domain.TestBooks.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Pools and their targets, team policies (regional, ON_LEAVE), reason codes and data warnings. */
class PoolsAndPoliciesTest {

    private final CpSatRebalancer rebalancer = new CpSatRebalancer();

    private static Rep rep(String id, String team, String segment, String region, RepStatus status) {
        return new Rep(id, "Rep " + id, team, segment, region, status, 1_000_000, 100);
    }

    private static Account at(String id, String segment, String region, double potential, String owner) {
        return new Account(id, id, segment, region, potential, potential / 4, Tier.DEPRIORITIZE, owner, false);
    }

    @Test
    void shouldBalanceEachPoolAgainstItsOwnPotentialNotTheScopesShare() {
        // SMB holds 300 for two reps, MID_MARKET 100 for two: a scope-wide target (100 each) would leave the SMB
        // pool's split free; per pool the SMB reps aim at 150 each and the MID_MARKET reps at 50 each.
        List<Rep> reps = List.of(rep("S1", "t", "SMB", "NA", RepStatus.ACTIVE), rep("S2", "t", "SMB", "NA", RepStatus.ACTIVE),
                rep("M1", "t", "MID_MARKET", "NA", RepStatus.ACTIVE), rep("M2", "t", "MID_MARKET", "NA", RepStatus.ACTIVE));
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            accounts.add(at("s" + i, "SMB", "NA", 10, i < 25 ? "S1" : "S2"));
        }
        for (int i = 0; i < 10; i++) {
            accounts.add(at("m" + i, "MID_MARKET", "NA", 10, i < 8 ? "M1" : "M2"));
        }
        RebalanceResult result = rebalancer.solve(new RebalanceProblem(accounts, reps, options().withMaxMoveFraction(1.0)));

        Map<String, Double> after = TestBooks.potentialAfter(new RebalanceProblem(accounts, reps, options()), result);
        assertThat(after.get("S1")).isCloseTo(150, within(1e-9));
        assertThat(after.get("S2")).isCloseTo(150, within(1e-9));
        assertThat(after.get("M1")).isCloseTo(50, within(1e-9));
        assertThat(result.reps()).filteredOn(r -> r.repId().equals("S1")).singleElement()
                .satisfies(r -> assertThat(r.targetPotential()).isCloseTo(150, within(1e-6)));
        assertThat(result.pools()).hasSize(2).allMatch(RebalanceResult.PoolReport::withinTolerance);
        assertThat(result.pools()).allSatisfy(pool -> assertThat(pool.after().cvCoverage()).isCloseTo(0, within(1e-9)));
    }

    @Test
    void shouldKeepAccountsInTheirRegionOnlyForTheRegionalTeam() {
        // Team "reg" is regional (EAST and WEST reps), team "nat" is not: a WEST account of "nat" may go anywhere.
        List<Rep> reps = List.of(rep("E", "reg", "SMB", "EAST", RepStatus.ACTIVE), rep("W", "reg", "SMB", "WEST", RepStatus.ACTIVE),
                rep("N", "nat", "SMB", "EAST", RepStatus.ACTIVE));
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            accounts.add(at("e" + i, "SMB", "EAST", 10, "E"));
        }
        accounts.add(at("w0", "SMB", "WEST", 10, "W"));
        RebalanceProblem problem = new RebalanceProblem(accounts, reps, options().withMaxMoveFraction(1.0),
                Map.of("reg", TeamPolicy.defaults("reg").withRegional(true)), List.of());

        RebalanceResult result = rebalancer.solve(problem);

        // W may only take WEST accounts: none of E's EAST book goes to W, while N (not regional) shares it.
        assertThat(result.moves()).noneMatch(m -> m.toRepId().equals("W"));
        assertThat(result.moves()).anyMatch(m -> m.toRepId().equals("N"));
        // W and N can both take WEST accounts, E and N EAST ones: one pool, and W's target is out of reach.
        assertThat(result.pools()).singleElement().satisfies(pool -> assertThat(pool.withinTolerance()).isFalse());
    }

    @Test
    void shouldLeaveTheBookOfARepOnLeaveAloneByDefault() {
        List<Rep> reps = List.of(rep("A", "t", "SMB", "NA", RepStatus.ACTIVE), rep("B", "t", "SMB", "NA", RepStatus.ACTIVE),
                rep("L", "t", "SMB", "NA", RepStatus.ON_LEAVE));
        List<Account> accounts = new ArrayList<>(List.of(account("a1", 30, "A"), account("a2", 10, "A"),
                account("b1", 10, "B"), account("l1", 50, "L"), TestBooks.locked("l2", 50, "L")));

        RebalanceResult kept = rebalancer.solve(new RebalanceProblem(accounts, reps, options().withMaxMoveFraction(1.0)));

        assertThat(kept.moves()).noneMatch(m -> "L".equals(m.fromRepId()) || "L".equals(m.toRepId()));
        assertThat(kept.ownerAfter()).doesNotContainKeys("l1", "l2");
        assertThat(kept.reps()).filteredOn(r -> r.repId().equals("L")).singleElement().satisfies(r -> {
            assertThat(r.accountsAfter()).isEqualTo(2);
            assertThat(r.explanation()).contains("keeps your 2 accounts");
        });
        // A and B share 50 between them; L's 100 is out of the targets.
        assertThat(kept.reps()).filteredOn(r -> r.repId().equals("A")).singleElement()
                .satisfies(r -> assertThat(r.targetPotential()).isCloseTo(25, within(1e-6)));

        RebalanceResult redistributed = rebalancer.solve(new RebalanceProblem(accounts, reps,
                options().withMaxMoveFraction(1.0), Map.of("t", TeamPolicy.defaults("t")
                .withOnLeave(TeamPolicy.OnLeave.REDISTRIBUTE, true)), List.of()));

        assertThat(redistributed.moves()).filteredOn(m -> "L".equals(m.fromRepId()))
                .extracting(RebalanceResult.Move::accountId, RebalanceResult.Move::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("l1", MoveReason.OWNER_ON_LEAVE));
        assertThat(redistributed.moves()).noneMatch(m -> m.reason() == MoveReason.ORPHANED_BY_EXIT);
    }

    @Test
    void shouldNameWhatHappenedToEachAccountWithoutAnActiveOwner() {
        List<Rep> reps = List.of(rep("A", "t", "SMB", "NA", RepStatus.ACTIVE), rep("B", "t", "SMB", "NA", RepStatus.ACTIVE),
                rep("X", "t", "SMB", "NA", RepStatus.EXITED));
        List<Account> accounts = List.of(account("a1", 10, "A"), account("b1", 10, "B"), account("x1", 10, "X"),
                account("pool", 10, null), at("latam", "SMB", "LATAM", 10, null), account("ghost", 10, "NOBODY"));

        RebalanceResult result = rebalancer.solve(new RebalanceProblem(accounts, reps, options()));

        Map<String, MoveReason> reasons = new java.util.HashMap<>();
        result.moves().forEach(m -> reasons.put(m.accountId(), m.reason()));
        assertThat(reasons).containsEntry("x1", MoveReason.ORPHANED_BY_EXIT)
                .containsEntry("pool", MoveReason.UNASSIGNED_POOL)
                .containsEntry("latam", MoveReason.NEW_MARKET)
                .containsEntry("ghost", MoveReason.UNASSIGNED_POOL);
        assertThat(result.warnings()).singleElement().asString()
                .contains("ghost (owner NOBODY)").contains("the CRM does not know");
    }
}
