package io.territoryos.demo.domain;

import io.territoryos.contracts.avro.Motion;
import io.territoryos.contracts.avro.Segment;

import java.util.List;

/**
 * What accounts and reps of a segment look like: share of the accounts, book size, the log-normal of ARR
 * (SMB small, ENTERPRISE large, each with a heavy right tail), how often accounts are locked, quota, motions,
 * and the regions its teams cover (in the order teams are opened). Quotas are set so that an average book has
 * a coverage ratio of about 3.5 to 4 under the default scoring weights; books are uneven, so coverage is not.
 */
enum SegmentProfile {
    ENTERPRISE(Segment.ENTERPRISE, "ent", 0.10, 20, 180_000, 1.1, 20_000, 0.15, 3_400_000,
            List.of(Motion.RENEWAL_EXPANSION, Motion.DUAL), new double[]{1, 1},
            List.of(Geography.NA_EAST, Geography.EMEA, Geography.NA_WEST, Geography.APAC),
            new double[]{0.40, 0.35, 0.25}),
    MID_MARKET(Segment.MID_MARKET, "mm", 0.30, 50, 40_000, 0.9, 5_000, 0.06, 1_600_000,
            List.of(Motion.DUAL, Motion.NEW_BUSINESS, Motion.RENEWAL_EXPANSION), new double[]{3, 1, 1},
            List.of(Geography.NA_WEST, Geography.EMEA, Geography.NA_EAST, Geography.APAC),
            new double[]{0.60, 0.25, 0.15}),
    SMB(Segment.SMB, "smb", 0.60, 150, 8_000, 1.0, 1_000, 0.02, 1_100_000,
            List.of(Motion.NEW_BUSINESS, Motion.DUAL), new double[]{1, 1},
            List.of(Geography.NA_EAST, Geography.NA_WEST, Geography.EMEA, Geography.APAC, Geography.LATAM),
            new double[]{0.80, 0.15, 0.05});

    final Segment segment;
    final String teamPrefix;
    final double accountShare;
    final int bookSize;
    final double arrMedian;
    final double arrSigma;
    final double minArr;
    final double lockedShare;
    final double quota;
    final List<Motion> motions;
    final double[] motionWeights;
    final List<String> regions;
    /** Procurement stage mix: NONE, EVALUATION, NEGOTIATION. */
    final double[] procurementWeights;

    SegmentProfile(Segment segment, String teamPrefix, double accountShare, int bookSize, double arrMedian,
                   double arrSigma, double minArr, double lockedShare, double quota, List<Motion> motions,
                   double[] motionWeights, List<String> regions, double[] procurementWeights) {
        this.segment = segment;
        this.teamPrefix = teamPrefix;
        this.accountShare = accountShare;
        this.bookSize = bookSize;
        this.arrMedian = arrMedian;
        this.arrSigma = arrSigma;
        this.minArr = minArr;
        this.lockedShare = lockedShare;
        this.quota = quota;
        this.motions = motions;
        this.motionWeights = motionWeights;
        this.regions = regions;
        this.procurementWeights = procurementWeights;
    }
}
