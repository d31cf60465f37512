package io.territoryos.territory.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.territoryos.territory.streams.TerritoryMetrics;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts the topology's dead letters (Prometheus: territory_dead_letters_total{topic, error_type}, topic being the
 * source). Counted when processed: a transaction aborted after the count is counted again on retry.
 */
@ApplicationScoped
public class MicrometerTerritoryMetrics implements TerritoryMetrics {

    private final MeterRegistry registry;

    public MicrometerTerritoryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void deadLettered(String sourceTopic, String errorType) {
        registry.counter("territory.dead.letters", "topic", sourceTopic, "error_type", errorType).increment();
    }
}
