package io.territoryos.territory.config;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MicrometerTerritoryMetricsTest {

    @Test
    void shouldCountDeadLettersPerSourceTopicAndErrorType() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerTerritoryMetrics metrics = new MicrometerTerritoryMetrics(registry);

        metrics.deadLettered("accounts.scored", "PARSE");
        metrics.deadLettered("accounts.scored", "PARSE");
        metrics.deadLettered("crm.reps", "RANGE");

        assertThat(registry.counter("territory.dead.letters", "topic", "accounts.scored", "error_type", "PARSE").count()).isEqualTo(2);
        assertThat(registry.counter("territory.dead.letters", "topic", "crm.reps", "error_type", "RANGE").count()).isEqualTo(1);
        assertThat(registry.counter("territory.dead.letters", "topic", "config.segment-stats", "error_type", "PARSE").count()).isZero();
    }
}
