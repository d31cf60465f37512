package io.territoryos.trigger.domain;

import java.time.Duration;
import java.util.Map;

/**
 * The last step before a command is published: a command id already emitted is a replay and is dropped, and a
 * command of a type that fired for the same subject less than its cooldown ago (in event time) is dropped.
 */
public final class CommandGate {

    public enum Verdict { EMIT, DUPLICATE, COOLING_DOWN }

    /** What the gate remembers; kept in state stores by the streams layer. */
    public interface Memory {
        boolean emitted(String commandId);

        /** Event time the type last fired for this cooldown key, null when never. */
        Long lastFired(String cooldownKey);

        void remember(TriggerCommand command);
    }

    private final Map<CommandType, Duration> cooldowns;

    public CommandGate(Map<CommandType, Duration> cooldowns) {
        this.cooldowns = Map.copyOf(cooldowns);
    }

    public Verdict admit(TriggerCommand command, Memory memory) {
        if (memory.emitted(command.commandId())) {
            return Verdict.DUPLICATE;
        }
        Duration cooldown = cooldowns.getOrDefault(command.type(), Duration.ZERO);
        Long last = memory.lastFired(command.cooldownKey());
        // an older event arriving late counts as inside the cooldown too (negative distance)
        if (!cooldown.isZero() && last != null && command.sourceEventTime() - last < cooldown.toMillis()) {
            return Verdict.COOLING_DOWN;
        }
        memory.remember(command);
        return Verdict.EMIT;
    }

    public Duration cooldown(CommandType type) {
        return cooldowns.getOrDefault(type, Duration.ZERO);
    }
}
