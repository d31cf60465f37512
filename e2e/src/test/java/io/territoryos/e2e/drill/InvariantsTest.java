package io.territoryos.e2e.drill;

import io.territoryos.contracts.avro.AccountStatus;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.scoring.domain.AccountInputs;
import io.territoryos.scoring.domain.AccountScore;
import io.territoryos.scoring.domain.PotentialFormula;
import io.territoryos.scoring.domain.Weights;
import io.territoryos.scoring.mapping.ScoringMapping;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class InvariantsTest {

    private static CrmAccount row(String id, double arr, String owner) {
        return new CrmAccount(id, id, Segment.MID_MARKET, "Software", "NA-EAST", "US", null, null,
                AccountStatus.CUSTOMER, arr, 250_000, 0.8, 0.2, 50, 0.5, CrmAccount.ProcurementStage.NONE,
                owner, false, null, LocalDate.of(2027, 6, 30));
    }

    private static ScoredAccount scored(CrmAccount row, Weights w) {
        AccountInputs in = ScoringMapping.inputs(row);
        return ScoringMapping.scoredAccount(new AccountScore(in, PotentialFormula.score(in, w), w.formulaVersion(),
                w.version(), 1L, row.accountId() + "/crm.accounts-0@1/w" + w.version(), 2L));
    }

    @Test
    void sumsEqualToTheCentHold() {
        // territories hold cents; each account is rounded to the cent once: 100.004 + 200.004 counts 300.00
        assertThat(Invariants.potentialBalance(List.of(300.0), List.of(100.004, 200.004)).holds()).isTrue();
        assertThat(Invariants.potentialBalance(List.of(100.0, 200.0), List.of(300.0)).holds()).isTrue();
        Invariants.PotentialBalance off = Invariants.potentialBalance(List.of(100.0, 200.01), List.of(300.0));
        assertThat(off.holds()).isFalse();
        assertThat(off.difference()).isEqualTo(0.01);
        assertThat(off.toString()).contains("difference $0.01");
    }

    @Test
    void theUnroundedSumIsReportedNotCompared() {
        Invariants.PotentialBalance b = Invariants.potentialBalance(List.of(0.02), List.of(0.006, 0.006, 0.006, 0.006));
        assertThat(b.holds()).as("four accounts of 0.006 are four cents").isFalse();
        assertThat(Invariants.potentialBalance(List.of(0.04), List.of(0.006, 0.006, 0.006, 0.006)).holds()).isTrue();
    }

    @Test
    void aScoreOnTheLastRowWithTheWeightsInForceHolds() {
        Weights w = Weights.defaults();
        CrmAccount a = row("A-1", 100_000, "R-1");
        Invariants.FormulaCheck check = Invariants.formula(Map.of("A-1", a), Set.of(), Map.of("A-1", scored(a, w)), w);
        assertThat(check.holds()).isTrue();
        assertThat(check.checked()).isEqualTo(1);
    }

    @Test
    void aScoreOfAnEarlierRowIsAMismatch() {
        Weights w = Weights.defaults();
        CrmAccount earlier = row("A-1", 100_000, "R-1");
        CrmAccount last = row("A-1", 100_001, "R-1");
        Invariants.FormulaCheck check = Invariants.formula(Map.of("A-1", last), Set.of(), Map.of("A-1", scored(earlier, w)), w);
        assertThat(check.holds()).isFalse();
        assertThat(check.mismatched()).isEqualTo(1);
        assertThat(check.examples().get(0)).contains("current_arr");
    }

    @Test
    void aChangedFigureIsAMismatchEvenOnTheRightInputs() {
        Weights w = Weights.defaults();
        CrmAccount a = row("A-1", 100_000, "R-1");
        ScoredAccount s = scored(a, w);
        s.setPotential(s.getPotential() + 0.01);
        Invariants.FormulaCheck check = Invariants.formula(Map.of("A-1", a), Set.of(), Map.of("A-1", s), w);
        assertThat(check.mismatched()).isEqualTo(1);
        assertThat(check.examples().get(0)).contains("potential");
    }

    @Test
    void anOwnerOrWeightsVersionChangeIsAMismatch() {
        Weights w = Weights.defaults();
        CrmAccount a = row("A-1", 100_000, "R-1");
        assertThat(Invariants.formula(Map.of("A-1", a.withOwner("R-2")), Set.of(), Map.of("A-1", scored(a, w)), w).mismatched())
                .isEqualTo(1);
        ScoredAccount s = scored(a, w);
        s.setWeightsVersion(7);
        assertThat(Invariants.formula(Map.of("A-1", a), Set.of(), Map.of("A-1", s), w).examples().get(0))
                .contains("weights version 7");
    }

    @Test
    void missingScoresAndScoresWithoutARowAreCounted() {
        Weights w = Weights.defaults();
        CrmAccount a = row("A-1", 100_000, "R-1");
        CrmAccount deleted = row("A-2", 5, "R-1");
        Invariants.FormulaCheck check = Invariants.formula(Map.of("A-1", a), Set.of(), Map.of("A-2", scored(deleted, w)), w);
        assertThat(check.missing()).isEqualTo(1);
        assertThat(check.orphans()).isEqualTo(1);
        assertThat(check.holds()).isFalse();
    }

    @Test
    void skippedAccountsAreLeftOut() {
        Weights w = Weights.defaults();
        CrmAccount a = row("A-1", 100_000, "R-1");
        Invariants.FormulaCheck check = Invariants.formula(Map.of("A-1", a), Set.of("A-1", "A-9"),
                Map.of("A-9", scored(row("A-9", 1, "R-1"), w)), w);
        assertThat(check.holds()).isTrue();
        assertThat(check.checked()).isZero();
    }

    @Test
    void theWeightsInForceAreTheLastValidNewerVersion() {
        Weights d = Weights.defaults();
        Weights v1 = new Weights(1, d.formulaVersion(), 0.3, 0.25, 0.2, 0.15, 0.1, 50_000, 250_000, 1_000_000, 0.5, 0.6,
                100_000, 0.5, 1.5, "drill", 10L);
        Weights invalid = new Weights(2, d.formulaVersion(), 0.9, 0.25, 0.2, 0.15, 0.1, 50_000, 250_000, 1_000_000, 0.5,
                0.6, 100_000, 0.5, 1.5, "drill", 20L);
        Weights replay = new Weights(1, d.formulaVersion(), 0.3, 0.25, 0.2, 0.15, 0.1, 50_000, 250_000, 1_000_000, 0.5, 0.6,
                100_000, 0.5, 1.5, "drill", 30L);
        assertThat(Invariants.weightsInForce(List.of()).version()).isZero();
        assertThat(Invariants.weightsInForce(List.of(v1, invalid, replay)).version()).isEqualTo(1);
        assertThat(Invariants.weightsInForce(List.of(v1, invalid, replay)).publishedAt()).isEqualTo(10L);
    }

    @Test
    void duplicatesAreCommandIdsTwiceProposalsTwiceWithOneStatusAndCommandsWithTwoProposals() {
        List<Invariants.ProposalRecord> proposals = List.of(
                new Invariants.ProposalRecord("P-1", "PENDING_APPROVAL", "C-1"),
                new Invariants.ProposalRecord("P-1", "SUPERSEDED", "C-1"),
                new Invariants.ProposalRecord("P-2", "PENDING_APPROVAL", "C-2"));
        Invariants.Duplicates none = Invariants.duplicates(List.of("C-1", "C-2"), proposals);
        assertThat(none.none()).as(none.toString()).isTrue();

        Invariants.Duplicates twice = Invariants.duplicates(List.of("C-1", "C-2", "C-1"), List.of(
                new Invariants.ProposalRecord("P-1", "PENDING_APPROVAL", "C-1"),
                new Invariants.ProposalRecord("P-1", "PENDING_APPROVAL", "C-1"),
                new Invariants.ProposalRecord("P-3", "PENDING_APPROVAL", "C-2"),
                new Invariants.ProposalRecord("P-4", "PENDING_APPROVAL", "C-2")));
        assertThat(twice.duplicatedCommands()).isEqualTo(1);
        assertThat(twice.duplicatedProposals()).isEqualTo(1);
        assertThat(twice.commandsWithSeveralProposals()).isEqualTo(1);
        assertThat(twice.none()).isFalse();
        assertThat(twice.examples()).anyMatch(e -> e.contains("C-1 x2"));
    }
}
