package io.territoryos.scoring.streams;

import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.ScoringWeights;
import io.territoryos.contracts.serde.AvroSerdes;
import org.apache.kafka.common.serialization.Serde;

import java.util.Map;

/** The value serdes of the topology's contract topics; keys are plain strings (ids). */
public record ScoringSerdes(Serde<ScoredAccount> scored, Serde<ScoringWeights> weights, Serde<DeadLetter> deadLetters) {

    /** Plain Avro binary, for TopologyTestDriver tests. */
    public static ScoringSerdes binary() {
        return new ScoringSerdes(AvroSerdes.binary(ScoredAccount.class), AvroSerdes.binary(ScoringWeights.class),
                AvroSerdes.binary(DeadLetter.class));
    }

    /** The registry-framed serdes production uses; {@code config} carries the apicurio.* settings. */
    public static ScoringSerdes registry(Map<String, ?> config) {
        return new ScoringSerdes(AvroSerdes.valueSerde(ScoredAccount.class, config),
                AvroSerdes.valueSerde(ScoringWeights.class, config),
                AvroSerdes.valueSerde(DeadLetter.class, config));
    }
}
