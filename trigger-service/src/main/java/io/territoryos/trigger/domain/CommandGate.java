package io.territoryos.trigger.domain;

import java.time.Duration;
import java.util.Map;

/**
 * The last step before a command is published: a command id already decided (emitted, or held by a cooldown) is a
 * replay and is dropped silently, and a command of a type that fired for the same subject less than its cooldown ago
 * (in event time) is held: a {@link Suppression}, which the caller must make visible (an alert, a listing).
 */
public final class CommandGate {

    public enum Verdict { EMIT, DUPLICATE, COOLING_DOWN }

    /**
     * The verdict and, for COOLING_DOWN only, what held the command; {@code announce}: the first command held for
     * its subject since the type last fired for it, the one to raise an alert for (a team that stays drifted is
     * re-evaluated on every balance update, and one alert per cooldown window says it all; every held command is
     * still listed).
     */
    public record Admission(Verdict verdict, Suppression suppression, boolean announce) {

        static final Admission EMIT = new Admission(Verdict.EMIT, null, false);
        static final Admission DUPLICATE = new Admission(Verdict.DUPLICATE, null, false);
    }

    /** What the gate remembers; kept in state stores by the streams layer. */
    public interface Memory {
        boolean emitted(String commandId);

        /** True when this command id was already held by a cooldown (and made visible then). */
        boolean suppressed(String commandId);

        /** Event time the type last fired for this cooldown key, null when never. */
        Long lastFired(String cooldownKey);

        void remember(TriggerCommand command);

        void rememberSuppressed(Suppression suppression);

        /** Event time of the last command held for this cooldown key, null when none. */
        Long lastHeld(String cooldownKey);
    }

    private final Map<CommandType, Duration> cooldowns;

    public CommandGate(Map<CommandType, Duration> cooldowns) {
        this.cooldowns = Map.copyOf(cooldowns);
    }

    public Verdict admit(TriggerCommand command, Memory memory) {
        return decide(command, memory).verdict();
    }

    public Admission decide(TriggerCommand command, Memory memory) {
        if (memory.emitted(command.commandId()) || memory.suppressed(command.commandId())) {
            return Admission.DUPLICATE;
        }
        Duration cooldown = cooldowns.getOrDefault(command.type(), Duration.ZERO);
        Long last = memory.lastFired(command.cooldownKey());
        // an older event arriving late counts as inside the cooldown too (negative distance)
        if (!cooldown.isZero() && last != null && command.sourceEventTime() - last < cooldown.toMillis()) {
            Suppression suppression = new Suppression(command, last, last + cooldown.toMillis());
            Long held = memory.lastHeld(command.cooldownKey());
            memory.rememberSuppressed(suppression);
            return new Admission(Verdict.COOLING_DOWN, suppression, held == null || held < last);
        }
        memory.remember(command);
        return Admission.EMIT;
    }

    public Duration cooldown(CommandType type) {
        return cooldowns.getOrDefault(type, Duration.ZERO);
    }
}
