package io.territoryos.demo.cdc;

import io.territoryos.contracts.Topics;

import java.time.Instant;
import java.util.Objects;

/**
 * How change events are written: envelope, decimal handling, topic names and the base time from which every
 * {@code ts_ms} is counted (base + index), so that a run is reproducible byte for byte.
 */
public record CdcFormat(Envelope envelope, DecimalMode decimals, String accountsTopic, String repsTopic,
                        String weightsTopic, long baseTimeMs) {

    /** Monday 5 January 2026, 09:00 UTC: the demo CRM's "now" unless told otherwise. */
    public static final long DEFAULT_BASE_TIME_MS = Instant.parse("2026-01-05T09:00:00Z").toEpochMilli();

    public CdcFormat {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(decimals, "decimals");
        requireTopic(accountsTopic, "accounts topic");
        requireTopic(repsTopic, "reps topic");
        requireTopic(weightsTopic, "weights topic");
        if (decimals == DecimalMode.PRECISE && envelope == Envelope.PLAIN) {
            // the scale of a precise decimal lives only in the schema: without the wrapper nobody can read it
            throw new IllegalArgumentException("precise decimals need the wrapped envelope (their scale is only in the schema)");
        }
    }

    /** Plain JSON, decimals as numbers, the catalogue's topic names, the default base time. */
    public static CdcFormat defaults() {
        return new CdcFormat(Envelope.PLAIN, DecimalMode.DOUBLE, Topics.CRM_ACCOUNTS.name(), Topics.CRM_REPS.name(),
                Topics.SCORING_WEIGHTS.name(), DEFAULT_BASE_TIME_MS);
    }

    public CdcFormat withEnvelope(Envelope newEnvelope) {
        return new CdcFormat(newEnvelope, decimals, accountsTopic, repsTopic, weightsTopic, baseTimeMs);
    }

    public CdcFormat withDecimals(DecimalMode newDecimals) {
        return new CdcFormat(envelope, newDecimals, accountsTopic, repsTopic, weightsTopic, baseTimeMs);
    }

    /** Both at once, since PRECISE is only valid WRAPPED. */
    public CdcFormat with(Envelope newEnvelope, DecimalMode newDecimals) {
        return new CdcFormat(newEnvelope, newDecimals, accountsTopic, repsTopic, weightsTopic, baseTimeMs);
    }

    public CdcFormat withTopics(String newAccountsTopic, String newRepsTopic) {
        return new CdcFormat(envelope, decimals, newAccountsTopic, newRepsTopic, weightsTopic, baseTimeMs);
    }

    public CdcFormat withWeightsTopic(String newWeightsTopic) {
        return new CdcFormat(envelope, decimals, accountsTopic, repsTopic, newWeightsTopic, baseTimeMs);
    }

    public CdcFormat withBaseTime(long newBaseTimeMs) {
        return new CdcFormat(envelope, decimals, accountsTopic, repsTopic, weightsTopic, newBaseTimeMs);
    }

    private static void requireTopic(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
    }
}
