package io.territoryos.territory.domain;

import io.territoryos.contracts.avro.Motion;
import io.territoryos.contracts.avro.RepStatus;
import io.territoryos.contracts.avro.Segment;
import org.junit.jupiter.api.Test;

import static io.territoryos.territory.domain.Fixtures.rep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class QuotaValidatorTest {

    private final QuotaValidator validator = new QuotaValidator(HealthPolicy.defaults());

    @Test
    void shouldFailConversionAndPipelineForTheSeedsSmallBook() {
        // seed 001: $800K of potential against a $500K quota, mid-market new business
        QuotaCheck check = validator.validate(800_000, rep("R2", "T", 500_000), SegmentConversion.defaults(Segment.MID_MARKET));

        assertThat(check.winRate()).isEqualTo(0.25);
        assertThat(check.expectedYield()).isEqualTo(200_000.0);        // 800K x 0.25
        assertThat(check.conversionPasses()).isFalse();
        assertThat(check.availableHours()).isEqualTo(1_600.0);         // 2000 - 80 - 240 - 80
        assertThat(check.hoursPerDeal()).isEqualTo(40.0);
        assertThat(check.maxDeals()).isEqualTo(40.0);                  // 1600 / 40
        assertThat(check.avgDealSize()).isEqualTo(60_000.0);
        assertThat(check.requiredDeals()).isCloseTo(8.3333, within(1e-4)); // 500K / 60K
        assertThat(check.capacityPasses()).isTrue();
        assertThat(check.generationRate()).isEqualTo(1.0);
        assertThat(check.pipelineGenerated()).isEqualTo(800_000.0);
        assertThat(check.pipelineCoverageRequired()).isEqualTo(4.0);
        assertThat(check.pipelineRequired()).isEqualTo(2_000_000.0);   // 500K x 4
        assertThat(check.pipelinePasses()).isFalse();
        assertThat(check.recommendedQuota()).isEqualTo(200_000.0);     // min(200K, 40 x 60K, 800K / 4)
        assertThat(check.passes()).isFalse();
    }

    @Test
    void shouldPassAllThreeForTheSeedsLargeBook() {
        QuotaCheck check = validator.validate(4_000_000, rep("R1", "T", 500_000), SegmentConversion.defaults(Segment.MID_MARKET));

        assertThat(check.expectedYield()).isEqualTo(1_000_000.0);
        assertThat(check.pipelineGenerated()).isEqualTo(4_000_000.0);
        assertThat(check.passes()).isTrue();
        assertThat(check.recommendedQuota()).isEqualTo(1_000_000.0);   // min(1M, 2.4M, 4M / 4)
    }

    @Test
    void shouldTakeARampingRepsLagOffTheRemainingHours() {
        assertThat(validator.availableHours(RepStatus.RAMPING)).isEqualTo(1_200.0); // 1600 - 25% of 1600
        assertThat(validator.availableHours(RepStatus.ACTIVE)).isEqualTo(1_600.0);
    }

    @Test
    void shouldLetCapacityBindTheRecommendedQuotaForALargeEnterpriseBook() {
        // enterprise renewal rep, ramping: 1200 h / 20 h = 60 deals x 250K = 15M; conversion 100M x 0.2 = 20M; pipeline 100M / 3
        RepProfile rep = rep("R3", "T", 16_000_000, RepStatus.RAMPING, Motion.RENEWAL_EXPANSION, Segment.ENTERPRISE);
        QuotaCheck check = validator.validate(100_000_000, rep, SegmentConversion.defaults(Segment.ENTERPRISE));

        assertThat(check.maxDeals()).isEqualTo(60.0);
        assertThat(check.requiredDeals()).isEqualTo(64.0);
        assertThat(check.capacityPasses()).isFalse();
        assertThat(check.conversionPasses()).isTrue();
        assertThat(check.pipelinePasses()).isTrue();
        assertThat(check.recommendedQuota()).isEqualTo(15_000_000.0);
    }

    @Test
    void shouldPassEveryCheckAtTheRecommendedQuotaAndFailJustAboveIt() {
        SegmentConversion smb = SegmentConversion.defaults(Segment.SMB);
        RepProfile probe = rep("R4", "T", 1, RepStatus.ACTIVE, Motion.DUAL, Segment.SMB);
        double recommended = validator.validate(1_234_567, probe, smb).recommendedQuota();

        assertThat(validator.validate(1_234_567, withQuota(probe, recommended), smb).passes()).isTrue();
        assertThat(validator.validate(1_234_567, withQuota(probe, recommended * 1.001), smb).passes()).isFalse();
    }

    @Test
    void shouldUsePublishedSegmentStatisticsOverTheDefaults() {
        SegmentConversion published = new SegmentConversion(Segment.MID_MARKET, 3, 0.5, 100_000, 50, 25, 40, 0.5);
        QuotaCheck check = validator.validate(800_000, rep("R2", "T", 100_000), published);

        assertThat(check.expectedYield()).isEqualTo(400_000.0);
        assertThat(check.hoursPerDeal()).isEqualTo(50.0);
        assertThat(check.pipelineGenerated()).isEqualTo(400_000.0);
        assertThat(check.recommendedQuota()).isEqualTo(100_000.0);     // min(400K, 32 x 100K, 400K / 4)
    }

    private static RepProfile withQuota(RepProfile rep, double quota) {
        return new RepProfile(rep.repId(), rep.name(), rep.status(), rep.motion(), rep.segment(), rep.region(), rep.team(),
                quota, rep.capacityAccounts());
    }
}
