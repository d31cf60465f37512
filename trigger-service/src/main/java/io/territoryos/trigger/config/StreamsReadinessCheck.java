package io.territoryos.trigger.config;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while Kafka Streams is RUNNING: during a rebalance (REBALANCING, which the built-in liveness check
 * rightly counts as alive) this instance's partitions are not processed, so it must not be reported ready.
 */
@Readiness
@ApplicationScoped
public class StreamsReadinessCheck implements HealthCheck {

    private final KafkaStreams streams;

    StreamsReadinessCheck(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = streams.state();
        return HealthCheckResponse.named("kafka-streams-processing").status(state == KafkaStreams.State.RUNNING)
                .withData("state", state.name()).build();
    }
}
