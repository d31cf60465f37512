package io.territoryos.scoring.streams;

import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.ScoringWeights;
import io.territoryos.contracts.serde.AvroSerdes;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;

import java.util.Map;

/**
 * The value serdes of the topology's contract topics (keys are plain strings, ids), and the reader of Debezium
 * change events that arrive as registry-framed Avro.
 *
 * @param avroChangeEvents reads a registry-framed key or value of the accounts topic into generic data with the
 *                         writer's schema from the registry ({@link AvroSerdes#genericDeserializer})
 */
public record ScoringSerdes(Serde<ScoredAccount> scored, Serde<ScoringWeights> weights, Serde<DeadLetter> deadLetters,
                            Deserializer<Object> avroChangeEvents) {

    /**
     * Plain Avro binary, for TopologyTestDriver tests. Avro change events resolve against the compiled catalogue only,
     * which has no Debezium schemas (they are dead-lettered); see {@link #withAvroChangeEvents}.
     */
    public static ScoringSerdes binary() {
        return new ScoringSerdes(AvroSerdes.binary(ScoredAccount.class), AvroSerdes.binary(ScoringWeights.class),
                AvroSerdes.binary(DeadLetter.class), AvroSerdes.genericDeserializer(Map.of()));
    }

    /** The registry-framed serdes production uses; {@code config} carries the apicurio.* settings. */
    public static ScoringSerdes registry(Map<String, ?> config) {
        return new ScoringSerdes(AvroSerdes.valueSerde(ScoredAccount.class, config),
                AvroSerdes.valueSerde(ScoringWeights.class, config),
                AvroSerdes.valueSerde(DeadLetter.class, config),
                AvroSerdes.genericDeserializer(config));
    }

    /** The same serdes, reading Avro change events with the given registry settings ({@code apicurio.*}). */
    public ScoringSerdes withAvroChangeEvents(Map<String, ?> registryConfig) {
        return new ScoringSerdes(scored, weights, deadLetters, AvroSerdes.genericDeserializer(registryConfig));
    }
}
