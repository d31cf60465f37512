package io.territoryos.trigger.streams;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

import java.util.Properties;

/**
 * Kafka Streams settings for running {@link TriggerTopology} outside Quarkus (end-to-end tests, tools); the service
 * itself sets the same values in application.properties.
 */
public final class TriggerStreamsProperties {

    public static final String APPLICATION_ID = "trigger-service";

    public static Properties of(String bootstrapServers, String stateDir) {
        return of(bootstrapServers, APPLICATION_ID, stateDir, 1);
    }

    public static Properties of(String bootstrapServers, String applicationId, String stateDir, int replicationFactor) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        // a command and the record that it was emitted are one transaction: a crash neither loses nor repeats it
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        // Last resort only: every input topic is read as bytes and an unreadable record becomes a dead letter in the
        // topology; what still goes through a deserializer is the internal hub topic, JSON this service writes itself
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        return props;
    }

    private TriggerStreamsProperties() {
    }
}
