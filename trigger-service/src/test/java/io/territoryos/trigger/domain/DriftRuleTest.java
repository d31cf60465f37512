package io.territoryos.trigger.domain;

import org.junit.jupiter.api.Test;

import static io.territoryos.trigger.domain.Facts.DAY;
import static io.territoryos.trigger.domain.Facts.HOUR;
import static io.territoryos.trigger.domain.Facts.T0;
import static io.territoryos.trigger.domain.Facts.balance;
import static io.territoryos.trigger.domain.Facts.evidence;
import static org.assertj.core.api.Assertions.assertThat;

class DriftRuleTest {

    private final DriftRule rule = new DriftRule(DriftRule.Settings.defaults());

    @Test
    void shouldFireWhenCoverageCvIsAboveThirtyPercent() {
        TriggerCommand command = rule.evaluate(balance("East", 5, 0.31, T0)).orElseThrow();

        assertThat(command.commandId()).isEqualTo("DRIFT:East:" + T0);
        assertThat(command.scope()).isEqualTo(CommandScope.team("East"));
        assertThat(command.cooldownSubject()).isEqualTo("East");
        assertThat(evidence(command, "cv_coverage").value()).isEqualTo(0.31);
        assertThat(evidence(command, "cv_coverage").threshold()).isEqualTo(0.30);
    }

    @Test
    void shouldNotFireAtExactlyThirtyPercent() {
        assertThat(rule.evaluate(balance("East", 5, 0.30, T0))).isEmpty();
    }

    @Test
    void shouldNotFireForTheWholeOrganisationOrASingleRep() {
        assertThat(rule.evaluate(balance(TriggerCommand.ORG_KEY, 50, 0.9, T0))).isEmpty();
        assertThat(rule.evaluate(balance("Solo", 1, 0.9, T0))).isEmpty();
    }

    @Test
    void shouldFireOncePerTeamPerCooldownWhileTheTeamDrifts() {
        CommandGate gate = TriggerRules.defaults().gate(); // 24 h per team
        Facts.Memory memory = new Facts.Memory();

        assertThat(gate.admit(rule.evaluate(balance("East", 5, 0.40, T0)).orElseThrow(), memory)).isEqualTo(CommandGate.Verdict.EMIT);
        assertThat(gate.admit(rule.evaluate(balance("East", 5, 0.45, T0 + HOUR)).orElseThrow(), memory))
                .isEqualTo(CommandGate.Verdict.COOLING_DOWN);
        assertThat(gate.admit(rule.evaluate(balance("West", 5, 0.45, T0 + HOUR)).orElseThrow(), memory))
                .isEqualTo(CommandGate.Verdict.EMIT);
        assertThat(gate.admit(rule.evaluate(balance("East", 5, 0.45, T0 + DAY)).orElseThrow(), memory))
                .isEqualTo(CommandGate.Verdict.EMIT);
    }

    @Test
    void shouldDropTheReplayOfABalanceUpdateThatFired() {
        CommandGate gate = TriggerRules.defaults().gate();
        Facts.Memory memory = new Facts.Memory();
        gate.admit(rule.evaluate(balance("East", 5, 0.40, T0)).orElseThrow(), memory);

        assertThat(gate.admit(rule.evaluate(balance("East", 5, 0.40, T0)).orElseThrow(), memory))
                .isEqualTo(CommandGate.Verdict.DUPLICATE);
    }
}
