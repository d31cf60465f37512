package io.territoryos.trigger.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.territoryos.trigger.domain.AlertKind;
import io.territoryos.trigger.domain.CommandType;
import io.territoryos.trigger.streams.TriggerListener;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts what the topology emits (Prometheus: trigger_commands_emitted_total{type}, trigger_commands_suppressed_total,
 * trigger_alerts_raised_total{type}, trigger_dead_letters_total). Counted when processed: a transaction aborted after
 * the count is counted again on retry.
 */
@ApplicationScoped
public class MicrometerTriggerListener implements TriggerListener {

    private final MeterRegistry registry;

    public MicrometerTriggerListener(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void commandEmitted(CommandType type) {
        registry.counter("trigger.commands.emitted", "type", type.name()).increment();
    }

    @Override
    public void commandSuppressed(CommandType type, String verdict) {
        registry.counter("trigger.commands.suppressed", "type", type.name(), "reason", verdict).increment();
    }

    @Override
    public void alertRaised(AlertKind kind) {
        registry.counter("trigger.alerts.raised", "type", kind.name()).increment();
    }

    @Override
    public void deadLetter(String sourceTopic, String errorType) {
        registry.counter("trigger.dead.letters", "topic", sourceTopic, "error_type", errorType).increment();
    }
}
