package io.territoryos.trigger.config;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.territoryos.trigger.domain.AlertKind;
import io.territoryos.trigger.domain.CommandType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MicrometerTriggerListenerTest {

    @Test
    void shouldCountCommandsByTypeAlertsByTypeAndDeadLetters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerTriggerListener listener = new MicrometerTriggerListener(registry);

        listener.commandEmitted(CommandType.REP_EXIT);
        listener.commandEmitted(CommandType.REP_EXIT);
        listener.commandEmitted(CommandType.DRIFT);
        listener.commandSuppressed(CommandType.DRIFT, "COOLING_DOWN");
        listener.alertRaised(AlertKind.INACTIVE_ACCOUNT);
        listener.deadLetter("crm.reps", "PARSE");

        assertThat(registry.counter("trigger.commands.emitted", "type", "REP_EXIT").count()).isEqualTo(2);
        assertThat(registry.counter("trigger.commands.emitted", "type", "DRIFT").count()).isEqualTo(1);
        assertThat(registry.counter("trigger.commands.suppressed", "type", "DRIFT", "reason", "COOLING_DOWN").count()).isEqualTo(1);
        assertThat(registry.counter("trigger.alerts.raised", "type", "INACTIVE_ACCOUNT").count()).isEqualTo(1);
        assertThat(registry.counter("trigger.dead.letters", "topic", "crm.reps", "error_type", "PARSE").count()).isEqualTo(1);
    }
}
