package io.territoryos.territory.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * How finely history is written: at most one point per rep (or team) per {@code step}, the last state it was in
 * during that step. A territory's health is published up to once per publish window (25 ms) while its accounts
 * change, 40 points a second under a sustained feed; nobody reads history at that grain, and keeping it made the
 * store grow by gigabytes an hour. {@link Duration#ZERO} keeps every published record.
 */
public record HistoryResolution(Duration step) {

    /** One point per published record. */
    public static final HistoryResolution EVERY_RECORD = new HistoryResolution(Duration.ZERO);

    public HistoryResolution {
        if (step.isNegative()) {
            throw new IllegalArgumentException("history resolution must not be negative: " + step);
        }
        if (!step.isZero() && step.toMillis() == 0) {
            throw new IllegalArgumentException("history resolution is counted in milliseconds: " + step);
        }
    }

    public boolean keepsEveryRecord() {
        return step.isZero();
    }

    /** The start of the step that {@code at} falls in; points of one subject in the same step replace each other. */
    public Instant stepOf(Instant at) {
        if (keepsEveryRecord()) {
            return at;
        }
        long millis = step.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), millis) * millis);
    }
}
