package io.territoryos.contracts.balance;

import io.territoryos.contracts.avro.CoverageBand;
import io.territoryos.contracts.avro.Motion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BalanceTest {

    @Test
    void shouldBandCoverageAtTheSeedThresholds() {
        assertThat(Balance.band(4.0)).isEqualTo(CoverageBand.HEALTHY);
        assertThat(Balance.band(3.999)).isEqualTo(CoverageBand.ADEQUATE);
        assertThat(Balance.band(3.0)).isEqualTo(CoverageBand.ADEQUATE);
        assertThat(Balance.band(2.999)).isEqualTo(CoverageBand.UNDER_COVERED);
        assertThat(Balance.band(null)).isEqualTo(CoverageBand.NO_QUOTA);
        assertThat(Balance.coverageRatio(4_000_000, 1_000_000)).isEqualTo(4.0);
        assertThat(Balance.coverageRatio(1, 0)).isNull();
    }

    @Test
    void shouldSetMotionTargets() {
        assertThat(Balance.motionTarget(Motion.NEW_BUSINESS)).isEqualTo(5.0);
        assertThat(Balance.motionTarget(Motion.RENEWAL_EXPANSION)).isEqualTo(3.0);
        assertThat(Balance.motionTarget(Motion.DUAL)).isEqualTo(4.0);
    }

    @Test
    void shouldMeasureTheSeedsImbalanceBetweenFourMillionAndEightHundredThousand() {
        double[] books = {4_000_000, 800_000};
        // mean 2.4M, population stddev 1.6M
        assertThat(Balance.coefficientOfVariation(books)).isCloseTo(1.6 / 2.4, within(1e-12));
        // Gini of two values a<b: (b-a) / (2(a+b))
        assertThat(Balance.gini(books)).isCloseTo(3_200_000.0 / (2 * 4_800_000), within(1e-12));
        assertThat(Balance.maxMinRatio(books)).isEqualTo(5.0);
    }

    @Test
    void shouldReportZeroInequalityForEqualBooks() {
        double[] equal = {1, 1, 1, 1};
        assertThat(Balance.gini(equal)).isZero();
        assertThat(Balance.coefficientOfVariation(equal)).isZero();
        assertThat(Balance.gini(new double[]{0, 0, 0, 12})).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void shouldTargetQuotaProportionalShares() {
        assertThat(Balance.quotaProportionalTarget(10_000_000, 1_000_000, 4_000_000)).isEqualTo(2_500_000);
        assertThat(Balance.maxDeviation(new double[]{110, 90, 100}, new double[]{100, 100, 100}))
                .isCloseTo(0.10, within(1e-12));
    }
}
