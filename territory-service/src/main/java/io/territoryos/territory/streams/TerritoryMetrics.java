package io.territoryos.territory.streams;

/**
 * What the topology reports while it works; the Quarkus adapter turns it into Prometheus meters. Called from
 * stream threads, so implementations must be thread-safe. Every method defaults to doing nothing.
 */
public interface TerritoryMetrics {

    TerritoryMetrics NONE = new TerritoryMetrics() {
    };

    /** A record of {@code sourceTopic} was written to its dead-letter topic. */
    default void deadLettered(String sourceTopic, String errorType) {
    }
}
