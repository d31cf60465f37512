package io.territoryos.optimizer.domain;

import java.util.List;
import java.util.Map;

/**
 * A rebalance proposal with the math on the table: every move with its reason, each rep's before/after and a
 * sentence they can read, team balance before/after, the disruption budget, what the solver did, the greedy
 * baseline on the same snapshot, and the fingerprint of the book it was computed on.
 *
 * @param ownerAfter account id -> rep id after the proposal (empty when there is no solution)
 * @param pools      balance of each compatibility pool before/after (the team figures are before/after)
 * @param warnings   data problems found in the books that did not stop the solve (an owner unknown to the CRM)
 */
public record RebalanceResult(String snapshotFingerprint, SolverReport solver, List<Move> moves,
                              List<RepImpact> reps, BalanceFigures before, BalanceFigures after,
                              DisruptionBudget budget, BaselineReport baseline, Map<String, String> ownerAfter,
                              List<PoolReport> pools, List<String> warnings) {

    public RebalanceResult {
        moves = List.copyOf(moves);
        reps = List.copyOf(reps);
        ownerAfter = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ownerAfter));
        pools = pools == null ? List.of() : List.copyOf(pools);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /**
     * One compatibility pool: the active reps that can exchange accounts, named by the markets (segment/region) it
     * holds; each rep's target is its quota share of the pool's potential.
     *
     * @param withinTolerance every rep of the pool ends within {@code tolerance} of their target
     */
    public record PoolReport(String poolId, List<String> repIds, double tolerance, boolean withinTolerance,
                             BalanceFigures before, BalanceFigures after) {
        public PoolReport {
            repIds = List.copyOf(repIds);
        }
    }

    public SolverStatus status() {
        return solver.status();
    }

    /** One account changing owner. {@code fromRepId} is null for an account from the unassigned pool. */
    public record Move(String accountId, String accountName, String fromRepId, String toRepId, double potential,
                       Tier tier, MoveReason reason, boolean countsAgainstBudget) {
    }

    /** What the proposal does to one rep's book; {@code explanation} answers "why did my book change". */
    public record RepImpact(String repId, String repName, boolean active, double quota, double targetPotential,
                            double potentialBefore, double potentialAfter, Double coverageBefore,
                            Double coverageAfter, CoverageBand bandBefore, CoverageBand bandAfter,
                            int accountsBefore, int accountsAfter, int movesIn, int movesOut,
                            String explanation) {
    }

    /**
     * Balance of the active reps' books: CV of coverage, Gini of potential and of coverage, largest relative
     * deviation from target, and the total absolute deviation Σ|P_r − T_r| in currency.
     */
    public record BalanceFigures(int repCount, double potentialTotal, double cvCoverage, double giniPotential,
                                 double giniCoverage, double maxDeviation, double deviationTotal) {
    }

    /** Moves against the budget: movable = owned by an active rep and not locked. */
    public record DisruptionBudget(int movableAccounts, double maxMoveFraction, int maxMoves, int budgetedMoves,
                                   int freeMoves, double potentialMoved, int tier1Moves) {
    }

    /**
     * What the solver did. {@code strategy} is FULL_MODEL (the whole scope in one CP-SAT model, after the
     * neighbourhood search), NEIGHBOURHOOD_SEARCH (large scopes: CP-SAT on small groups of reps), GREEDY, or
     * PRE_CHECK/EMPTY when nothing was solved. {@code objective} and {@code bestBound} are in currency: the
     * deviation penalty plus move penalties. The bound of a search is the imbalance no assignment can remove, a
     * weak but valid bound; {@code subproblems} counts the neighbourhoods solved.
     */
    public record SolverReport(SolverStatus status, String strategy, Double objective, Double bestBound, Double gap,
                               long solveTimeMs, int workers, long timeLimitMs, int subproblems,
                               String explanation) {
    }

    /** The greedy of seed 003 on the same snapshot: its moves and the balance it reached. */
    public record BaselineReport(boolean complete, int moves, int budgetedMoves, int tier1Moves,
                                 double potentialMoved, BalanceFigures after, Double objective, long solveTimeMs) {
    }
}
