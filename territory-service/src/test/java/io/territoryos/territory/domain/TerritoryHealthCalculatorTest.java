package io.territoryos.territory.domain;

import io.territoryos.contracts.avro.CoverageBand;
import io.territoryos.contracts.avro.Motion;
import io.territoryos.contracts.avro.RenewalStatus;
import io.territoryos.contracts.avro.RepStatus;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.avro.Tier;
import org.junit.jupiter.api.Test;

import static io.territoryos.territory.domain.Fixtures.account;
import static io.territoryos.territory.domain.Fixtures.book;
import static io.territoryos.territory.domain.Fixtures.rep;
import static org.assertj.core.api.Assertions.assertThat;

class TerritoryHealthCalculatorTest {

    private final TerritoryHealthCalculator calculator = new TerritoryHealthCalculator(HealthPolicy.defaults());

    @Test
    void shouldRateTheSeedsTwoBooksAgainstTheSameQuota() {
        TerritoryHealthReport large = calculator.health(book("R1", 60, 4_000_000), rep("R1", "T", 500_000), SegmentConversion::defaults);
        TerritoryHealthReport small = calculator.health(book("R2", 25, 800_000), rep("R2", "T", 500_000), SegmentConversion::defaults);

        assertThat(large.coverageRatio()).isEqualTo(8.0);
        assertThat(large.band()).isEqualTo(CoverageBand.HEALTHY);
        assertThat(large.motionTarget()).isEqualTo(5.0);
        assertThat(large.meetsTarget()).isTrue();
        assertThat(large.book().accountCount()).isEqualTo(60);
        assertThat(small.coverageRatio()).isEqualTo(1.6);
        assertThat(small.band()).isEqualTo(CoverageBand.UNDER_COVERED);
        assertThat(small.meetsTarget()).isFalse();
        assertThat(small.renewal().status()).isEqualTo(RenewalStatus.STRUCTURALLY_UNDERPERFORMING);
        assertThat(small.quotaCheck().passes()).isFalse();
    }

    @Test
    void shouldPlaceTheBandBoundariesAtThreeAndFour() {
        RepProfile renewals = rep("R", "T", 100_000, RepStatus.ACTIVE, Motion.RENEWAL_EXPANSION, Segment.SMB);
        assertThat(calculator.health(book("R", 1, 400_000), renewals, SegmentConversion::defaults).band()).isEqualTo(CoverageBand.HEALTHY);
        TerritoryHealthReport three = calculator.health(book("R", 1, 300_000), renewals, SegmentConversion::defaults);
        assertThat(three.band()).isEqualTo(CoverageBand.ADEQUATE);
        assertThat(three.meetsTarget()).isTrue(); // RENEWAL_EXPANSION target is 3.0
        assertThat(calculator.health(book("R", 1, 299_999.99), renewals, SegmentConversion::defaults).band())
                .isEqualTo(CoverageBand.UNDER_COVERED);
    }

    @Test
    void shouldProjectTheTerritoryWithoutItsCriticalRiskAccounts() {
        // 1.6M of potential against 400K: coverage 4.0; two critical accounts carry 500K of potential and 300K of ARR
        TerritoryAccumulator book = TerritoryAccumulator.empty("R")
                .plus(account("A1", "R", 1_100_000, 500_000, Tier.TIER_1, false))
                .plus(account("A2", "R", 300_000, 200_000, Tier.DEVELOP, true))
                .plus(account("A3", "R", 200_000, 100_000, Tier.QUICK_WIN, true));
        TerritoryHealthReport health = calculator.health(book, rep("R", "T", 400_000), SegmentConversion::defaults);

        assertThat(health.coverageRatio()).isEqualTo(4.0);
        assertThat(health.renewal().criticalAccountCount()).isEqualTo(2);
        assertThat(health.renewal().arrAtRisk()).isEqualTo(300_000.0);
        assertThat(health.renewal().saveCost()).isEqualTo(45_000.0);            // 0.15 x 300K
        assertThat(health.renewal().projectedPotential()).isEqualTo(1_100_000.0);
        assertThat(health.renewal().projectedCoverage()).isEqualTo(2.75);      // 1.1M / 400K
        assertThat(health.renewal().status()).isEqualTo(RenewalStatus.STRUCTURALLY_UNDERPERFORMING);
    }

    @Test
    void shouldBeAtRiskWhenCriticalAccountsLeaveEnoughCoverage() {
        TerritoryAccumulator book = TerritoryAccumulator.empty("R")
                .plus(account("A1", "R", 1_500_000, 500_000, Tier.TIER_1, false))
                .plus(account("A2", "R", 100_000, 50_000, Tier.DEVELOP, true));
        HealthPolicy cheaperSaves = new HealthPolicy(0.10, 3.0, 2000, 80, 240, 80, 0.25);
        TerritoryHealthReport health = new TerritoryHealthCalculator(cheaperSaves)
                .health(book, rep("R", "T", 400_000), SegmentConversion::defaults);

        assertThat(health.renewal().projectedCoverage()).isEqualTo(3.75);
        assertThat(health.renewal().saveCost()).isEqualTo(5_000.0);            // configured rate 0.10 x 50K
        assertThat(health.renewal().status()).isEqualTo(RenewalStatus.AT_RISK);
    }

    @Test
    void shouldBeOnTrackWithoutCriticalAccountsAndEnoughCoverage() {
        TerritoryHealthReport health = calculator.health(book("R", 3, 1_500_000), rep("R", "T", 400_000), SegmentConversion::defaults);
        assertThat(health.renewal().status()).isEqualTo(RenewalStatus.ON_TRACK);
        assertThat(health.renewal().arrAtRisk()).isZero();
    }

    @Test
    void shouldReportAnUnknownRepWithoutQuotaOrChecks() {
        TerritoryHealthReport health = calculator.health(book("R9", 2, 10_000), null, SegmentConversion::defaults);

        assertThat(health.coverageRatio()).isNull();
        assertThat(health.band()).isEqualTo(CoverageBand.NO_QUOTA);
        assertThat(health.meetsTarget()).isFalse();
        assertThat(health.quotaCheck()).isNull();
        assertThat(health.renewal().projectedCoverage()).isNull();
        assertThat(health.countsInBalance()).isFalse();
    }
}
