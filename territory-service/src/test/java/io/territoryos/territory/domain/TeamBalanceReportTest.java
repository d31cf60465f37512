package io.territoryos.territory.domain;

import io.territoryos.contracts.avro.RepStatus;
import io.territoryos.contracts.avro.Motion;
import io.territoryos.contracts.avro.Segment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.territoryos.territory.domain.Fixtures.book;
import static io.territoryos.territory.domain.Fixtures.rep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TeamBalanceReportTest {

    private final TerritoryHealthCalculator calculator = new TerritoryHealthCalculator(HealthPolicy.defaults());

    /** Seed 001: 12 reps, same $500K quota; one holds 60 accounts and $4M, one 25 accounts and $800K, ten hold $2M. */
    private List<TerritoryHealthReport> seedTeam(double firstQuota) {
        List<TerritoryHealthReport> team = new ArrayList<>();
        team.add(calculator.health(book("R01", 60, 4_000_000), rep("R01", "EAST", firstQuota), SegmentConversion::defaults));
        team.add(calculator.health(book("R02", 25, 800_000), rep("R02", "EAST", 500_000), SegmentConversion::defaults));
        for (int i = 3; i <= 12; i++) {
            String id = String.format("R%02d", i);
            team.add(calculator.health(book(id, 40, 2_000_000), rep(id, "EAST", 500_000), SegmentConversion::defaults));
        }
        return team;
    }

    @Test
    void shouldMeasureTheSeedsUnbalancedTeam() {
        TeamBalanceReport balance = TeamBalanceReport.of("EAST", seedTeam(500_000));

        // mean = 24.8M / 12; squared deviations (in M): 1.9333^2 + 1.2667^2 + 10 x 0.0667^2 = 5.38667; CV = sqrt(5.38667/12) / 2.06667
        assertThat(balance.repCount()).isEqualTo(12);
        assertThat(balance.potentialTotal()).isEqualTo(24_800_000.0);
        assertThat(balance.meanPotential()).isCloseTo(2_066_666.667, within(0.001));
        assertThat(balance.cvPotential()).isCloseTo(0.324190, within(1e-6));
        // Gini: sorted (0.8, 2 x 10, 4); Σ i·x = 0.8 + 2·(2+...+11) + 12·4 = 178.8; 2·178.8 / (12·24.8) − 13/12
        assertThat(balance.giniPotential()).isCloseTo(2 * 178.8 / (12 * 24.8) - 13.0 / 12, within(1e-12));
        assertThat(balance.giniPotential()).isCloseTo(0.118280, within(1e-6));
        // same quotas: coverage is potential scaled by one number, so its CV and Gini are the potential's
        assertThat(balance.cvCoverage()).isCloseTo(balance.cvPotential(), within(1e-12));
        assertThat(balance.giniCoverage()).isCloseTo(balance.giniPotential(), within(1e-12));
        assertThat(balance.maxMinRatio()).isEqualTo(5.0);   // 4M / 800K
        assertThat(balance.repsUnderCovered()).isEqualTo(1); // only the 1.6x book; 2M / 500K = 4.0 is healthy
    }

    @Test
    void shouldTellPotentialAndCoverageApartWhenQuotasDiffer() {
        // give the $4M rep a $1M quota: its coverage becomes 4.0 like the ten others, only the 1.6x book stands out
        TeamBalanceReport balance = TeamBalanceReport.of("EAST", seedTeam(1_000_000));

        assertThat(balance.giniPotential()).isCloseTo(0.118280, within(1e-6));
        // coverages sorted (1.6, 4 x 11): Σ i·x = 1.6 + 4·(2+...+12) = 309.6; total 45.6; 2·309.6/(12·45.6) − 13/12
        assertThat(balance.giniCoverage()).isCloseTo(2 * 309.6 / (12 * 45.6) - 13.0 / 12, within(1e-12));
        assertThat(balance.cvCoverage()).isCloseTo(0.174559, within(1e-6));
    }

    @Test
    void shouldLeaveExitedOnLeaveAndUnknownRepsOutOfTheBalance() {
        List<TerritoryHealthReport> team = new ArrayList<>(seedTeam(500_000));
        team.add(calculator.health(book("X1", 10, 9_000_000),
                rep("X1", "EAST", 500_000, RepStatus.EXITED, Motion.NEW_BUSINESS, Segment.MID_MARKET), SegmentConversion::defaults));
        team.add(calculator.health(book("X2", 10, 1_000),
                rep("X2", "EAST", 500_000, RepStatus.ON_LEAVE, Motion.NEW_BUSINESS, Segment.MID_MARKET), SegmentConversion::defaults));
        team.add(calculator.health(book(Territories.UNASSIGNED, 5, 70_000), null, SegmentConversion::defaults));

        TeamBalanceReport balance = TeamBalanceReport.of("EAST", team);
        assertThat(balance.repCount()).isEqualTo(12);
        assertThat(balance.potentialTotal()).isEqualTo(24_800_000.0);
    }

    @Test
    void shouldCountARampingRepAndSkipAQuotalessRepInCoverage() {
        List<TerritoryHealthReport> team = List.of(
                calculator.health(book("R1", 1, 1_000_000), rep("R1", "W", 250_000), SegmentConversion::defaults),
                calculator.health(book("R2", 1, 500_000),
                        rep("R2", "W", 250_000, RepStatus.RAMPING, Motion.DUAL, Segment.SMB), SegmentConversion::defaults),
                calculator.health(book("R3", 1, 0), rep("R3", "W", 0), SegmentConversion::defaults));

        TeamBalanceReport balance = TeamBalanceReport.of("W", team);
        assertThat(balance.repCount()).isEqualTo(3);
        assertThat(balance.maxMinRatio()).isNull();            // smallest potential is 0
        assertThat(balance.repsUnderCovered()).isEqualTo(1);   // 2.0 for R2; R3 has no ratio
        assertThat(balance.cvCoverage()).isCloseTo(1.0 / 3, within(1e-12)); // coverages 4 and 2: sd 1, mean 3
    }
}
