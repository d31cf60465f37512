package io.territoryos.contracts.balance;

import io.territoryos.contracts.avro.CoverageBand;
import io.territoryos.contracts.avro.Motion;

/**
 * The balance definitions every service must agree on (PRODUCT.md section 5): coverage ratio and its band,
 * motion targets, coefficient of variation, Gini and the quota-proportional target. Territory health,
 * triggers and the optimizer all compute them here, so "balanced" means one thing in the whole product.
 */
public final class Balance {

    public static final double HEALTHY_COVERAGE = 4.0;
    public static final double ADEQUATE_COVERAGE = 3.0;

    /** potential / quota, or null when the quota is not positive (no ratio can be formed). */
    public static Double coverageRatio(double potential, double quota) {
        return quota > 0 ? potential / quota : null;
    }

    public static CoverageBand band(Double coverageRatio) {
        if (coverageRatio == null) {
            return CoverageBand.NO_QUOTA;
        }
        if (coverageRatio >= HEALTHY_COVERAGE) {
            return CoverageBand.HEALTHY;
        }
        return coverageRatio >= ADEQUATE_COVERAGE ? CoverageBand.ADEQUATE : CoverageBand.UNDER_COVERED;
    }

    /** Coverage a rep of this motion should carry: NEW_BUSINESS 5.0, RENEWAL_EXPANSION 3.0, DUAL 4.0. */
    public static double motionTarget(Motion motion) {
        if (motion == null) {
            return HEALTHY_COVERAGE;
        }
        return switch (motion) {
            case NEW_BUSINESS -> 5.0;
            case RENEWAL_EXPANSION -> 3.0;
            case DUAL -> 4.0;
        };
    }

    public static double mean(double[] values) {
        if (values.length == 0) {
            return 0.0;
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** Population coefficient of variation: standard deviation / mean; 0 for fewer than two values or a zero mean. */
    public static double coefficientOfVariation(double[] values) {
        if (values.length < 2) {
            return 0.0;
        }
        double mean = mean(values);
        if (mean == 0) {
            return 0.0;
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / values.length) / Math.abs(mean);
    }

    /** Gini coefficient of non-negative values (0 = all equal, towards 1 = one holds everything). */
    public static double gini(double[] values) {
        int n = values.length;
        if (n < 2) {
            return 0.0;
        }
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        double weighted = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            weighted += (i + 1) * sorted[i];
            total += sorted[i];
        }
        if (total == 0) {
            return 0.0;
        }
        return (2 * weighted) / (n * total) - (n + 1.0) / n;
    }

    /** Target of equal coverage: the rep's quota-proportional share of the total potential. */
    public static double quotaProportionalTarget(double potentialTotal, double quota, double quotaTotal) {
        return quotaTotal > 0 ? potentialTotal * quota / quotaTotal : 0.0;
    }

    /** Largest |potential - target| / target over reps with a positive target; 0 when there is none. */
    public static double maxDeviation(double[] potentials, double[] targets) {
        double worst = 0;
        for (int i = 0; i < potentials.length; i++) {
            if (targets[i] > 0) {
                worst = Math.max(worst, Math.abs(potentials[i] - targets[i]) / targets[i]);
            }
        }
        return worst;
    }

    /** Largest / smallest, or null when the smallest is 0 or there are no values. */
    public static Double maxMinRatio(double[] values) {
        if (values.length == 0) {
            return null;
        }
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return min > 0 ? max / min : null;
    }

    private Balance() {
    }
}
