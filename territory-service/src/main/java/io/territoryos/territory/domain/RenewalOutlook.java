package io.territoryos.territory.domain;

import io.territoryos.contracts.avro.RenewalStatus;

/**
 * What the territory looks like if its critical-risk accounts churn (seed 000): ARR at risk, what saving it
 * costs, and the potential and coverage that would be left.
 *
 * @param projectedCoverage null when the quota is 0
 */
public record RenewalOutlook(
        int criticalAccountCount, double arrAtRisk, double saveCost, double projectedPotential,
        Double projectedCoverage, RenewalStatus status) {

    public static RenewalOutlook of(TerritoryAccumulator book, double quota, HealthPolicy policy) {
        double arrAtRisk = Money.fromCents(book.criticalArrCents());
        double projectedPotential = Money.fromCents(book.potentialCents() - book.criticalPotentialCents());
        Double projectedCoverage = quota > 0 ? projectedPotential / quota : null;
        RenewalStatus status;
        if (projectedCoverage != null && projectedCoverage < policy.structuralCoverage()) {
            status = RenewalStatus.STRUCTURALLY_UNDERPERFORMING;
        } else if (book.criticalCount() > 0) {
            status = RenewalStatus.AT_RISK;
        } else {
            status = RenewalStatus.ON_TRACK;
        }
        return new RenewalOutlook(book.criticalCount(), arrAtRisk, policy.saveRate() * arrAtRisk,
                projectedPotential, projectedCoverage, status);
    }
}
