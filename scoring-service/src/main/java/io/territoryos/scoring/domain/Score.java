package io.territoryos.scoring.domain;

/**
 * The result of potential-v1 for one account: the components that explain the potential, the composite score,
 * the tier and the critical-risk flag.
 */
public record Score(double retainedArr, double realizableWhitespace, double fitMultiplier, double potential,
                    double score, Tier tier, boolean criticalRisk) {
}
