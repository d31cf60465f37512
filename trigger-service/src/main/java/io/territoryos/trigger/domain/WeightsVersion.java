package io.territoryos.trigger.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One version of the scoring weights: the weights that decide potential and score, by name.
 *
 * @param publishedAt epoch millis
 */
public record WeightsVersion(String formulaVersion, int version, Map<String, Double> weights, long publishedAt) {

    public WeightsVersion {
        weights = new LinkedHashMap<>(weights);
    }
}
