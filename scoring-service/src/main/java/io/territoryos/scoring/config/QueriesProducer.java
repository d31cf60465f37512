package io.territoryos.scoring.config;

import io.territoryos.scoring.streams.ScoringQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;

/** Interactive queries over the running Kafka Streams instance that Quarkus manages. */
@ApplicationScoped
public class QueriesProducer {

    @Produces
    @Singleton // a final class: no client proxy
    ScoringQueries scoringQueries(KafkaStreams streams) {
        return new ScoringQueries(streams);
    }
}
