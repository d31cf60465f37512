package io.territoryos.trigger.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A command the gate held because its type fired for the same subject less than its cooldown ago. Never only a
 * metric: it is published as an alert ({@link #alert()}) and listed by the API.
 *
 * @param lastFiredAt    event time the type last fired for the command's subject
 * @param cooldownEndsAt event time from which a command of this type and subject passes again
 */
public record Suppression(TriggerCommand command, long lastFiredAt, long cooldownEndsAt) {

    /** Why the command was held: the gate's verdict. */
    public static final String COOLING_DOWN = CommandGate.Verdict.COOLING_DOWN.name();

    public String reason() {
        return COOLING_DOWN;
    }

    /**
     * The alert that makes the suppression visible: id {@code TRIGGER_SUPPRESSED:<command id>} (a replay yields the
     * same id), the team, the rep when one rep caused it, and as evidence the time since the type last fired for the
     * subject against the cooldown, when the cooldown ends, then the held command's own evidence.
     */
    public Alert alert() {
        String subject = command.cooldownSubject();
        String team = command.scope().team();
        long cooldown = cooldownEndsAt - lastFiredAt;
        List<EvidenceItem> evidence = new ArrayList<>();
        evidence.add(EvidenceItem.against("since_last_fired_ms", command.sourceEventTime() - lastFiredAt, cooldown, subject));
        evidence.add(EvidenceItem.of("last_fired_at", lastFiredAt, subject));
        evidence.add(EvidenceItem.of("cooldown_ends_at", cooldownEndsAt, subject));
        evidence.addAll(command.evidence());
        String message = "Suppressed " + command.type() + " command " + command.commandId() + " for " + subject
                + (team == null ? "" : " (team " + team + ")") + ": " + reason() + ", " + command.type()
                + " last fired for " + subject + " at " + Instant.ofEpochMilli(lastFiredAt) + " and its cooldown of "
                + Duration.ofMillis(cooldown) + " ends at " + Instant.ofEpochMilli(cooldownEndsAt)
                + "; no rebalance is requested for it. Held: " + command.summary();
        List<String> reps = command.scope().repIds();
        return new Alert(AlertKind.TRIGGER_SUPPRESSED + ":" + command.commandId(), AlertKind.TRIGGER_SUPPRESSED,
                reps.size() == 1 ? reps.get(0) : null, team, null, message, evidence, command.sourceEventTime());
    }
}
