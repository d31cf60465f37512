package io.territoryos.scoring.domain;

/**
 * potential-v1 (PRODUCT.md section 4): what an account is worth to a territory, as retained ARR plus the
 * whitespace the account can actually buy, scaled by strategic fit; plus the composite 0..100 score, the 2x2 tier
 * and the critical-risk flag.
 */
public final class PotentialFormula {

    public static final String VERSION = "potential-v1";

    public static Score score(AccountInputs in, Weights w) {
        double retainedArr = in.currentArr() * (1 - in.renewalRisk());
        double realizableWhitespace = in.whitespaceArr() * in.buyingCapacity();
        // a multiplier, not an addend: fit scales what is there, it does not create revenue on its own
        double fitMultiplier = w.fitMultiplierMin() + (w.fitMultiplierMax() - w.fitMultiplierMin()) * in.icpFit() / 100;
        double potential = in.status() == AccountStatus.CHURNED ? 0 : (retainedArr + realizableWhitespace) * fitMultiplier;

        double expansion = realizableWhitespace / (realizableWhitespace + w.expansionHalfSaturation());
        double score = 100 * (w.fitWeight() * in.icpFit() / 100
                + w.expansionWeight() * expansion
                + w.retentionWeight() * (1 - in.renewalRisk())
                + w.capacityWeight() * in.buyingCapacity()
                + w.propensityWeight() * in.propensity());

        boolean highPotential = potential >= w.tierThreshold(in.segment());
        boolean highProbability = in.propensity() >= w.propensityThreshold();
        boolean criticalRisk = in.renewalRisk() >= w.criticalRiskThreshold();
        return new Score(retainedArr, realizableWhitespace, fitMultiplier, potential, score,
                Tier.of(highPotential, highProbability), criticalRisk);
    }

    private PotentialFormula() {
    }
}
