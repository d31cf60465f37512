package io.territoryos.optimizer.mapping;

import io.territoryos.contracts.avro.BalanceFigures;
import io.territoryos.contracts.avro.BaselineReport;
import io.territoryos.contracts.avro.CoverageBand;
import io.territoryos.contracts.avro.DisruptionBudget;
import io.territoryos.contracts.avro.HeadcountAnswer;
import io.territoryos.contracts.avro.Move;
import io.territoryos.contracts.avro.MoveReason;
import io.territoryos.contracts.avro.PoolFigures;
import io.territoryos.contracts.avro.ProposalStatus;
import io.territoryos.contracts.avro.RebalanceCommand;
import io.territoryos.contracts.avro.RebalanceProposal;
import io.territoryos.contracts.avro.RepImpact;
import io.territoryos.contracts.avro.SolverReport;
import io.territoryos.contracts.avro.SolverStatus;
import io.territoryos.contracts.avro.Tier;
import io.territoryos.optimizer.domain.RebalanceResult;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Maps a solved {@link RebalanceResult} and the command behind it to the {@code RebalanceProposal} contract. */
public final class ProposalMapping {

    /**
     * Proposal ids derive from command ids, so a redelivered command finds the proposal it already has. They are
     * pasted into URLs, so only {@code A-Z a-z 0-9 _ - . ~} appear: a command id's {@code :} becomes {@code .} and any
     * other character outside {@code [A-Za-z0-9_-]} becomes {@code ~} and two hex digits per UTF-8 byte
     * ({@code NEW_MARKET:MID_MARKET/LATAM:South} → {@code P-NEW_MARKET.MID_MARKET~2FLATAM.South}); since {@code .}
     * and {@code ~} never stand for themselves, two command ids never share a proposal id.
     */
    public static String proposalId(RebalanceCommand command) {
        return "P-" + urlSafe(command.getCommandId());
    }

    private static String urlSafe(String commandId) {
        StringBuilder id = new StringBuilder(commandId.length() + 8);
        for (byte b : commandId.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                id.append(c);
            } else if (c == ':') {
                id.append('.');
            } else {
                id.append('~').append(String.format("%02X", b & 0xff));
            }
        }
        return id.toString();
    }

    public static RebalanceProposal proposal(RebalanceCommand command, RebalanceResult result, Instant now) {
        boolean solved = result.status().hasSolution();
        ProposalStatus status = !solved ? ProposalStatus.FAILED
                : result.moves().isEmpty() ? ProposalStatus.NO_CHANGE : ProposalStatus.PENDING_APPROVAL;
        return RebalanceProposal.newBuilder()
                .setProposalId(proposalId(command))
                .setCommand(command)
                .setStatus(status)
                .setSolver(solver(result.solver()))
                .setMoves(result.moves().stream().map(ProposalMapping::move).toList())
                .setReps(result.reps().stream().map(ProposalMapping::repImpact).toList())
                .setBefore(figures(result.before()))
                .setAfter(figures(result.after()))
                .setBudget(budget(result.budget()))
                .setPools(result.pools().stream().map(ProposalMapping::pool).toList())
                .setWarnings(result.warnings())
                .setBaseline(result.baseline() == null ? null : baseline(result.baseline()))
                .setSnapshotFingerprint(result.snapshotFingerprint())
                .setCreatedAt(now)
                .build();
    }

    static SolverReport solver(RebalanceResult.SolverReport s) {
        String explanation = s.explanation();
        if (s.strategy() != null) {
            explanation = explanation == null ? "strategy " + s.strategy() : explanation + " (strategy " + s.strategy() + ")";
        }
        return SolverReport.newBuilder()
                .setStatus(SolverStatus.valueOf(s.status().name()))
                .setObjective(s.objective())
                .setBestBound(s.bestBound())
                .setGap(s.gap())
                .setSolveTimeMs(s.solveTimeMs())
                .setWorkers(s.workers())
                .setTimeLimitMs(s.timeLimitMs())
                .setExplanation(explanation)
                .build();
    }

    static Move move(RebalanceResult.Move m) {
        return Move.newBuilder()
                .setAccountId(m.accountId())
                .setAccountName(m.accountName())
                .setFromRepId(m.fromRepId())
                .setToRepId(m.toRepId())
                .setPotential(m.potential())
                .setTier(Tier.valueOf(m.tier().name()))
                .setReason(MoveReason.valueOf(m.reason().name()))
                .setCountsAgainstBudget(m.countsAgainstBudget())
                .build();
    }

    static RepImpact repImpact(RebalanceResult.RepImpact r) {
        return RepImpact.newBuilder()
                .setRepId(r.repId())
                .setRepName(r.repName())
                .setActive(r.active())
                .setQuota(r.quota())
                .setTargetPotential(r.targetPotential())
                .setPotentialBefore(r.potentialBefore())
                .setPotentialAfter(r.potentialAfter())
                .setCoverageBefore(r.coverageBefore())
                .setCoverageAfter(r.coverageAfter())
                .setBandBefore(CoverageBand.valueOf(r.bandBefore().name()))
                .setBandAfter(CoverageBand.valueOf(r.bandAfter().name()))
                .setAccountsBefore(r.accountsBefore())
                .setAccountsAfter(r.accountsAfter())
                .setMovesIn(r.movesIn())
                .setMovesOut(r.movesOut())
                .setExplanation(r.explanation())
                .build();
    }

    static BalanceFigures figures(RebalanceResult.BalanceFigures f) {
        return BalanceFigures.newBuilder()
                .setRepCount(f.repCount())
                .setPotentialTotal(f.potentialTotal())
                .setCvCoverage(f.cvCoverage())
                .setGiniPotential(f.giniPotential())
                .setGiniCoverage(f.giniCoverage())
                .setMaxDeviation(f.maxDeviation())
                .build();
    }

    static DisruptionBudget budget(RebalanceResult.DisruptionBudget b) {
        return DisruptionBudget.newBuilder()
                .setMovableAccounts(b.movableAccounts())
                .setMaxMoveFraction(b.maxMoveFraction())
                .setMaxMoves(b.maxMoves())
                .setBudgetedMoves(b.budgetedMoves())
                .setFreeMoves(b.freeMoves())
                .setPotentialMoved(b.potentialMoved())
                .setTier1Moves(b.tier1Moves())
                .build();
    }

    static PoolFigures pool(RebalanceResult.PoolReport p) {
        return PoolFigures.newBuilder()
                .setPoolId(p.poolId())
                .setRepIds(p.repIds())
                .setTolerance(p.tolerance())
                .setWithinTolerance(p.withinTolerance())
                .setBefore(figures(p.before()))
                .setAfter(figures(p.after()))
                .build();
    }

    /**
     * What hiring one rep of a market would do: the book they would take (accounts, potential, coverage), its
     * expected yield, and the team's balance after.
     */
    public static HeadcountAnswer headcount(String segment, String region, double quota, int accounts, double potential,
                                            Double coverageAfter, double projectedYield,
                                            RebalanceResult.BalanceFigures teamAfter) {
        return HeadcountAnswer.newBuilder()
                .setSegment(segment)
                .setRegion(region)
                .setQuota(quota)
                .setAccounts(accounts)
                .setPotential(potential)
                .setCoverageAfter(coverageAfter)
                .setProjectedYield(projectedYield)
                .setAfter(figures(teamAfter))
                .build();
    }

    static BaselineReport baseline(RebalanceResult.BaselineReport b) {
        return BaselineReport.newBuilder()
                .setMoves(b.moves())
                .setPotentialMoved(b.potentialMoved())
                .setAfter(figures(b.after()))
                .setSolveTimeMs(b.solveTimeMs())
                .build();
    }

    private ProposalMapping() {
    }
}
