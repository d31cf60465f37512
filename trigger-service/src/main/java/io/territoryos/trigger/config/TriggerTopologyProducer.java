package io.territoryos.trigger.config;

import io.territoryos.trigger.streams.TriggerSerdes;
import io.territoryos.trigger.streams.TriggerTopology;
import jakarta.enterprise.context.ApplicationScoped;
import io.territoryos.contracts.streams.DeadLetterRefusalPolicy;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.eclipse.microprofile.config.ConfigProvider;

/** Hands the plain topology to Quarkus, which runs it with the kafka-streams.* settings. */
@ApplicationScoped
public class TriggerTopologyProducer {

    @Produces
    public Topology topology(TriggerConfig config, MicrometerTriggerListener listener) {
        return TriggerTopology.build(TopologyConfigs.from(config),
                TriggerSerdes.registry(TopologyConfigs.apicurio(ConfigProvider.getConfig())), listener);
    }

    /** A stream thread that died of a refused dead letter is replaced, any other failure stops the client. */
    @Produces
    StreamsUncaughtExceptionHandler streamThreadFailures() {
        return new DeadLetterRefusalPolicy();
    }
}
