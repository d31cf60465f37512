package io.territoryos.scoring.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WeightsTest {

    private static Weights version(int version, double fit, double expansion, double retention, double capacity,
                                   double propensity) {
        return new Weights(version, PotentialFormula.VERSION, fit, expansion, retention, capacity, propensity,
                50_000, 250_000, 1_000_000, 0.5, 0.6, 100_000, 0.5, 1.5, "test", 0L);
    }

    @Test
    void shouldHaveTheProductDefaultsInForceAsVersionZero() {
        Weights defaults = Weights.defaults();

        assertThat(defaults.version()).isZero();
        assertThat(defaults.violations()).isEmpty();
        assertThat(defaults.fitWeight()).isEqualTo(0.30);
        assertThat(defaults.tierThreshold(Segment.SMB)).isEqualTo(50_000);
        assertThat(defaults.tierThreshold(Segment.MID_MARKET)).isEqualTo(250_000);
        assertThat(defaults.tierThreshold(Segment.ENTERPRISE)).isEqualTo(1_000_000);
        assertThat(defaults.criticalRiskThreshold()).isEqualTo(0.6);
    }

    @Test
    void shouldAcceptNewerVersionWhoseWeightsSumToOneDespiteRounding() {
        assertThat(version(1, 0.1, 0.2, 0.3, 0.2, 0.2).violationsAsSuccessorOf(Weights.defaults())).isEmpty();
    }

    @Test
    void shouldRejectWeightsNotSummingToOne() {
        assertThat(version(1, 0.3, 0.25, 0.2, 0.15, 0.2).violationsAsSuccessorOf(Weights.defaults()))
                .singleElement().asString().contains("sum to 1.1");
    }

    @Test
    void shouldRejectNegativeWeightEvenWhenTheSumIsOne() {
        assertThat(version(1, 0.5, -0.1, 0.3, 0.2, 0.1).violations())
                .anySatisfy(v -> assertThat(v).contains("expansion_weight -0.1"));
    }

    @Test
    void shouldRejectVersionThatIsNotNewerThanTheOneInForce() {
        Weights inForce = version(4, 0.3, 0.25, 0.2, 0.15, 0.1);

        assertThat(version(4, 0.3, 0.25, 0.2, 0.15, 0.1).violationsAsSuccessorOf(inForce))
                .singleElement().asString().contains("not newer than version 4");
        assertThat(version(3, 0.3, 0.25, 0.2, 0.15, 0.1).violationsAsSuccessorOf(inForce)).isNotEmpty();
        assertThat(version(0, 0.3, 0.25, 0.2, 0.15, 0.1).violationsAsSuccessorOf(Weights.defaults())).isNotEmpty();
    }

    @Test
    void shouldRejectThresholdsThatBreakTheFormula() {
        Weights broken = new Weights(2, PotentialFormula.VERSION, 0.3, 0.25, 0.2, 0.15, 0.1,
                -1, 250_000, 1_000_000, 1.5, 0.6, 0, 1.5, 0.5, "test", 0L);

        assertThat(broken.violations()).hasSize(4)
                .anySatisfy(v -> assertThat(v).contains("tier_threshold_smb"))
                .anySatisfy(v -> assertThat(v).contains("propensity_threshold 1.5 outside 0..1"))
                .anySatisfy(v -> assertThat(v).contains("expansion_half_saturation"))
                .anySatisfy(v -> assertThat(v).contains("fit_multiplier_min 1.5 exceeds"));
    }

    @Test
    void shouldRejectWeightsForAnotherFormula() {
        Weights other = new Weights(2, "potential-v2", 0.3, 0.25, 0.2, 0.15, 0.1,
                50_000, 250_000, 1_000_000, 0.5, 0.6, 100_000, 0.5, 1.5, "test", 0L);

        assertThat(other.violations()).singleElement().asString().contains("potential-v2");
    }
}
