package io.territoryos.territory.domain;

import io.territoryos.contracts.avro.Motion;
import io.territoryos.contracts.avro.Segment;

/**
 * Conversion statistics of one segment (config.segment-stats), with the defaults of PRODUCT.md section 5 for a
 * segment nobody has published yet.
 */
public record SegmentConversion(
        Segment segment, int version, double winRate, double avgDealSize,
        double hoursPerDealNewBusiness, double hoursPerDealRenewalExpansion, double hoursPerDealDual,
        double generationRate) {

    /** Version reported for the built-in defaults. */
    public static final int DEFAULT_VERSION = 0;

    public static SegmentConversion defaults(Segment segment) {
        return switch (segment) {
            case SMB -> withDefaultHours(segment, 0.30, 15_000);
            case MID_MARKET -> withDefaultHours(segment, 0.25, 60_000);
            case ENTERPRISE -> withDefaultHours(segment, 0.20, 250_000);
        };
    }

    public double hoursPerDeal(Motion motion) {
        return switch (motion) {
            case NEW_BUSINESS -> hoursPerDealNewBusiness;
            case RENEWAL_EXPANSION -> hoursPerDealRenewalExpansion;
            case DUAL -> hoursPerDealDual;
        };
    }

    private static SegmentConversion withDefaultHours(Segment segment, double winRate, double avgDealSize) {
        return new SegmentConversion(segment, DEFAULT_VERSION, winRate, avgDealSize, 40, 20, 30, 1.0);
    }
}
