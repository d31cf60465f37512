package io.territoryos.territory.config;

import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.territory.domain.HealthPolicy;
import io.territoryos.territory.streams.TerritorySerdes;
import io.territoryos.territory.streams.TerritoryTopology;
import io.territoryos.territory.streams.TerritoryTopologyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import io.territoryos.contracts.streams.DeadLetterRefusalPolicy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.eclipse.microprofile.config.Config;

import java.util.Map;

/** Wires the plain territory topology into Quarkus Kafka Streams. */
@ApplicationScoped
public class TopologyProducer {

    @Produces
    @Singleton
    Topology topology(TerritoryServiceConfig config, TerritorySerdes serdes, MicrometerTerritoryMetrics metrics) {
        return TerritoryTopology.build(topologyConfig(config), serdes, metrics);
    }

    @Produces
    @Singleton
    TerritorySerdes serdes(Config config) {
        return TerritorySerdes.registry(apicurioSettings(config));
    }

    static TerritoryTopologyConfig topologyConfig(TerritoryServiceConfig config) {
        TerritoryTopologyConfig defaults = TerritoryTopologyConfig.defaults();
        TerritoryServiceConfig.TopicNames topics = config.topics();
        TerritoryServiceConfig.Health health = config.health();
        String reps = topics.crmReps().orElse(defaults.repsTopic());
        return new TerritoryTopologyConfig(
                config.orgId(),
                topics.accountsScored().orElse(defaults.accountsTopic()),
                reps,
                defaults.withRepsTopic(reps).repsDeadLetterTopic(),
                topics.segmentStats().orElse(defaults.segmentStatsTopic()),
                topics.territoryHealth().orElse(defaults.healthTopic()),
                topics.teamBalance().orElse(defaults.teamBalanceTopic()),
                topics.repTeams().orElse(defaults.repTeamsTopic()),
                config.aggregation().partitions(),
                config.aggregation().publishInterval(),
                new HealthPolicy(health.saveRate(), health.structuralCoverage(), health.workingHours(),
                        health.trainingHours(), health.adminHours(), health.recoveryHours(), health.rampLagShare()),
                config.stateStores());
    }

    static Map<String, Object> apicurioSettings(Config config) {
        return AvroSerdes.registrySettings(config.getPropertyNames(), name -> config.getOptionalValue(name, String.class));
    }

    /** A stream thread that died of a refused dead letter is replaced, any other failure stops the client. */
    @Produces
    StreamsUncaughtExceptionHandler streamThreadFailures() {
        return new DeadLetterRefusalPolicy();
    }
}
