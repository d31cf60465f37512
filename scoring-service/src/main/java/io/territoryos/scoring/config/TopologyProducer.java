package io.territoryos.scoring.config;

import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.scoring.streams.ScoringSerdes;
import io.territoryos.scoring.streams.ScoringTopology;
import io.territoryos.scoring.streams.ScoringTopologyConfig;
import io.territoryos.security.KafkaClientSecurity;
import jakarta.enterprise.context.ApplicationScoped;
import io.territoryos.contracts.streams.DeadLetterRefusalPolicy;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.eclipse.microprofile.config.Config;

import java.time.Clock;
import java.util.Map;

/** Hands the scoring topology, with the registry serdes and Prometheus metrics, to Quarkus Kafka Streams. */
@ApplicationScoped
public class TopologyProducer {

    @Produces
    Topology scoringTopology(ScoringConfig config, MicrometerScoringMetrics metrics, Config allConfig) {
        ScoringTopologyConfig topology = config.topology();
        if (config.input().placement() == ScoringConfig.PlacementMode.AS_DELIVERED) {
            String bootstrap = allConfig.getValue("kafka.bootstrap.servers", String.class);
            topology = config.topology(TopicPartitions.of(bootstrap, KafkaClientSecurity.from(allConfig),
                    topology.accountsTopic(), config.input().topicWait()));
        }
        return ScoringTopology.build(topology, ScoringSerdes.registry(registrySettings(allConfig)), metrics, Clock.systemUTC());
    }

    private static Map<String, Object> registrySettings(Config config) {
        return AvroSerdes.registrySettings(config.getPropertyNames(), name -> config.getOptionalValue(name, String.class));
    }

    /** A stream thread that died of a refused dead letter is replaced, any other failure stops the client. */
    @Produces
    StreamsUncaughtExceptionHandler streamThreadFailures() {
        return new DeadLetterRefusalPolicy();
    }
}
