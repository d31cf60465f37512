package io.territoryos.trigger.domain;

import java.util.Locale;

/** Comparisons and formatting shared by the rules. */
final class Numbers {

    /**
     * Thresholds written as "at least 0.05" must hold for 0.30 to 0.25, whose double difference is 0.04999...;
     * comparisons allow this much rounding.
     */
    static final double TOLERANCE = 1e-9;

    static boolean atLeast(double value, double threshold) {
        return value >= threshold - TOLERANCE;
    }

    static String money(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private Numbers() {
    }
}
