package io.territoryos.trigger.domain;

/**
 * A spell during which a territory is in an alerting condition (for example coverage below 3.0). An alert is raised
 * once per spell; leaving the condition ends the spell, so the next crossing raises a new one.
 *
 * @param since   event time the spell started (part of the alert id)
 * @param alerted whether the alert for this spell was raised
 */
public record Episode(boolean active, long since, boolean alerted) {

    public static final Episode NONE = new Episode(false, 0L, false);

    public static Episode startedAt(long eventTime) {
        return new Episode(true, eventTime, false);
    }

    public boolean pending() {
        return active && !alerted;
    }

    public Episode markAlerted() {
        return new Episode(active, since, true);
    }
}
