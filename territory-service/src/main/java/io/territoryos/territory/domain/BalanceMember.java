package io.territoryos.territory.domain;

/**
 * What the balance of a team or of the organisation needs from one territory, small enough to travel from the
 * team tasks to the organisation's roll-up.
 *
 * @param repId           the rep
 * @param home            partition key of the task that published it (the rep's team or {@link Territories#NO_TEAM})
 * @param countsInBalance a known ACTIVE or RAMPING rep
 * @param potentialCents  Σ potential of the territory, in cents
 * @param coverageRatio   potential / quota; null when the rep has no quota
 */
public record BalanceMember(String repId, String home, boolean countsInBalance, long potentialCents, Double coverageRatio) {

    public static BalanceMember of(TerritoryHealthReport health, String home) {
        return new BalanceMember(health.repId(), home, health.countsInBalance(), health.book().potentialCents(),
                health.coverageRatio());
    }
}
