package io.territoryos.optimizer.domain;

import io.territoryos.optimizer.solver.CpSatRebalancer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.territoryos.optimizer.domain.TestBooks.account;
import static io.territoryos.optimizer.domain.TestBooks.options;
import static io.territoryos.optimizer.domain.TestBooks.problem;
import static io.territoryos.optimizer.domain.TestBooks.rep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WhatIfTest {

    private final WhatIf whatIf = new WhatIf(new CpSatRebalancer(), Map.of("SMB", 0.5));

    /** A and B hold 40 accounts of 10 (A 300, B 100), quotas equal. */
    private static RebalanceProblem book() {
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            accounts.add(account("A" + i, 10, "A"));
        }
        for (int i = 0; i < 10; i++) {
            accounts.add(account("B" + i, 10, "B"));
        }
        return problem(accounts, List.of(rep("A"), rep("B"))).withOptions(options().withMaxMoveFraction(0.5));
    }

    @Test
    void shouldHandTheNewRepAShareOfTheBook() {
        WhatIf.WhatIfResult result = whatIf.addRep(book(), rep("C"));

        // Targets 133.3 each: A keeps 140 and hands 16 accounts to B and C (budget 20).
        assertThat(result.after().repCount()).isEqualTo(3);
        assertThat(result.proposal().reps()).filteredOn(impact -> impact.repId().equals("C"))
                .allSatisfy(impact -> assertThat(impact.potentialAfter()).isCloseTo(130, within(10.0)));
        assertThat(result.moves()).allSatisfy(move -> assertThat(move.fromRepId()).isEqualTo("A"));
        assertThat(result.projectedYieldBefore()).isCloseTo(200, within(1e-9));
        assertThat(result.projectedYieldAfter()).isCloseTo(200, within(1e-9));
        assertThat(result.yieldByRepAfter().values().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(200, within(1e-9));
    }

    @Test
    void shouldRedistributeTheBookOfARepWhoLeaves() {
        WhatIf.WhatIfResult result = whatIf.removeRep(book(), "B");

        assertThat(result.moves()).hasSize(10).allSatisfy(move -> {
            assertThat(move.reason()).isEqualTo(MoveReason.ORPHANED_BY_EXIT);
            assertThat(move.toRepId()).isEqualTo("A");
        });
        assertThat(result.before().repCount()).isEqualTo(2);
        assertThat(result.after().repCount()).isEqualTo(1);
        assertThat(result.after().cvCoverage()).isZero();
    }

    @Test
    void shouldFollowAQuotaChangeWithTheTarget() {
        // With A's quota tripled the targets are 300/100: today's book is already right, nothing moves.
        WhatIf.WhatIfResult result = whatIf.changeQuota(book(), "A", 3_000_000);

        assertThat(result.before().cvCoverage()).isGreaterThan(0.4);
        assertThat(result.after().cvCoverage()).isCloseTo(0.0, within(1e-9));
        assertThat(result.moves()).isEmpty();
    }

    @Test
    void shouldSplitATerritoryBetweenTheRepAndTheNewcomerOnly() {
        WhatIf.WhatIfResult result = whatIf.splitTerritory(book(), "A", "A2", "Newcomer", 0.5);

        assertThat(result.moves()).hasSize(15).allSatisfy(move -> {
            assertThat(move.fromRepId()).isEqualTo("A");
            assertThat(move.toRepId()).isEqualTo("A2");
        });
        assertThat(result.after().repCount()).isEqualTo(3);
        assertThat(result.projectedYieldAfter()).isCloseTo(result.projectedYieldBefore(), within(1e-9));
    }
}
