package io.territoryos.trigger.domain;

/** A team's balance as territory-service published it (team.balance), over its active reps. */
public record BalanceFacts(
        String team, int repCount, double cvCoverage, double cvPotential, double giniCoverage, int repsUnderCovered,
        double potentialTotal, long eventTime) {
}
