package io.territoryos.scoring.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.territoryos.scoring.domain.Accounts.seed;
import static io.territoryos.scoring.domain.Accounts.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PotentialFormulaTest {

    private static final Weights DEFAULTS = Weights.defaults();

    @Test
    void shouldValueSeedAccountAtThreeAndAHalfTimesItsBookedArr() {
        Score score = PotentialFormula.score(seed(), DEFAULTS);

        assertThat(score.retainedArr()).isEqualTo(100_000.0);
        assertThat(score.realizableWhitespace()).isEqualTo(250_000.0);
        assertThat(score.fitMultiplier()).isEqualTo(1.0);
        assertThat(score.potential()).isEqualTo(350_000.0);
        assertThat(score.potential() / seed().currentArr()).isEqualTo(3.5);
    }

    @Test
    void shouldDiscountArrByRenewalRiskAndWhitespaceByBuyingCapacity() {
        Score score = PotentialFormula.score(with(seed(), 100_000, 250_000, 0.4, 0.3, 50, 0.5), DEFAULTS);

        assertThat(score.retainedArr()).isCloseTo(70_000.0, within(1e-9));
        assertThat(score.realizableWhitespace()).isCloseTo(100_000.0, within(1e-9));
        assertThat(score.potential()).isCloseTo(170_000.0, within(1e-9));
    }

    @ParameterizedTest(name = "icp_fit {0} multiplies by {1}")
    @CsvSource({"0, 0.5", "50, 1.0", "100, 1.5", "80, 1.3"})
    void shouldScaleByFitMultiplierFromHalfToOneAndAHalf(double icpFit, double multiplier) {
        Score score = PotentialFormula.score(with(seed(), 100_000, 0, 1, 0, icpFit, 0.5), DEFAULTS);

        assertThat(score.fitMultiplier()).isCloseTo(multiplier, within(1e-12));
        assertThat(score.potential()).isCloseTo(100_000 * multiplier, within(1e-6));
    }

    @Test
    void shouldGiveChurnedAccountNoPotentialButKeepItsComponents() {
        Score score = PotentialFormula.score(Accounts.withStatus(seed(), AccountStatus.CHURNED), DEFAULTS);

        assertThat(score.potential()).isZero();
        assertThat(score.retainedArr()).isEqualTo(100_000.0);
        assertThat(score.tier()).isEqualTo(Tier.QUICK_WIN); // low potential, propensity 0.5 still counts
    }

    @Test
    void shouldComposeScoreFromFitExpansionRetentionCapacityAndPropensity() {
        // fit 0.5, expansion 250K/(250K+100K), retention 1, capacity 1, propensity 0.5
        double expected = 100 * (0.30 * 0.5 + 0.25 * (250_000.0 / 350_000.0) + 0.20 * 1 + 0.15 * 1 + 0.10 * 0.5);

        assertThat(PotentialFormula.score(seed(), DEFAULTS).score()).isCloseTo(expected, within(1e-9));
        assertThat(expected).isCloseTo(72.857, within(0.001));
    }

    @Test
    void shouldScoreZeroToHundredAtTheExtremes() {
        assertThat(PotentialFormula.score(with(seed(), 0, 0, 0, 1, 0, 0), DEFAULTS).score()).isZero();
        // expansion only approaches 1: w/(w+h) < 1 for any finite whitespace
        assertThat(PotentialFormula.score(with(seed(), 0, 1e12, 1, 0, 100, 1), DEFAULTS).score())
                .isCloseTo(100.0, within(1e-4)).isLessThan(100.0);
    }

    @ParameterizedTest(name = "{0} at potential {1}, propensity {2} is {3}")
    @CsvSource({
            "SMB,        50000,    0.5,    TIER_1",
            "SMB,        49999.99, 0.5,    QUICK_WIN",
            "SMB,        50000,    0.4999, DEVELOP",
            "SMB,        49999.99, 0.4999, DEPRIORITIZE",
            "MID_MARKET, 250000,   0.5,    TIER_1",
            "MID_MARKET, 249999.99,0.5,    QUICK_WIN",
            "MID_MARKET, 250000,   0.4999, DEVELOP",
            "ENTERPRISE, 1000000,  0.5,    TIER_1",
            "ENTERPRISE, 999999.99,0.9,    QUICK_WIN",
            "ENTERPRISE, 999999.99,0.1,    DEPRIORITIZE"})
    void shouldTierByTheSegmentThresholdAndPropensityAtTheBoundaries(Segment segment, double potential,
                                                                     double propensity, Tier tier) {
        // fit 50 = multiplier 1.0 exactly, so the potential is the ARR
        AccountInputs account = Accounts.withSegment(with(seed(), potential, 0, 1, 0, 50, propensity), segment);

        Score score = PotentialFormula.score(account, DEFAULTS);

        assertThat(score.potential()).isEqualTo(potential);
        assertThat(score.tier()).isEqualTo(tier);
    }

    @ParameterizedTest(name = "renewal_risk {0} critical: {1}")
    @CsvSource({"0.6, true", "0.95, true", "0.5999, false", "0, false"})
    void shouldFlagCriticalRenewalRiskFromPointSix(double renewalRisk, boolean critical) {
        Score score = PotentialFormula.score(with(seed(), 100_000, 0, 1, renewalRisk, 50, 0.5), DEFAULTS);

        assertThat(score.criticalRisk()).isEqualTo(critical);
    }

    @Test
    void shouldUseThresholdsAndMultipliersOfTheWeightsVersion() {
        Weights strict = new Weights(3, PotentialFormula.VERSION, 0.2, 0.2, 0.2, 0.2, 0.2,
                50_000, 500_000, 1_000_000, 0.5, 0.4, 50_000, 1.0, 1.0, "test", 0L);

        Score score = PotentialFormula.score(with(seed(), 100_000, 250_000, 1, 0.5, 50, 0.5), strict);

        assertThat(score.fitMultiplier()).isEqualTo(1.0);
        assertThat(score.potential()).isEqualTo(300_000.0);
        assertThat(score.tier()).isEqualTo(Tier.QUICK_WIN); // below the 500K MID_MARKET threshold of this version
        assertThat(score.criticalRisk()).isTrue();
        double expansion = 250_000.0 / 300_000.0;
        assertThat(score.score()).isCloseTo(100 * 0.2 * (0.5 + expansion + 0.5 + 1 + 0.5), within(1e-9));
    }
}
