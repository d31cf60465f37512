package io.territoryos.trigger.streams;

import io.territoryos.trigger.domain.Suppression;
import io.territoryos.trigger.domain.TriggerCommand;

/**
 * A command the gate held, as the hub recorded it: why (COOLING_DOWN), when its type last fired for the subject and
 * when the cooldown ends (event time), and the wall-clock time it was suppressed at.
 */
public record SuppressedCommand(TriggerCommand command, String reason, long lastFiredAt, long cooldownEndsAt,
                                long suppressedAt) {

    static SuppressedCommand of(Suppression suppression, long suppressedAt) {
        return new SuppressedCommand(suppression.command(), suppression.reason(), suppression.lastFiredAt(),
                suppression.cooldownEndsAt(), suppressedAt);
    }
}
