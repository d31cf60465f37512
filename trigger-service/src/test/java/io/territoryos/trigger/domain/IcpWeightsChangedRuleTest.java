package io.territoryos.trigger.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.territoryos.trigger.domain.Facts.T0;
import static io.territoryos.trigger.domain.Facts.weights;
import static org.assertj.core.api.Assertions.assertThat;

class IcpWeightsChangedRuleTest {

    private final IcpWeightsChangedRule rule = new IcpWeightsChangedRule(IcpWeightsChangedRule.Settings.defaults());

    @Test
    void shouldFireForEveryTeamWhenAWeightMovesByExactlyFivePoints() {
        // 0.30 - 0.25 is 0.04999... in doubles: the threshold must still hold
        List<TriggerCommand> commands = rule.evaluate(weights(1, 0.30, T0), weights(2, 0.25, T0 + 1), List.of("West", "East"));

        assertThat(commands).extracting(TriggerCommand::commandId)
                .containsExactly("ICP_WEIGHTS_CHANGED:potential-v1:v2:East", "ICP_WEIGHTS_CHANGED:potential-v1:v2:West");
        assertThat(commands.get(0).evidence()).extracting(EvidenceItem::name)
                .containsExactly("weight_delta.fit_weight", "weights_version", "previous_weights_version");
        assertThat(commands.get(0).evidence().get(0).threshold()).isEqualTo(0.05);
        assertThat(commands.get(0).sourceEventTime()).isEqualTo(T0 + 1);
        assertThat(commands).extracting(TriggerCommand::scope)
                .containsExactly(CommandScope.team("East"), CommandScope.team("West"));
        assertThat(commands).extracting(TriggerCommand::cooldownSubject)
                .containsExactly("potential-v1:v2:East", "potential-v1:v2:West");
    }

    @Test
    void shouldNotFireWhenNoWeightMovesByFivePoints() {
        assertThat(rule.evaluate(weights(1, 0.30, T0), weights(2, 0.26, T0 + 1), List.of("East"))).isEmpty();
    }

    @Test
    void shouldNotFireForTheFirstVersionOrAnOlderOne() {
        assertThat(rule.evaluate(null, weights(1, 0.30, T0), List.of("East"))).isEmpty();
        assertThat(rule.evaluate(weights(3, 0.30, T0), weights(2, 0.10, T0 + 1), List.of("East"))).isEmpty();
    }

    @Test
    void shouldIssueOneOrganisationWideCommandWhenNoTeamIsKnown() {
        List<TriggerCommand> commands = rule.evaluate(weights(1, 0.30, T0), weights(2, 0.50, T0 + 1), List.of());

        assertThat(commands).singleElement().satisfies(c -> {
            assertThat(c.scope().team()).isNull();
            assertThat(c.partitionKey()).isEqualTo(TriggerCommand.ORG_KEY);
        });
    }

    @Test
    void shouldDropTheReplayOfAVersionThatFired() {
        CommandGate gate = TriggerRules.defaults().gate();
        Facts.Memory memory = new Facts.Memory();
        TriggerCommand command = rule.evaluate(weights(1, 0.30, T0), weights(2, 0.20, T0 + 1), List.of("East")).get(0);

        assertThat(gate.admit(command, memory)).isEqualTo(CommandGate.Verdict.EMIT);
        assertThat(gate.admit(command, memory)).isEqualTo(CommandGate.Verdict.DUPLICATE);
    }
}
