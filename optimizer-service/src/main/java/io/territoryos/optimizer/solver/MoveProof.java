package io.territoryos.optimizer.solver;

import io.territoryos.optimizer.domain.RebalanceProblem;
import io.territoryos.optimizer.domain.SolverStatus;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A proof run, not a proposal: the full CP-SAT model with every rep required within their tolerance of their pool
 * target, minimising the least-disruption cost (fewest moves, then fewest TIER_1 moves). Proven optimal, it gives
 * the minimum move count any assignment needs for the tolerance and the fewest TIER_1 moves at that count; not
 * proven, the solver's bound still says how many moves no assignment can go below.
 *
 * @param status        OPTIMAL when both figures are proven; INFEASIBLE when no assignment within the budget reaches
 *                      the tolerance
 * @param moves         budgeted moves of the best assignment found (null: none found)
 * @param tier1Moves    its TIER_1 moves
 * @param movesFloor    no assignment within the tolerance has fewer budgeted moves
 */
public record MoveProof(SolverStatus status, Integer moves, Integer tier1Moves, int movesFloor, long millis) {

    public static MoveProof measure(RebalanceProblem problem, Map<String, String> hintOwners, Duration limit,
                                    int workers) {
        IndexedProblem root = IndexedProblem.of(problem);
        long[] cap = new long[root.repCount()];
        for (int r = 0; r < cap.length; r++) {
            cap[r] = root.toleranceUnits(r);
        }
        IndexedProblem p = root.withDeviationCap(cap);
        int[] hint = hint(p, hintOwners);
        boolean hintValid = p.satisfiesConstraints(hint) && p.withinTolerance(p.loads(hint));
        CpSatModel.Solution solution = CpSatModel.solve(p, hintValid ? hint : null, new CpSatModel.Limits(
                limit.toNanos() / 1e9, null, Math.max(1, Math.min(workers, Runtime.getRuntime().availableProcessors())),
                problem.options().randomSeed(), null, false, null), CpSatModel.Goal.MOVES);
        if (!solution.status().hasSolution()) {
            return new MoveProof(solution.status(), null, null, 0, solution.millis());
        }
        DisruptionOrder best = DisruptionOrder.of(p, solution.assignment());
        // Every move costs at least moveWeight, so bound / moveWeight moves are needed (rounded up).
        int floor = (int) Math.min(best.moves(), (solution.bound() + p.moveWeight - 1) / p.moveWeight);
        return new MoveProof(solution.status(), best.moves(), best.tier1Moves(), Math.max(0, floor),
                solution.millis());
    }

    private static int[] hint(IndexedProblem p, Map<String, String> owners) {
        Map<String, Integer> repIndex = new HashMap<>();
        for (int r = 0; r < p.repCount(); r++) {
            repIndex.put(p.reps[r].id(), r);
        }
        int[] hint = new int[p.accountCount()];
        for (int a = 0; a < p.accountCount(); a++) {
            String owner = owners.getOrDefault(p.accounts[a].id(), p.accounts[a].ownerRepId());
            Integer r = owner == null ? null : repIndex.get(owner);
            hint[a] = r == null ? IndexedProblem.NO_REP : r;
        }
        return hint;
    }
}
