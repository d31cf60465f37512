package io.territoryos.territory.domain;

import io.territoryos.contracts.avro.Tier;

/**
 * Running sums over the accounts of one territory, in cents and counts, so that adding and then removing an
 * account returns exactly to where it was.
 *
 * @param repId                  owning rep, or {@link Territories#UNASSIGNED}
 * @param accountCount           accounts owned
 * @param potentialCents         Σ potential
 * @param arrCents               Σ current ARR
 * @param whitespaceCents        Σ whitespace ARR
 * @param tier1Count             TIER_1 accounts
 * @param developCount           DEVELOP accounts
 * @param quickWinCount          QUICK_WIN accounts
 * @param deprioritizeCount      DEPRIORITIZE accounts
 * @param criticalCount          accounts at critical renewal risk
 * @param criticalArrCents       Σ current ARR of those accounts (the ARR at risk)
 * @param criticalPotentialCents Σ potential of those accounts
 * @param weightsVersion         weights version of the latest account that entered; null when none did yet
 */
public record TerritoryAccumulator(
        String repId, int accountCount, long potentialCents, long arrCents, long whitespaceCents,
        int tier1Count, int developCount, int quickWinCount, int deprioritizeCount,
        int criticalCount, long criticalArrCents, long criticalPotentialCents, Integer weightsVersion) {

    public static TerritoryAccumulator empty(String repId) {
        return new TerritoryAccumulator(repId, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);
    }

    public TerritoryAccumulator plus(AccountContribution account) {
        return combine(account, 1).withWeightsVersion(account.weightsVersion());
    }

    public TerritoryAccumulator minus(AccountContribution account) {
        return combine(account, -1);
    }

    /** The sums of two partial territories of the same rep (a part handed over from another task). */
    public TerritoryAccumulator merge(TerritoryAccumulator other) {
        // no conditional expression here: one mixing Integer and int is an int, and unboxes a null version
        Integer version;
        if (weightsVersion == null || other.weightsVersion == null) {
            version = weightsVersion == null ? other.weightsVersion : weightsVersion;
        } else {
            version = Math.max(weightsVersion, other.weightsVersion);
        }
        return new TerritoryAccumulator(repId, accountCount + other.accountCount, potentialCents + other.potentialCents,
                arrCents + other.arrCents, whitespaceCents + other.whitespaceCents, tier1Count + other.tier1Count,
                developCount + other.developCount, quickWinCount + other.quickWinCount,
                deprioritizeCount + other.deprioritizeCount, criticalCount + other.criticalCount,
                criticalArrCents + other.criticalArrCents, criticalPotentialCents + other.criticalPotentialCents, version);
    }

    /**
     * True when every sum is zero. A partial territory can hold no accounts and still carry sums (one account
     * removed here, its replacement added where the rest of the territory is), so the count alone does not say it.
     */
    public boolean isEmpty() {
        return accountCount == 0 && potentialCents == 0 && arrCents == 0 && whitespaceCents == 0 && tier1Count == 0
                && developCount == 0 && quickWinCount == 0 && deprioritizeCount == 0 && criticalCount == 0
                && criticalArrCents == 0 && criticalPotentialCents == 0;
    }

    public double potentialTotal() {
        return Money.fromCents(potentialCents);
    }

    public double arrTotal() {
        return Money.fromCents(arrCents);
    }

    public double whitespaceTotal() {
        return Money.fromCents(whitespaceCents);
    }

    private TerritoryAccumulator combine(AccountContribution a, int sign) {
        Tier tier = a.tier();
        int critical = a.criticalRisk() ? sign : 0;
        return new TerritoryAccumulator(
                repId,
                accountCount + sign,
                potentialCents + sign * a.potentialCents(),
                arrCents + sign * a.arrCents(),
                whitespaceCents + sign * a.whitespaceCents(),
                tier1Count + (tier == Tier.TIER_1 ? sign : 0),
                developCount + (tier == Tier.DEVELOP ? sign : 0),
                quickWinCount + (tier == Tier.QUICK_WIN ? sign : 0),
                deprioritizeCount + (tier == Tier.DEPRIORITIZE ? sign : 0),
                criticalCount + critical,
                criticalArrCents + critical * a.arrCents(),
                criticalPotentialCents + critical * a.potentialCents(),
                weightsVersion);
    }

    private TerritoryAccumulator withWeightsVersion(int version) {
        return new TerritoryAccumulator(repId, accountCount, potentialCents, arrCents, whitespaceCents,
                tier1Count, developCount, quickWinCount, deprioritizeCount,
                criticalCount, criticalArrCents, criticalPotentialCents, version);
    }
}
