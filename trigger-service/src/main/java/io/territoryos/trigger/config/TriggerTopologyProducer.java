package io.territoryos.trigger.config;

import io.territoryos.trigger.streams.TriggerSerdes;
import io.territoryos.trigger.streams.TriggerTopology;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.ConfigProvider;

/** Hands the plain topology to Quarkus, which runs it with the kafka-streams.* settings. */
@ApplicationScoped
public class TriggerTopologyProducer {

    @Produces
    public Topology topology(TriggerConfig config, MicrometerTriggerListener listener) {
        return TriggerTopology.build(TopologyConfigs.from(config),
                TriggerSerdes.registry(TopologyConfigs.apicurio(ConfigProvider.getConfig())), listener);
    }
}
