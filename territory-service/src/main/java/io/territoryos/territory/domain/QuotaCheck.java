package io.territoryos.territory.domain;

/**
 * The three checks of seed 001 that a territory can structurally yield its quota, each with its numbers, and
 * the largest quota that would pass all three.
 */
public record QuotaCheck(
        double winRate, double expectedYield, boolean conversionPasses,
        double availableHours, double hoursPerDeal, double maxDeals, double avgDealSize, double requiredDeals,
        boolean capacityPasses,
        double generationRate, double pipelineGenerated, double pipelineCoverageRequired, double pipelineRequired,
        boolean pipelinePasses,
        double recommendedQuota) {

    public boolean passes() {
        return conversionPasses && capacityPasses && pipelinePasses;
    }
}
