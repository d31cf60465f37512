package io.territoryos.territory.domain;

/**
 * The constants of territory health that a deployment may tune (PRODUCT.md section 5); {@link #defaults()}
 * are the specification's numbers.
 *
 * @param saveRate              save-motion cost per unit of ARR at risk
 * @param structuralCoverage    projected coverage under which a territory is structurally underperforming
 * @param workingHours          working hours in a year
 * @param trainingHours         hours spent in training
 * @param adminHours            hours spent on administration
 * @param recoveryHours         hours lost to recovery (holidays, sickness)
 * @param rampLagShare          share of the remaining hours a RAMPING rep loses
 */
public record HealthPolicy(
        double saveRate, double structuralCoverage, double workingHours, double trainingHours, double adminHours,
        double recoveryHours, double rampLagShare) {

    public static HealthPolicy defaults() {
        return new HealthPolicy(0.15, 3.0, 2000, 80, 240, 80, 0.25);
    }
}
