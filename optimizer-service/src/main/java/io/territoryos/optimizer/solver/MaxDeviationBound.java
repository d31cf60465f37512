package io.territoryos.optimizer.solver;

import io.territoryos.contracts.balance.Balance;
import io.territoryos.optimizer.domain.RebalanceProblem;
import io.territoryos.optimizer.domain.Rep;
import io.territoryos.optimizer.domain.SolverStatus;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a scope and its move budget, and measures how low the largest deviation from target can go within that
 * budget: the full CP-SAT model (every constraint of a proposal) minimising the max relative deviation alone.
 * Not a proposal: it answers "is a better max deviation reachable with this many moves at all?", and only the
 * solver's bound can answer "no". The bound is made valid for the real potentials: the model works in rounded
 * integer units, so the floor given back subtracts the most that rounding can hide.
 */
public final class MaxDeviationBound {

    /**
     * @param status        OPTIMAL when the best found max deviation is proven (up to rounding), FEASIBLE otherwise
     * @param achieved      max relative deviation of the best assignment found (real potentials), or null
     * @param provenFloor   no assignment within the budget has a max relative deviation below this (real potentials)
     * @param budgetedMoves moves of the best assignment found against the budget
     * @param maxMoves      the budget
     */
    public record Measurement(SolverStatus status, Double achieved, double provenFloor, int budgetedMoves,
                              int maxMoves, long millis) {
    }

    /**
     * @param hintOwners account id → rep id of a known good assignment (for example a proposal's owners after), or
     *                   empty; it only speeds the search up
     */
    public static Measurement measure(RebalanceProblem problem, Map<String, String> hintOwners, Duration limit,
                                      int workers) {
        IndexedProblem p = IndexedProblem.of(problem);
        int[] hint = hint(p, hintOwners);
        CpSatModel.Solution solution = CpSatModel.solve(p, hint, new CpSatModel.Limits(limit.toNanos() / 1e9, null,
                        Math.max(1, Math.min(workers, Runtime.getRuntime().availableProcessors())),
                        problem.options().randomSeed(), null, false, null),
                CpSatModel.Goal.MAX_DEVIATION);
        if (!solution.status().hasSolution()) {
            return new Measurement(solution.status(), null, 0, 0, p.maxMoves, solution.millis());
        }
        return new Measurement(solution.status(), maxDeviation(p, solution.assignment()),
                realFloor(p, solution.bound()), p.budgetedMoves(solution.assignment()), p.maxMoves, solution.millis());
    }

    /**
     * The model proves: every feasible assignment has a rep with ceil(UNITS × dev_r / T_r) >= bound, so
     * dev_r > (bound − 1) × T_r / UNITS in rounded units. Each rounded potential is within {@code roundError} of the
     * real one (in units) and a rep holds at most its capacity, so the real deviation is smaller by at most
     * capacity × roundError plus the rounding of its target. The rep is unknown, so the floor is the least over reps.
     */
    static double realFloor(IndexedProblem p, long bound) {
        if (bound <= 1) {
            return 0;
        }
        double realTotal = 0;
        double roundError = 0;
        for (int a = 0; a < p.accountCount(); a++) {
            double real = p.accounts[a].potential() / p.unit;
            realTotal += real;
            roundError = Math.max(roundError, Math.abs(real - p.potential[a]));
        }
        double[] realTarget = realTargets(p, realTotal);
        double floor = Double.MAX_VALUE;
        for (int r = 0; r < p.repCount(); r++) {
            if (p.rootTarget(r) <= 0 || realTarget[r] <= 0) {
                continue;
            }
            double modelDeviation = (bound - 1) * (double) p.rootTarget(r) / IndexedProblem.UNITS_PER_MEAN_TARGET;
            double slack = Math.min(p.capacity[r], p.accountCount()) * roundError
                    + Math.abs(p.target[r] - realTarget[r]);
            floor = Math.min(floor, (modelDeviation - slack) / realTarget[r]);
        }
        return floor == Double.MAX_VALUE ? 0 : Math.max(0, floor);
    }

    private static double[] realTargets(IndexedProblem p, double realTotal) {
        double quotaTotal = 0;
        for (Rep rep : p.reps) {
            quotaTotal += rep.quota();
        }
        double[] targets = new double[p.repCount()];
        for (int r = 0; r < p.repCount(); r++) {
            targets[r] = quotaTotal > 0 ? Balance.quotaProportionalTarget(realTotal, p.reps[r].quota(), quotaTotal)
                    : realTotal / p.repCount();
        }
        return targets;
    }

    private static double maxDeviation(IndexedProblem p, int[] assignment) {
        double realTotal = 0;
        double[] load = new double[p.repCount()];
        for (int a = 0; a < p.accountCount(); a++) {
            realTotal += p.accounts[a].potential();
            load[assignment[a]] += p.accounts[a].potential();
        }
        double[] target = realTargets(p, realTotal);
        return Balance.maxDeviation(load, target);
    }

    private static int[] hint(IndexedProblem p, Map<String, String> owners) {
        if (owners == null || owners.isEmpty()) {
            return null;
        }
        Map<String, Integer> repIndex = new HashMap<>();
        for (int r = 0; r < p.repCount(); r++) {
            repIndex.put(p.reps[r].id(), r);
        }
        int[] hint = new int[p.accountCount()];
        for (int a = 0; a < p.accountCount(); a++) {
            Integer r = repIndex.get(owners.get(p.accounts[a].id()));
            if (r == null) {
                return null;
            }
            hint[a] = r;
        }
        return hint;
    }

    private MaxDeviationBound() {
    }
}
