package io.territoryos.trigger.streams;

import io.territoryos.trigger.domain.AlertKind;
import io.territoryos.trigger.domain.CommandType;

/** Told what the topology emits, for metrics; called on the stream threads, so it must be quick and thread-safe. */
public interface TriggerListener {

    TriggerListener NONE = new TriggerListener() {
    };

    default void commandEmitted(CommandType type) {
    }

    /** @param verdict DUPLICATE (a replay) or COOLING_DOWN */
    default void commandSuppressed(CommandType type, String verdict) {
    }

    default void alertRaised(AlertKind kind) {
    }

    default void deadLetter(String sourceTopic, String errorType) {
    }
}
