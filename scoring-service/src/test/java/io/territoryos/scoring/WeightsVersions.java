package io.territoryos.scoring;

import io.territoryos.contracts.avro.ScoringWeights;

import java.time.Instant;

/** Weights versions to publish in tests: the defaults of PRODUCT.md section 4 under a given version. */
public final class WeightsVersions {

    public static ScoringWeights.Builder version(int version) {
        return ScoringWeights.newBuilder()
                .setVersion(version)
                .setPublishedBy("revops@test")
                .setPublishedAt(Instant.ofEpochMilli(1_700_000_100_000L + version));
    }

    /** All composite weight on fit: score = icp_fit. */
    public static ScoringWeights fitOnly(int version) {
        return version(version).setFitWeight(1.0).setExpansionWeight(0).setRetentionWeight(0).setCapacityWeight(0)
                .setPropensityWeight(0).build();
    }

    private WeightsVersions() {
    }
}
