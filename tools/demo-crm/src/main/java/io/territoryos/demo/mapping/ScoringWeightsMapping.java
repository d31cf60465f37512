package io.territoryos.demo.mapping;

import io.territoryos.contracts.avro.ScoringWeights;
import io.territoryos.demo.domain.WeightsVersion;

import java.time.Instant;

/** The one place where the demo's weights become the Avro {@link ScoringWeights}; thresholds keep the schema defaults. */
public final class ScoringWeightsMapping {

    public static ScoringWeights toAvro(WeightsVersion weights) {
        return ScoringWeights.newBuilder()
                .setVersion(weights.version())
                .setFormulaVersion(weights.formulaVersion())
                .setFitWeight(weights.fitWeight())
                .setExpansionWeight(weights.expansionWeight())
                .setRetentionWeight(weights.retentionWeight())
                .setCapacityWeight(weights.capacityWeight())
                .setPropensityWeight(weights.propensityWeight())
                .setPublishedBy(weights.publishedBy())
                .setPublishedAt(Instant.ofEpochMilli(weights.publishedAtMs()))
                .build();
    }

    public static WeightsVersion fromAvro(ScoringWeights avro) {
        return new WeightsVersion(avro.getVersion(), avro.getFormulaVersion(), avro.getFitWeight(),
                avro.getExpansionWeight(), avro.getRetentionWeight(), avro.getCapacityWeight(),
                avro.getPropensityWeight(), avro.getPublishedBy(), avro.getPublishedAt().toEpochMilli());
    }

    private ScoringWeightsMapping() {
    }
}
