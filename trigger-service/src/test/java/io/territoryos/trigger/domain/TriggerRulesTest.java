package io.territoryos.trigger.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TriggerRulesTest {

    @Test
    void shouldDescribeEveryRuleWithItsSettingsInReadableUnits() {
        var rules = TriggerRules.defaults().describe();

        assertThat(rules).extracting(RuleDescription::name).containsExactly("REP_EXIT", "WHALE_CHURN", "NEW_MARKET", "DRIFT",
                "ICP_WEIGHTS_CHANGED", "COVERAGE_BELOW_THRESHOLD", "STRUCTURALLY_UNDERPERFORMING", "INACTIVE_ACCOUNT",
                "LOCK_EXPIRY_CANDIDATE");
        assertThat(rules.get(3).settings()).containsEntry("cv-threshold", 0.30).containsEntry("cooldown", "P1D");
        assertThat(rules.get(7).settings()).containsEntry("inactivity", "P120D");
        assertThat(rules.get(1).settings()).containsEntry("cooldown", "PT1H");
        assertThat(TriggerRules.readable(Duration.ZERO)).isEqualTo("PT0S");
    }
}
