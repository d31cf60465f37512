package io.territoryos.optimizer.workflow;

import io.territoryos.optimizer.domain.CoverageBand;
import io.territoryos.optimizer.domain.MoveReason;
import io.territoryos.optimizer.domain.RebalanceResult.Move;
import io.territoryos.optimizer.solver.CpSatRebalancer;
import io.territoryos.optimizer.workflow.WhatIfService.AddRep;
import io.territoryos.optimizer.workflow.WhatIfService.ChangeQuota;
import io.territoryos.optimizer.workflow.WhatIfService.RemoveRep;
import io.territoryos.optimizer.workflow.WhatIfService.RepComparison;
import io.territoryos.optimizer.workflow.WhatIfService.SplitTerritory;
import io.territoryos.optimizer.workflow.WhatIfService.WhatIfReport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Headcount scenarios on a team's books from a book source: every rep and the team, before and after. */
class WhatIfServiceTest {

    private final TeamBooks books = new TeamBooks();

    private WhatIfService service(Map<String, Double> winRates) {
        return new WhatIfService(books, new CpSatRebalancer(), TeamBooks.options(), winRates, Duration.ofSeconds(1));
    }

    @Test
    void shouldGiveARampingNewcomerPartOfTheOverloadedBook() throws Exception {
        WhatIfReport report = service(Map.of()).simulate("East",
                new AddRep("E4", "Newcomer", "MID_MARKET", "NA-EAST", 1_000_000, null, true));

        RepComparison newcomer = rep(report, "E4");
        assertThat(newcomer.before()).isNull();
        assertThat(newcomer.after().status()).isEqualTo("RAMPING");
        assertThat(newcomer.after().potential()).isGreaterThan(0);
        assertThat(newcomer.movesIn()).isEqualTo((int) report.moves().stream().filter(m -> m.toRepId().equals("E4")).count());
        assertThat(report.moves()).allSatisfy(move -> assertThat(move.fromRepId()).isEqualTo("E1"));
        assertThat(report.teamBefore().repCount()).isEqualTo(3);
        assertThat(report.teamAfter().repCount()).isEqualTo(4);
        assertThat(report.teamAfter().cvCoverage()).isLessThan(report.teamBefore().cvCoverage());
        // nothing leaves the team: 1.1M of potential at the MID_MARKET default of 25%, before and after
        assertThat(report.projectedYieldBefore()).isCloseTo(275_000, within(1e-6));
        assertThat(report.projectedYieldAfter()).isCloseTo(275_000, within(1e-6));
        assertThat(report.reps().stream().mapToDouble(RepComparison::projectedYieldAfter).sum()).isCloseTo(275_000, within(1e-6));
    }

    @Test
    void shouldShowTheRemovedRepExitedAndTheirBookWithOthersAtTheConfiguredWinRate() throws Exception {
        WhatIfReport report = service(Map.of("MID_MARKET", 0.4)).simulate("East", new RemoveRep("E2"));

        RepComparison removed = rep(report, "E2");
        assertThat(removed.before().status()).isEqualTo("ACTIVE");
        assertThat(removed.before().potential()).isEqualTo(200_000);
        assertThat(removed.after().status()).isEqualTo("EXITED");
        assertThat(removed.after().potential()).isZero();
        assertThat(removed.after().accounts()).isZero();
        assertThat(report.moves()).filteredOn(move -> "E2".equals(move.fromRepId())).hasSize(2)
                .allSatisfy(move -> assertThat(move.reason()).isEqualTo(MoveReason.ORPHANED_BY_EXIT));
        assertThat(report.teamAfter().repCount()).isEqualTo(2);
        assertThat(report.projectedYieldBefore()).isCloseTo(440_000, within(1e-6));
        assertThat(report.projectedYieldAfter()).isCloseTo(440_000, within(1e-6));
    }

    @Test
    void shouldSplitOneBookByTheNewRepsQuotaAndLeaveTheRestOfTheTeamAlone() throws Exception {
        WhatIfReport report = service(Map.of()).simulate("East", new SplitTerritory("E1", "E1B", "Split", null, 500_000.0));

        assertThat(report.moves()).hasSize(3).allSatisfy(move -> {
            assertThat(move.fromRepId()).isEqualTo("E1");
            assertThat(move.toRepId()).isEqualTo("E1B");
        });
        assertThat(rep(report, "E1").before().quota()).isEqualTo(1_000_000);
        assertThat(rep(report, "E1").after().quota()).isEqualTo(500_000);
        assertThat(rep(report, "E1").after().potential()).isEqualTo(300_000);
        assertThat(rep(report, "E1B").before()).isNull();
        assertThat(rep(report, "E1B").after().coverage()).isCloseTo(0.6, within(1e-9));
        assertThat(rep(report, "E3").after()).isEqualTo(rep(report, "E3").before());
        assertThat(report.teamAfter().repCount()).isEqualTo(4);
    }

    @Test
    void shouldReadCoverageBeforeWithTodaysQuotaAndAfterWithTheNewOne() throws Exception {
        WhatIfReport report = service(Map.of()).simulate("East", new ChangeQuota("E1", 2_000_000));

        RepComparison changed = rep(report, "E1");
        assertThat(changed.before().coverage()).isCloseTo(0.6, within(1e-9));
        assertThat(changed.before().band()).isEqualTo(CoverageBand.UNDER_COVERED);
        assertThat(changed.after().quota()).isEqualTo(2_000_000);
        assertThat(changed.after().coverage()).isCloseTo(changed.after().potential() / 2_000_000, within(1e-9));
        assertThat(report.moves()).extracting(Move::fromRepId).doesNotContain("E2", "E3");
    }

    @Test
    void shouldRefuseARepOfAnotherTeamAnUnknownTeamAndAnUnknownSegment() {
        WhatIfService service = service(Map.of());

        assertThatThrownBy(() -> service.simulate("East", new RemoveRep("W1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("W1");
        assertThatThrownBy(() -> service.simulate("North", new RemoveRep("E1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("North");
        assertThatThrownBy(() -> service.simulate("East", new AddRep("E4", null, "GOVERNMENT", null, 1, null, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GOVERNMENT");
        assertThatThrownBy(() -> service.simulate("East", new SplitTerritory("E1", "E2", null, 0.5, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already");
    }

    private static RepComparison rep(WhatIfReport report, String repId) {
        return report.reps().stream().filter(r -> r.repId().equals(repId)).findFirst().orElseThrow();
    }
}
