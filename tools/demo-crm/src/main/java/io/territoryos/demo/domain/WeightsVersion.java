package io.territoryos.demo.domain;

/**
 * One version of the composite-score weights of PRODUCT.md section 4 (thresholds keep their defaults).
 * Published on config.scoring-weights; the weights always sum to 1.
 */
public record WeightsVersion(int version, String formulaVersion, double fitWeight, double expansionWeight,
                             double retentionWeight, double capacityWeight, double propensityWeight,
                             String publishedBy, long publishedAtMs) {

    public static final String FORMULA = "potential-v1";
    public static final String PUBLISHER = "demo-crm";

    /** Version 1: the defaults of PRODUCT.md section 4 (0.30 fit, 0.25 expansion, 0.20 retention, 0.15, 0.10). */
    public static WeightsVersion defaults(long publishedAtMs) {
        return new WeightsVersion(1, FORMULA, 0.30, 0.25, 0.20, 0.15, 0.10, PUBLISHER, publishedAtMs);
    }

    /** Version 2 of the story: ICP fit gains 0.05 at the expense of expansion, a material ICP change. */
    public static WeightsVersion icpShift(long publishedAtMs) {
        return new WeightsVersion(2, FORMULA, 0.35, 0.20, 0.20, 0.15, 0.10, PUBLISHER, publishedAtMs);
    }

    public double sum() {
        return fitWeight + expansionWeight + retentionWeight + capacityWeight + propensityWeight;
    }

    /** The largest move of any single weight between two versions. */
    public double largestChangeFrom(WeightsVersion previous) {
        return Math.max(Math.max(Math.abs(fitWeight - previous.fitWeight), Math.abs(expansionWeight - previous.expansionWeight)),
                Math.max(Math.max(Math.abs(retentionWeight - previous.retentionWeight),
                        Math.abs(capacityWeight - previous.capacityWeight)),
                        Math.abs(propensityWeight - previous.propensityWeight)));
    }
}
