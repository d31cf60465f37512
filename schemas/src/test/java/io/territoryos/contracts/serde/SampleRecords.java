package io.territoryos.contracts.serde;

import io.territoryos.contracts.avro.AccountStatus;
import io.territoryos.contracts.avro.BalanceFigures;
import io.territoryos.contracts.avro.BaselineReport;
import io.territoryos.contracts.avro.CoverageBand;
import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.avro.DisruptionBudget;
import io.territoryos.contracts.avro.Evidence;
import io.territoryos.contracts.avro.Move;
import io.territoryos.contracts.avro.MoveReason;
import io.territoryos.contracts.avro.ProposalStatus;
import io.territoryos.contracts.avro.RebalanceCommand;
import io.territoryos.contracts.avro.RebalanceProposal;
import io.territoryos.contracts.avro.RepImpact;
import io.territoryos.contracts.avro.Scope;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.avro.SolverReport;
import io.territoryos.contracts.avro.SolverStatus;
import io.territoryos.contracts.avro.Tier;
import io.territoryos.contracts.avro.TriggerType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One filled-in record of each shape the serde tests round-trip: flat, deeply nested, and with bytes. */
final class SampleRecords {

    static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123Z");

    static ScoredAccount scoredAccount() {
        return ScoredAccount.newBuilder()
                .setEventId("evt-1").setAccountId("acc-42").setName("Acme GmbH").setOwnerRepId("rep-7")
                .setSegment(Segment.MID_MARKET).setRegion("DACH").setIndustry(null).setStatus(AccountStatus.CUSTOMER)
                .setLocked(false).setCurrentArr(120_000).setWhitespaceArr(80_000).setBuyingCapacity(200_000)
                .setRenewalRisk(0.25).setIcpFit(0.8).setPropensity(0.4).setRetainedArr(90_000)
                .setRealizableWhitespace(32_000).setFitMultiplier(1.1).setPotential(134_200).setScore(71.5)
                .setTier(Tier.TIER_1).setCriticalRisk(false).setFormulaVersion("v1").setWeightsVersion(3)
                .setLastActivityAt(T0.minusSeconds(86_400)).setRenewalDate(LocalDate.of(2025, 9, 30))
                .setSourceEventTime(T0).setScoredAt(T0.plusMillis(5))
                .build();
    }

    static RebalanceProposal rebalanceProposal() {
        BalanceFigures before = figures(0.42, 0.31);
        BalanceFigures after = figures(0.12, 0.09);
        return RebalanceProposal.newBuilder()
                .setProposalId("prop-1")
                .setCommand(RebalanceCommand.newBuilder()
                        .setCommandId("cmd-1").setType(TriggerType.REP_EXIT)
                        .setScope(Scope.newBuilder().setTeam("emea-mm").setSegment(Segment.MID_MARKET).setRegion(null)
                                .setRepIds(List.of("rep-7", "rep-8")).build())
                        .setEvidence(List.of(Evidence.newBuilder().setName("rep_status").setValue(0)
                                .setThreshold(null).setSubject("rep-9").build()))
                        .setSummary("rep-9 left").setRequestedBy("trigger-engine").setMaxMoveFraction(0.15)
                        .setSourceEventTime(T0).setIssuedAt(T0.plusSeconds(1))
                        .build())
                .setStatus(ProposalStatus.PENDING_APPROVAL)
                .setSolver(SolverReport.newBuilder().setStatus(SolverStatus.OPTIMAL).setObjective(12.5)
                        .setBestBound(0.0).setGap(null).setSolveTimeMs(840).setWorkers(2).setTimeLimitMs(10_000)
                        .setExplanation("optimal within the budget").build())
                .setMoves(List.of(Move.newBuilder().setAccountId("acc-42").setAccountName("Acme GmbH")
                        .setFromRepId("rep-9").setToRepId("rep-7").setPotential(134_200).setTier(Tier.TIER_1)
                        .setReason(MoveReason.ORPHANED_BY_EXIT).setCountsAgainstBudget(false).build()))
                .setReps(List.of(RepImpact.newBuilder().setRepId("rep-7").setRepName("Dana").setActive(true)
                        .setQuota(1_000_000).setTargetPotential(4_000_000).setPotentialBefore(3_800_000)
                        .setPotentialAfter(3_934_200).setCoverageBefore(3.8).setCoverageAfter(3.93)
                        .setBandBefore(CoverageBand.ADEQUATE).setBandAfter(CoverageBand.ADEQUATE)
                        .setAccountsBefore(40).setAccountsAfter(41).setMovesIn(1).setMovesOut(0)
                        .setExplanation("takes over acc-42").build()))
                .setBefore(before)
                .setAfter(after)
                .setBudget(DisruptionBudget.newBuilder().setMovableAccounts(100).setMaxMoveFraction(0.15)
                        .setMaxMoves(15).setBudgetedMoves(0).setFreeMoves(1).setPotentialMoved(134_200).build())
                .setBaseline(BaselineReport.newBuilder().setMoves(3).setPotentialMoved(300_000)
                        .setAfter(figures(0.2, 0.15)).setSolveTimeMs(3).build())
                .setSnapshotFingerprint("sha256:abc").setDecidedBy(null).setDecisionComment(null)
                .setCreatedAt(T0.plusSeconds(2))
                .build();
    }

    static DeadLetter deadLetter() {
        return DeadLetter.newBuilder()
                .setSourceTopic("crm.accounts").setSourcePartition(3).setSourceOffset(1_234_567L)
                .setOriginalKey(ByteBuffer.wrap("{\"id\":42}".getBytes(StandardCharsets.UTF_8)))
                .setOriginalValue(ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 0xFF, 0x7F}))
                .setReason("current_arr is negative").setErrorType("CdcDecodingException")
                .setService("scoring-service").setFailedAt(T0)
                .build();
    }

    private static BalanceFigures figures(double cv, double gini) {
        return BalanceFigures.newBuilder().setRepCount(12).setPotentialTotal(48_000_000).setCvCoverage(cv)
                .setGiniPotential(gini).setGiniCoverage(gini).setMaxDeviation(cv * 2).build();
    }

    private SampleRecords() {
    }
}
