package io.territoryos.optimizer.solver;

import io.territoryos.optimizer.domain.SolverStatus;

import com.google.ortools.Loader;
import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverSolutionCallback;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;
import com.google.ortools.sat.Literal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The CP-SAT model of one (sub-)problem, in the order of the OR-Tools samples: data, variables, constraints,
 * objective, solve. Σ_r |P_r − T_r| is minimised together with tier-weighted move costs, both in the integer
 * units of {@link IndexedProblem}; the greedy assignment is the hint.
 */
final class CpSatModel {

    /**
     * How long and how hard to search; {@code relativeGap} (optional) ends the search once (objective − bound) /
     * objective is that small: close enough to proven, and the last fraction of a gap costs the most time.
     */
    record Limits(double seconds, Double deterministicSeconds, int workers, int seed, Duration stagnation,
                  boolean lightweight, Double relativeGap) {
    }

    /** The outcome, with assignment by rep index of the problem solved; objective and bound in units. */
    record Solution(SolverStatus status, int[] assignment, Long objective, Long bound, long millis, String explanation,
                    long variables) {
    }

    /** What a solve minimises. */
    enum Goal {
        /** Banded Σ|P_r − T_r|, plus the options' max-deviation term, plus move costs: the product's objective. */
        BALANCE,
        /**
         * Only the largest relative deviation, moves free within the budget: not a proposal, a measurement of
         * how low the max deviation can go with that many moves (the solver's bound proves it).
         */
        MAX_DEVIATION,
        /**
         * Least disruption: every rep within their deviation cap (required), minimise the lexicographic move cost
         * of {@link IndexedProblem#disruption}: fewest moves, then fewest TIER_1 moves, then the least valuable.
         */
        MOVES
    }

    /**
     * From this limit on, a watchdog also stops the search at the call's wall deadline: CP-SAT checks its own limit
     * only between steps, and on 10,000 variables a step can outlast it by a tenth of a second.
     */
    private static final double HARD_STOP_FROM_SECONDS = 0.2;

    private static volatile boolean nativesLoaded;

    static void loadNatives() {
        if (!nativesLoaded) {
            synchronized (CpSatModel.class) {
                if (!nativesLoaded) {
                    Loader.loadNativeLibraries();
                    nativesLoaded = true;
                }
            }
        }
    }

    static Solution solve(IndexedProblem p, int[] hint, Limits limits) {
        return solve(p, hint, limits, Goal.BALANCE);
    }

    static Solution solve(IndexedProblem p, int[] hint, Limits limits, Goal goal) {
        loadNatives();
        long start = System.nanoTime();

        // Data: candidate reps per account, restricted only when the full candidate set is too large to solve.
        int n = p.accountCount();
        int m = p.repCount();
        int[][] candidates = p.candidatePairs() <= p.options.fullModelMaxPairs()
                ? p.candidates : restrictedCandidates(p, hint);

        // Variables: x[a][j] = account a ends with rep candidates[a][j]; only compatible pairs exist.
        CpModel model = new CpModel();
        BoolVar[][] x = new BoolVar[n][];
        int[] repTerms = new int[m];
        long variables = 0;
        for (int a = 0; a < n; a++) {
            x[a] = new BoolVar[candidates[a].length];
            for (int j = 0; j < candidates[a].length; j++) {
                x[a][j] = model.newBoolVar("x_" + a + "_" + candidates[a][j]);
                repTerms[candidates[a][j]]++;
            }
            variables += candidates[a].length;
        }
        BoolVar[][] repVars = new BoolVar[m][];
        long[][] repPotential = new long[m][];
        long[][] repArr = p.arr == null ? null : new long[m][];
        for (int r = 0; r < m; r++) {
            repVars[r] = new BoolVar[repTerms[r]];
            repPotential[r] = new long[repTerms[r]];
            if (repArr != null) {
                repArr[r] = new long[repTerms[r]];
            }
        }
        int[] filled = new int[m];
        for (int a = 0; a < n; a++) {
            for (int j = 0; j < candidates[a].length; j++) {
                int r = candidates[a][j];
                repVars[r][filled[r]] = x[a][j];
                repPotential[r][filled[r]] = p.potential[a];
                if (repArr != null) {
                    repArr[r][filled[r]] = p.arr[a];
                }
                filled[r]++;
            }
        }
        long unitsTotal = Arrays.stream(p.potential).sum() + Arrays.stream(p.target).map(Math::abs).sum();
        IntVar[] deviation = new IntVar[m];
        long[] deviationMax = new long[m];
        IntVar[] beyondInner = new IntVar[m];
        IntVar[] beyondOuter = new IntVar[m];
        for (int r = 0; r < m; r++) {
            // A capped rep (a neighbourhood of the search) may not end further from target than its cap.
            long cap = p.deviationCap == null ? unitsTotal : Math.min(unitsTotal, p.deviationCap[r]);
            deviationMax[r] = cap;
            deviation[r] = model.newIntVar(0, cap, "dev_" + r);
            beyondInner[r] = model.newIntVar(0, unitsTotal, "dev_beyond_inner_" + r);
            beyondOuter[r] = model.newIntVar(0, unitsTotal, "dev_beyond_outer_" + r);
        }

        // Constraint: every account ends with exactly one of its candidate reps (active, compatible, or its owner).
        for (int a = 0; a < n; a++) {
            model.addExactlyOne(x[a]);
        }
        // Constraint: a locked account stays with its active owner (its only candidate is that owner).
        for (int a = 0; a < n; a++) {
            if (p.locked[a]) {
                model.addEquality(x[a][indexOf(candidates[a], p.owner[a])], 1);
            }
        }
        // Constraint: segment (and region) compatibility holds by construction: x exists only for compatible pairs.
        // Constraint: no rep holds more accounts than their capacity.
        for (int r = 0; r < m; r++) {
            if (p.capacity[r] < repVars[r].length) {
                model.addLessOrEqual(LinearExpr.sum(repVars[r]), p.capacity[r]);
            }
        }
        // Constraint: at most maxMoves movable accounts leave their active owner (orphans and the pool are free).
        List<Literal> stays = new ArrayList<>();
        long[] stayCost = new long[n];
        int[] ownerSlot = new int[n];
        Arrays.fill(ownerSlot, -1);
        for (int a = 0; a < n; a++) {
            if (p.isMovable(a)) {
                ownerSlot[a] = indexOf(candidates[a], p.owner[a]);
                stays.add(x[a][ownerSlot[a]]);
                stayCost[a] = p.moveCost[a];
            }
        }
        if (!stays.isEmpty()) {
            model.addGreaterOrEqual(LinearExpr.sum(stays.toArray(new Literal[0])), stays.size() - (long) p.maxMoves);
        }
        // Constraint: |P_r − T_r| <= dev_r, so that minimising dev_r measures each rep's distance from target.
        for (int r = 0; r < m; r++) {
            LinearExpr load = LinearExpr.weightedSum(repVars[r], repPotential[r]);
            model.addGreaterOrEqual(LinearExpr.newBuilder().add(deviation[r]).add(p.target[r]), load);
            model.addLessOrEqual(LinearExpr.newBuilder().add(p.target[r]).addTerm(deviation[r], -1), load);
        }
        // Constraint: the parts of dev_r beyond the 1% and 5% bands, which the objective weighs more.
        for (int r = 0; r < m; r++) {
            model.addGreaterOrEqual(LinearExpr.newBuilder().add(beyondInner[r]).add(p.innerBand[r]), deviation[r]);
            model.addGreaterOrEqual(LinearExpr.newBuilder().add(beyondOuter[r]).add(p.outerBand[r]), deviation[r]);
        }
        // Constraint (optional): each rep's ARR and account count stay within tolerance of their quota share.
        for (int r = 0; r < m; r++) {
            if (repArr != null) {
                model.addLinearConstraint(LinearExpr.weightedSum(repVars[r], repArr[r]), p.arrLow[r], p.arrHigh[r]);
            }
            if (p.countLow != null) {
                model.addLinearConstraint(LinearExpr.sum(repVars[r]), p.countLow[r], p.countHigh[r]);
            }
        }

        // Constraint: maxDev >= each rep's deviation relative to their own target (UNITS per 100%), and >= the
        // reps outside this (sub-)problem. Only when the objective weighs it.
        long maxWeight = goal == Goal.MAX_DEVIATION ? 1 : p.maxDeviationWeight();
        IntVar maxDeviation = null;
        if (maxWeight > 0) {
            long most = p.maxDeviationFloor;
            for (int r = 0; r < m; r++) {
                most = Math.max(most, p.relativeDeviation(r, deviationMax[r]));
            }
            maxDeviation = model.newIntVar(p.maxDeviationFloor, most, "max_dev");
            for (int r = 0; r < m; r++) {
                long t = p.rootTarget(r);
                if (t > 0) {
                    // t × maxDev >= UNITS × dev_r, i.e. maxDev >= ceil(UNITS × dev_r / t) as maxDev is an integer.
                    model.addGreaterOrEqual(LinearExpr.term(maxDeviation, t),
                            LinearExpr.term(deviation[r], IndexedProblem.UNITS_PER_MEAN_TARGET));
                }
            }
        }

        // Objective: balance first (Σ dev_r, convex beyond the bands, and the worst rep), then fewest and least
        // important moves; or, for a measurement, the worst rep alone.
        LinearExprBuilder objective = LinearExpr.newBuilder();
        if (goal == Goal.MAX_DEVIATION) {
            model.minimize(maxDeviation);
        }
        long movesIfAllMoved = 0;
        for (int r = 0; r < m; r++) {
            objective.addTerm(deviation[r], 1);
            objective.addTerm(beyondInner[r], IndexedProblem.INNER_EXTRA_SLOPE);
            objective.addTerm(beyondOuter[r], IndexedProblem.OUTER_EXTRA_SLOPE);
        }
        for (int a = 0; a < n; a++) {
            if (ownerSlot[a] >= 0 && stayCost[a] > 0) {
                objective.addTerm(x[a][ownerSlot[a]], -stayCost[a]);
                movesIfAllMoved += stayCost[a];
            }
        }
        objective.add(movesIfAllMoved);
        if (goal == Goal.BALANCE) {
            if (maxDeviation != null) {
                objective.addTerm(maxDeviation, maxWeight);
            }
            model.minimize(objective);
        }
        if (goal == Goal.MOVES) {
            if (p.deviationCap == null) {
                throw new IllegalArgumentException("a least-disruption solve needs a deviation cap per rep");
            }
            LinearExprBuilder disruption = LinearExpr.newBuilder();
            // A rep still outside their tolerance (the cap allows as far out as they are) costs a move per unit
            // beyond it: the tolerance comes before the moves, so this stage also brings such reps in when it can.
            for (int r = 0; r < m; r++) {
                long allowed = p.toleranceUnits(r);
                if (deviationMax[r] > allowed) {
                    IntVar beyond = model.newIntVar(0, deviationMax[r] - allowed, "beyond_tolerance_" + r);
                    model.addGreaterOrEqual(LinearExpr.newBuilder().add(beyond).add(allowed), deviation[r]);
                    disruption.addTerm(beyond, p.moveWeight);
                }
            }
            long allMoved = 0;
            for (int a = 0; a < n; a++) {
                if (ownerSlot[a] >= 0) {
                    disruption.addTerm(x[a][ownerSlot[a]], -p.disruption[a]);
                    allMoved += p.disruption[a];
                }
            }
            disruption.add(allMoved);
            model.minimize(disruption);
        }

        // Hint: the greedy assignment and the deviations it implies.
        if (hint != null) {
            long[] load = new long[m];
            boolean complete = true;
            for (int a = 0; a < n; a++) {
                if (hint[a] == IndexedProblem.NO_REP) {
                    complete = false;
                    continue;
                }
                load[hint[a]] += p.potential[a];
                for (int j = 0; j < candidates[a].length; j++) {
                    model.addHint(x[a][j], candidates[a][j] == hint[a]);
                }
            }
            if (complete) {
                for (int r = 0; r < m; r++) {
                    long e = Math.abs(load[r] - p.target[r]);
                    model.addHint(deviation[r], e);
                    model.addHint(beyondInner[r], Math.max(0, e - p.innerBand[r]));
                    model.addHint(beyondOuter[r], Math.max(0, e - p.outerBand[r]));
                }
                if (maxDeviation != null) {
                    model.addHint(maxDeviation, p.maxRelativeDeviation(load));
                }
            }
        }

        // Solve, always with a time limit and never with more workers than cores.
        CpSolver solver = new CpSolver();
        solver.getParameters()
                // the limit is the wall time of the whole call: what building the model took is not given again
                .setMaxTimeInSeconds(Math.max(0.05, limits.seconds() - (System.nanoTime() - start) / 1e9))
                .setNumWorkers(limits.workers())
                .setRandomSeed(limits.seed())
                .setLogSearchProgress(false);
        if (limits.lightweight()) {
            // A neighbourhood is tiny and solved thousands of times: symmetry and probing cost more than they find.
            solver.getParameters().setSymmetryLevel(0).setCpModelProbingLevel(0);
        }
        if (limits.deterministicSeconds() != null) {
            solver.getParameters().setMaxDeterministicTime(limits.deterministicSeconds());
        }
        if (limits.relativeGap() != null) {
            solver.getParameters().setRelativeGapLimit(limits.relativeGap());
        }
        CpSolverStatus status = solveWithStagnationStop(solver, model, limits.stagnation(),
                limits.seconds() >= HARD_STOP_FROM_SECONDS ? start + (long) (limits.seconds() * 1e9) : Long.MAX_VALUE);
        long millis = (System.nanoTime() - start) / 1_000_000;

        SolverStatus mapped = map(status);
        if (!mapped.hasSolution()) {
            return new Solution(mapped, null, null, null, millis, explainNoSolution(p, mapped, limits), variables);
        }
        int[] assignment = new int[n];
        for (int a = 0; a < n; a++) {
            assignment[a] = IndexedProblem.NO_REP;
            for (int j = 0; j < candidates[a].length; j++) {
                if (solver.booleanValue(x[a][j])) {
                    assignment[a] = candidates[a][j];
                    break;
                }
            }
        }
        long value = Math.round(solver.objectiveValue());
        long bound = (long) Math.floor(solver.bestObjectiveBound() + 1e-6);
        // CP-SAT says OPTIMAL when it stops at the gap limit; a proposal says so only when the bound is closed.
        SolverStatus proven = mapped == SolverStatus.OPTIMAL && bound < value ? SolverStatus.FEASIBLE : mapped;
        return new Solution(proven, assignment, value, bound, millis, null, variables);
    }

    /** Our status; UNKNOWN after a solve means the limit came before any solution. */
    static SolverStatus map(CpSolverStatus status) {
        return switch (status) {
            case OPTIMAL -> SolverStatus.OPTIMAL;
            case FEASIBLE -> SolverStatus.FEASIBLE;
            case INFEASIBLE -> SolverStatus.INFEASIBLE;
            case MODEL_INVALID -> SolverStatus.MODEL_INVALID;
            case UNKNOWN -> SolverStatus.TIMED_OUT;
            default -> SolverStatus.NOT_SOLVED;
        };
    }

    private static String explainNoSolution(IndexedProblem p, SolverStatus status, Limits limits) {
        return switch (status) {
            case INFEASIBLE -> "No assignment satisfies capacity, compatibility, locks and the move budget of "
                    + p.maxMoves + " together" + (p.arr != null ? ", with ARR within ±" + p.options.arrTolerance() : "")
                    + (p.countLow != null ? ", with account counts within ±" + p.options.accountCountTolerance() : "")
                    + "; each check on its own passed, so it is their combination that cannot be met.";
            case TIMED_OUT -> "No solution was found within " + limits.seconds() + " s.";
            case MODEL_INVALID -> "CP-SAT rejected the model (a defect in the optimizer, not in the data).";
            default -> "The solver did not run.";
        };
    }

    /**
     * With a stagnation limit, a watchdog stops the search when no better solution has come for that long (the
     * balance objective's bound rarely closes, so "no progress" is the practical end of a solve); with a hard stop,
     * also at that instant, whatever CP-SAT is in the middle of.
     */
    private static CpSolverStatus solveWithStagnationStop(CpSolver solver, CpModel model, Duration stagnation,
                                                          long hardStopNanos) {
        if (stagnation == null && hardStopNanos == Long.MAX_VALUE) {
            return solver.solve(model);
        }
        AtomicLong lastImprovement = new AtomicLong(System.nanoTime());
        CpSolverSolutionCallback callback = new CpSolverSolutionCallback() {
            @Override
            public void onSolutionCallback() {
                lastImprovement.set(System.nanoTime());
            }
        };
        long patience = stagnation == null ? Long.MAX_VALUE : stagnation.toNanos();
        Thread watchdog = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(Math.max(5, Math.min(50, patience / 4_000_000)));
                    long now = System.nanoTime();
                    if (now - lastImprovement.get() > patience || now >= hardStopNanos) {
                        solver.stopSearch();
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cp-sat-stagnation-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            return solver.solve(model, callback);
        } finally {
            watchdog.interrupt();
        }
    }

    /**
     * Owner, hint, and a few reps most below target among the compatible ones, rotated so that accounts of one
     * pool spread over different under-target reps instead of all naming the same few.
     */
    private static int[][] restrictedCandidates(IndexedProblem p, int[] hint) {
        int k = p.options.candidateRepsPerAccount();
        long[] load = new long[p.repCount()];
        for (int a = 0; a < p.accountCount(); a++) {
            if (p.owner[a] != IndexedProblem.NO_REP) {
                load[p.owner[a]] += p.potential[a];
            }
        }
        Map<int[], int[]> mostUnder = new IdentityHashMap<>();
        int[][] restricted = new int[p.accountCount()][];
        for (int a = 0; a < p.accountCount(); a++) {
            int[] compatible = p.candidates[a];
            if (compatible.length <= k + 2) {
                restricted[a] = compatible;
                continue;
            }
            int[] ranked = mostUnder.computeIfAbsent(compatible, c -> Arrays.stream(c).boxed()
                    .sorted((r1, r2) -> Double.compare(relative(p, load, r1), relative(p, load, r2)))
                    .limit(3L * k).mapToInt(Integer::intValue).toArray());
            int[] chosen = new int[k + 2];
            int size = 0;
            for (int j = 0; j < k && j < ranked.length; j++) {
                chosen[size++] = ranked[(a * 7 + j) % ranked.length];
            }
            if (p.owner[a] != IndexedProblem.NO_REP) {
                chosen[size++] = p.owner[a];
            }
            if (hint != null && hint[a] != IndexedProblem.NO_REP) {
                chosen[size++] = hint[a];
            }
            restricted[a] = Arrays.stream(chosen, 0, size).distinct().sorted().toArray();
        }
        return restricted;
    }

    private static double relative(IndexedProblem p, long[] load, int r) {
        return (double) (load[r] - p.target[r]) / Math.max(1, p.target[r]);
    }

    private static int indexOf(int[] sorted, int value) {
        int index = Arrays.binarySearch(sorted, value);
        if (index < 0) {
            throw new IllegalStateException("rep " + value + " is not a candidate");
        }
        return index;
    }

    private CpSatModel() {
    }
}
