package io.territoryos.territory.domain;

import io.territoryos.contracts.avro.Tier;

/**
 * What one scored account adds to the territory that owns it. The account processor keeps the last one per
 * account, so that a change can take back exactly what was added before.
 *
 * @param accountId        the account
 * @param ownerRepId       owning rep; null for the unassigned pool
 * @param potentialCents   potential, in cents
 * @param arrCents         current ARR, in cents
 * @param whitespaceCents  whitespace ARR, in cents
 * @param tier             2x2 tier
 * @param criticalRisk     renewal risk at or above the critical threshold
 * @param weightsVersion   scoring-weights version the potential was computed with
 */
public record AccountContribution(
        String accountId, String ownerRepId, long potentialCents, long arrCents, long whitespaceCents,
        Tier tier, boolean criticalRisk, int weightsVersion) {

    /** Key of the territory the account counts in: its owner, or the unassigned pool. */
    public String territoryId() {
        return Territories.territoryOf(ownerRepId);
    }
}
