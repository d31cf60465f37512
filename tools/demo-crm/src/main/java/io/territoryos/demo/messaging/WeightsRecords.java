package io.territoryos.demo.messaging;

import io.territoryos.contracts.avro.ScoringWeights;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.demo.cdc.CdcRecord;
import io.territoryos.demo.domain.WeightsVersion;
import io.territoryos.demo.mapping.ScoringWeightsMapping;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Scoring-weights versions as records of config.scoring-weights: key formula_version, value the Avro record. */
public final class WeightsRecords {

    private final String topic;
    private final Serializer<ScoringWeights> serializer;

    public WeightsRecords(String topic) {
        this.topic = topic;
        this.serializer = AvroSerdes.valueSerde(ScoringWeights.class, Map.of()).serializer();
    }

    public CdcRecord record(WeightsVersion weights) {
        byte[] key = weights.formulaVersion().getBytes(StandardCharsets.UTF_8);
        return new CdcRecord(topic, key, serializer.serialize(topic, ScoringWeightsMapping.toAvro(weights)));
    }
}
