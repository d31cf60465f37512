package io.territoryos.territory.domain;

import io.territoryos.contracts.balance.Balance;

import java.util.List;

/**
 * How evenly potential and coverage are spread over a team's ACTIVE and RAMPING reps (or the whole
 * organisation's, under {@link Territories#ORG}).
 *
 * @param maxMinRatio      largest / smallest potential; null when the smallest is 0
 * @param repsUnderCovered reps whose coverage ratio is below 3.0 (reps without quota have no ratio)
 */
public record TeamBalanceReport(
        String team, int repCount, double potentialTotal, double meanPotential, double cvPotential,
        double cvCoverage, double giniPotential, double giniCoverage, Double maxMinRatio, int repsUnderCovered) {

    /**
     * Measures the territories that count in balance; others (EXITED, ON_LEAVE, unknown reps, the unassigned
     * pool) are skipped, so a departed rep's book does not distort the team until it is reassigned.
     */
    public static TeamBalanceReport of(String team, List<TerritoryHealthReport> territories) {
        return ofMembers(team, territories.stream().map(t -> BalanceMember.of(t, team)).toList());
    }

    /** The same measure over members' summaries: what the organisation's roll-up receives from the team tasks. */
    public static TeamBalanceReport ofMembers(String team, List<BalanceMember> members) {
        List<BalanceMember> measured = members.stream().filter(BalanceMember::countsInBalance).toList();
        double[] potentials = measured.stream().mapToDouble(m -> Money.fromCents(m.potentialCents())).toArray();
        // a rep without quota has no coverage ratio: it cannot be compared, so it is left out of the coverage figures
        double[] coverages = measured.stream().filter(m -> m.coverageRatio() != null)
                .mapToDouble(BalanceMember::coverageRatio).toArray();
        long potentialCents = measured.stream().mapToLong(BalanceMember::potentialCents).sum();
        int underCovered = 0;
        for (double coverage : coverages) {
            if (coverage < Balance.ADEQUATE_COVERAGE) {
                underCovered++;
            }
        }
        return new TeamBalanceReport(team, measured.size(), Money.fromCents(potentialCents), Balance.mean(potentials),
                Balance.coefficientOfVariation(potentials), Balance.coefficientOfVariation(coverages),
                Balance.gini(potentials), Balance.gini(coverages), Balance.maxMinRatio(potentials), underCovered);
    }
}
