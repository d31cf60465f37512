package io.territoryos.scoring.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * One version of the scoring weights and thresholds. Version 0 is the built-in default of PRODUCT.md section 4,
 * in force until a valid version is published; a version replaces the one in force only when it is valid and
 * newer.
 *
 * @param publishedAt epoch millis
 */
public record Weights(
        int version, String formulaVersion,
        double fitWeight, double expansionWeight, double retentionWeight, double capacityWeight, double propensityWeight,
        double tierThresholdSmb, double tierThresholdMidMarket, double tierThresholdEnterprise,
        double propensityThreshold, double criticalRiskThreshold, double expansionHalfSaturation,
        double fitMultiplierMin, double fitMultiplierMax, String publishedBy, long publishedAt) {

    public static final int DEFAULT_VERSION = 0;

    /** Rounding slack for "the weights sum to 1" (0.1 + 0.2 is not 0.3 in binary). */
    private static final double SUM_TOLERANCE = 1e-6;

    private static final Weights DEFAULTS = new Weights(DEFAULT_VERSION, PotentialFormula.VERSION,
            0.30, 0.25, 0.20, 0.15, 0.10,
            50_000, 250_000, 1_000_000,
            0.5, 0.6, 100_000,
            0.5, 1.5, "built-in", 0L);

    public static Weights defaults() {
        return DEFAULTS;
    }

    public double tierThreshold(Segment segment) {
        return switch (segment) {
            case SMB -> tierThresholdSmb;
            case MID_MARKET -> tierThresholdMidMarket;
            case ENTERPRISE -> tierThresholdEnterprise;
        };
    }

    public double compositeWeightSum() {
        return fitWeight + expansionWeight + retentionWeight + capacityWeight + propensityWeight;
    }

    /** What makes this version unusable on its own; empty when it is usable. */
    public List<String> violations() {
        List<String> violations = new ArrayList<>();
        if (!PotentialFormula.VERSION.equals(formulaVersion)) {
            violations.add("formula_version '" + formulaVersion + "' is not " + PotentialFormula.VERSION);
        }
        requireNonNegative(violations, "fit_weight", fitWeight);
        requireNonNegative(violations, "expansion_weight", expansionWeight);
        requireNonNegative(violations, "retention_weight", retentionWeight);
        requireNonNegative(violations, "capacity_weight", capacityWeight);
        requireNonNegative(violations, "propensity_weight", propensityWeight);
        requireNonNegative(violations, "tier_threshold_smb", tierThresholdSmb);
        requireNonNegative(violations, "tier_threshold_mid_market", tierThresholdMidMarket);
        requireNonNegative(violations, "tier_threshold_enterprise", tierThresholdEnterprise);
        requireNonNegative(violations, "fit_multiplier_min", fitMultiplierMin);
        requireNonNegative(violations, "fit_multiplier_max", fitMultiplierMax);
        double sum = compositeWeightSum();
        if (!(Math.abs(sum - 1.0) <= SUM_TOLERANCE)) {
            violations.add("composite weights sum to " + sum + ", not 1");
        }
        requireFraction(violations, "propensity_threshold", propensityThreshold);
        requireFraction(violations, "critical_risk_threshold", criticalRiskThreshold);
        if (!(expansionHalfSaturation > 0) || Double.isInfinite(expansionHalfSaturation)) {
            violations.add("expansion_half_saturation " + expansionHalfSaturation + " must be positive");
        }
        if (fitMultiplierMin > fitMultiplierMax) {
            violations.add("fit_multiplier_min " + fitMultiplierMin + " exceeds fit_multiplier_max " + fitMultiplierMax);
        }
        return violations;
    }

    /** What stops this version from replacing {@code inForce}: its own violations, or not being newer. */
    /**
     * Whether this is a version already accepted, sent again with the same content (a connector re-send, a replayed
     * topic): then it changes nothing. Only when it was published differs; the same version with other weights is not
     * a replay but a conflicting version.
     */
    public boolean isReplayOf(Weights accepted) {
        return accepted != null && version == accepted.version()
                && equals(new Weights(accepted.version(), accepted.formulaVersion(), accepted.fitWeight(), accepted.expansionWeight(),
                accepted.retentionWeight(), accepted.capacityWeight(), accepted.propensityWeight(), accepted.tierThresholdSmb(),
                accepted.tierThresholdMidMarket(), accepted.tierThresholdEnterprise(), accepted.propensityThreshold(),
                accepted.criticalRiskThreshold(), accepted.expansionHalfSaturation(), accepted.fitMultiplierMin(),
                accepted.fitMultiplierMax(), accepted.publishedBy(), publishedAt));
    }

    public List<String> violationsAsSuccessorOf(Weights inForce) {
        List<String> violations = new ArrayList<>();
        if (version <= inForce.version()) {
            violations.add("version " + version + " is not newer than version " + inForce.version() + " in force");
        }
        violations.addAll(violations());
        return violations;
    }

    private static void requireNonNegative(List<String> violations, String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            violations.add(field + " " + value + " must be a non-negative number");
        }
    }

    private static void requireFraction(List<String> violations, String field, double value) {
        if (!(value >= 0 && value <= 1)) {
            violations.add(field + " " + value + " outside 0..1");
        }
    }
}
