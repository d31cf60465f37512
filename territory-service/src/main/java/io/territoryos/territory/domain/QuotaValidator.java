package io.territoryos.territory.domain;

import io.territoryos.contracts.avro.Motion;
import io.territoryos.contracts.avro.RepStatus;

/**
 * Checks a quota against the territory that must yield it (PRODUCT.md section 5, seed 001): historical
 * conversion, rep capacity and pipeline generation.
 */
public final class QuotaValidator {

    private final HealthPolicy policy;

    public QuotaValidator(HealthPolicy policy) {
        this.policy = policy;
    }

    /** Pipeline a motion needs per unit of quota: NEW_BUSINESS 4x, RENEWAL_EXPANSION 3x, DUAL 3.5x. */
    public static double pipelineCoverageRequired(Motion motion) {
        return switch (motion) {
            case NEW_BUSINESS -> 4.0;
            case RENEWAL_EXPANSION -> 3.0;
            case DUAL -> 3.5;
        };
    }

    /** Selling hours in a year; a RAMPING rep loses a share of what is left after the fixed deductions. */
    public double availableHours(RepStatus status) {
        double rest = policy.workingHours() - policy.trainingHours() - policy.adminHours() - policy.recoveryHours();
        double rampLag = status == RepStatus.RAMPING ? policy.rampLagShare() * rest : 0.0;
        return Math.max(0.0, rest - rampLag);
    }

    public QuotaCheck validate(double potentialTotal, RepProfile rep, SegmentConversion stats) {
        double quota = rep.quota();

        double expectedYield = potentialTotal * stats.winRate();

        double availableHours = availableHours(rep.status());
        double hoursPerDeal = stats.hoursPerDeal(rep.motion());
        double maxDeals = hoursPerDeal > 0 ? availableHours / hoursPerDeal : 0.0;
        double requiredDeals = stats.avgDealSize() > 0 ? quota / stats.avgDealSize() : (quota > 0 ? Double.POSITIVE_INFINITY : 0.0);

        double coverageRequired = pipelineCoverageRequired(rep.motion());
        double pipelineGenerated = potentialTotal * stats.generationRate();
        double pipelineRequired = quota * coverageRequired;

        // each check bounds the quota from above; the recommendation is the tightest of the three bounds
        double byConversion = expectedYield;
        double byCapacity = maxDeals * stats.avgDealSize();
        double byPipeline = pipelineGenerated / coverageRequired;
        double recommended = Math.max(0.0, Math.min(byConversion, Math.min(byCapacity, byPipeline)));

        return new QuotaCheck(
                stats.winRate(), expectedYield, expectedYield >= quota,
                availableHours, hoursPerDeal, maxDeals, stats.avgDealSize(),
                Double.isInfinite(requiredDeals) ? Double.MAX_VALUE : requiredDeals, requiredDeals <= maxDeals,
                stats.generationRate(), pipelineGenerated, coverageRequired, pipelineRequired,
                pipelineGenerated >= pipelineRequired,
                recommended);
    }
}
