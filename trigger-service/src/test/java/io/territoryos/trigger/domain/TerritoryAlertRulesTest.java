package io.territoryos.trigger.domain;

import org.junit.jupiter.api.Test;

import static io.territoryos.trigger.domain.Facts.T0;
import static io.territoryos.trigger.domain.Facts.evidence;
import static io.territoryos.trigger.domain.Facts.territory;
import static org.assertj.core.api.Assertions.assertThat;

class TerritoryAlertRulesTest {

    private final CoverageAlertRule coverage = new CoverageAlertRule(CoverageAlertRule.Settings.defaults());
    private final StructuralUnderperformanceAlertRule structural =
            new StructuralUnderperformanceAlertRule(StructuralUnderperformanceAlertRule.Settings.defaults());

    @Test
    void shouldStartOneCoverageSpellWhenCoverageDropsBelowThreeAndKeepItWhileItStaysThere() {
        Episode healthy = coverage.observe(Episode.NONE, territory("R-1", RepState.ACTIVE, 3.5, false, T0));
        Episode crossed = coverage.observe(healthy, territory("R-1", RepState.ACTIVE, 2.4, false, T0 + 10));
        Episode stillBelow = coverage.observe(crossed.markAlerted(), territory("R-1", RepState.ACTIVE, 2.0, false, T0 + 20));

        assertThat(healthy.active()).isFalse();
        assertThat(crossed.pending()).isTrue();
        assertThat(crossed.since()).isEqualTo(T0 + 10);
        assertThat(stillBelow.pending()).isFalse();
        assertThat(stillBelow.since()).isEqualTo(T0 + 10);
    }

    @Test
    void shouldNotTreatExactlyThreeAsBelow() {
        assertThat(coverage.observe(Episode.NONE, territory("R-1", RepState.ACTIVE, 3.0, false, T0)).active()).isFalse();
    }

    @Test
    void shouldStartANewSpellAfterRecovery() {
        Episode first = coverage.observe(Episode.NONE, territory("R-1", RepState.ACTIVE, 2.0, false, T0)).markAlerted();
        Episode recovered = coverage.observe(first, territory("R-1", RepState.ACTIVE, 3.2, false, T0 + 1));
        Episode again = coverage.observe(recovered, territory("R-1", RepState.ACTIVE, 2.9, false, T0 + 2));

        assertThat(again.pending()).isTrue();
        assertThat(coverage.alert(again, territory("R-1", RepState.ACTIVE, 2.9, false, T0 + 2)).alertId())
                .isEqualTo("COVERAGE_BELOW_THRESHOLD:R-1:" + (T0 + 2));
    }

    @Test
    void shouldNotWarnAboutRepsWithoutABookOrWithoutAQuota() {
        assertThat(coverage.observe(Episode.NONE, territory("R-1", RepState.EXITED, 0.5, false, T0)).active()).isFalse();
        assertThat(coverage.observe(Episode.NONE, territory("R-1", null, 0.5, false, T0)).active()).isFalse();
        assertThat(coverage.observe(Episode.NONE, territory("R-1", RepState.ACTIVE, null, false, T0)).active()).isFalse();
    }

    @Test
    void shouldWordCoverageAsADesignWarningWithItsNumbers() {
        TerritoryFacts low = territory("R-1", RepState.ACTIVE, 2.4, false, T0);
        Alert alert = coverage.alert(coverage.observe(Episode.NONE, low), low);

        assertThat(alert.message()).contains("design warning").contains("not a rep-performance issue");
        assertThat(evidence(alert, "coverage_ratio").value()).isEqualTo(2.4);
        assertThat(evidence(alert, "coverage_ratio").threshold()).isEqualTo(3.0);
        assertThat(alert.partitionKey()).isEqualTo("R-1");
    }

    @Test
    void shouldStartAStructuralSpellWhenTheStatusBecomesStructurallyUnderperforming() {
        Episode atRisk = structural.observe(Episode.NONE, territory("R-1", RepState.ACTIVE, 3.5, false, T0));
        TerritoryFacts underperforming = territory("R-1", RepState.ACTIVE, 2.5, true, T0 + 5);
        Episode crossed = structural.observe(atRisk, underperforming);

        assertThat(atRisk.active()).isFalse();
        assertThat(crossed.pending()).isTrue();
        Alert alert = structural.alert(crossed, underperforming);
        assertThat(alert.alertId()).isEqualTo("STRUCTURALLY_UNDERPERFORMING:R-1:" + (T0 + 5));
        assertThat(evidence(alert, "projected_coverage").threshold()).isEqualTo(3.0);
        assertThat(structural.observe(crossed.markAlerted(), underperforming).pending()).isFalse();
    }
}
