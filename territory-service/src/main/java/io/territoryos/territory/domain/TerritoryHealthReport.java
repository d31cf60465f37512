package io.territoryos.territory.domain;

import io.territoryos.contracts.avro.CoverageBand;

/**
 * The health of one territory: its sums, coverage against quota, renewal outlook and quota checks.
 *
 * @param repId          the rep, or {@link Territories#UNASSIGNED}
 * @param rep            the rep row; null until it has arrived (or after the rep was deleted)
 * @param book           the territory's sums
 * @param quota          the rep's quota; 0 when the rep row is unknown
 * @param coverageRatio  potential / quota; null when the quota is 0
 * @param quotaCheck     null when the rep row is unknown
 */
public record TerritoryHealthReport(
        String repId, RepProfile rep, TerritoryAccumulator book, double quota, Double coverageRatio,
        CoverageBand band, double motionTarget, boolean meetsTarget, RenewalOutlook renewal, QuotaCheck quotaCheck) {

    /** True when this territory counts in its team's balance: a known ACTIVE or RAMPING rep. */
    public boolean countsInBalance() {
        return rep != null && rep.carriesBook();
    }

    public String team() {
        return rep == null ? null : rep.team();
    }
}
