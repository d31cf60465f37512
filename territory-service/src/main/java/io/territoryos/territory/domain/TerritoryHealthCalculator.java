package io.territoryos.territory.domain;

import io.territoryos.contracts.avro.Motion;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.balance.Balance;

import java.util.function.Function;

/** Computes a territory's health from its sums, the rep row and the segment's conversion statistics. */
public final class TerritoryHealthCalculator {

    private final HealthPolicy policy;
    private final QuotaValidator quotaValidator;

    public TerritoryHealthCalculator(HealthPolicy policy) {
        this.policy = policy;
        this.quotaValidator = new QuotaValidator(policy);
    }

    /**
     * @param rep   the rep row, or null when it is not known (the unassigned pool, or a rep not yet in crm.reps)
     * @param stats conversion statistics by segment (never returns null)
     */
    public TerritoryHealthReport health(TerritoryAccumulator book, RepProfile rep, Function<Segment, SegmentConversion> stats) {
        double quota = rep == null ? 0.0 : rep.quota();
        Motion motion = rep == null ? null : rep.motion();
        Double coverage = Balance.coverageRatio(book.potentialTotal(), quota);
        double motionTarget = Balance.motionTarget(motion);
        boolean meetsTarget = coverage != null && coverage >= motionTarget;
        QuotaCheck quotaCheck = rep == null ? null
                : quotaValidator.validate(book.potentialTotal(), rep, stats.apply(rep.segment()));
        return new TerritoryHealthReport(book.repId(), rep, book, quota, coverage, Balance.band(coverage),
                motionTarget, meetsTarget, RenewalOutlook.of(book, quota, policy), quotaCheck);
    }
}
