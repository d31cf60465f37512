package io.territoryos.optimizer.domain;

import io.territoryos.optimizer.domain.RebalanceResult.SolverReport;

import java.util.List;

/**
 * Rebalances a scope with OR-Tools CP-SAT. Cheap feasibility checks come first (explained in words). The greedy
 * of seed 003 is the reported baseline. A large-neighbourhood search then starts from the moves that must happen
 * (orphans placed, capacity relieved) and re-solves small groups of reps exactly with the CP-SAT model, in
 * parallel. A small scope finally gets the full model, hinted with the best solution known, which proves
 * optimality or improves further and gives a bound; a large scope stops after the search, with the pools'
 * irreducible imbalance as its bound.
 */
public final class CpSatRebalancer implements Rebalancer {

    /** Share of the time limit the neighbourhood search may use when the full model runs after it. */
    private static final double SEARCH_SHARE_BEFORE_FULL_MODEL = 0.5;
    /** The full model is worth starting only with this much time left (its presolve alone takes a good part). */
    private static final double MIN_FULL_MODEL_SECONDS = 1.0;
    /** Per neighbourhood: a wall-clock cap, and a deterministic limit that keeps the search reproducible. */
    private static final double NEIGHBOURHOOD_SECONDS = 2.0;
    private static final double NEIGHBOURHOOD_DETERMINISTIC_SECONDS = 0.1;
    private static final int MAX_GROUP_SIZE = 4;

    @Override
    public RebalanceResult solve(RebalanceProblem problem) {
        long start = System.nanoTime();
        RebalanceOptions options = problem.options();
        IndexedProblem p = IndexedProblem.of(problem);
        List<String> reasons = FeasibilityCheck.explain(p);
        if (!reasons.isEmpty()) {
            return ResultBuilder.infeasible(problem, p, reasons, 0, elapsedMillis(start));
        }
        int workers = options.effectiveWorkers();
        if (p.accountCount() == 0) {
            SolverReport report = new SolverReport(SolverStatus.NOT_SOLVED, "EMPTY", 0.0, 0.0, null,
                    elapsedMillis(start), 0, options.timeLimit().toMillis(), 0, "No account in scope.");
            return ResultBuilder.build(problem, p, new int[0], report, null);
        }
        GreedyRebalancer.Outcome greedy = GreedyRebalancer.assign(p);
        // The search starts from what must happen anyway (orphans placed, capacity relieved), not from the
        // greedy's balancing moves: balancing pair by pair with exact solves spends fewer moves than undoing them.
        GreedyRebalancer.Outcome placed = GreedyRebalancer.placeOnly(p);
        boolean small = p.candidatePairs() <= options.fullModelMaxPairs();
        if (!isValidStart(p, placed)) {
            // Single moves cannot place everyone (swaps are needed): the model must do it all.
            return fullModel(problem, p, greedy, greedy.assignment(), workers, start, null);
        }
        long deadline = start + (long) (options.timeLimit().toNanos() * (small ? SEARCH_SHARE_BEFORE_FULL_MODEL : 1.0));
        NeighbourhoodSearch.Outcome searched = NeighbourhoodSearch.improve(p, placed.assignment(),
                new NeighbourhoodSearch.Settings(deadline, workers, NEIGHBOURHOOD_SECONDS,
                        NEIGHBOURHOOD_DETERMINISTIC_SECONDS, options.randomSeed(), MAX_GROUP_SIZE,
                        options.neighbourhoodAccountsPerRep()));
        if (small && remainingSeconds(options, start) >= MIN_FULL_MODEL_SECONDS) {
            // The full model is hinted with the best solution known: the search's or the greedy's.
            int[] hint = isValidStart(p, greedy) && p.objective(greedy.assignment()) < p.objective(searched.assignment())
                    ? greedy.assignment() : searched.assignment();
            return fullModel(problem, p, greedy, hint, workers, start, searched);
        }
        int[] assignment = searched.assignment();
        if (!p.satisfiesTolerances(assignment)) {
            SolverReport report = new SolverReport(SolverStatus.NOT_SOLVED, "NEIGHBOURHOOD_SEARCH", null, null, null,
                    elapsedMillis(start), workers, options.timeLimit().toMillis(), searched.solves(),
                    "The neighbourhood search could not bring every rep within the ARR/account-count tolerances; "
                            + "solve a smaller scope (full model) or widen the tolerances.");
            return ResultBuilder.withoutSolution(problem, p, report, greedy);
        }
        double objective = p.objective(assignment) * p.unit;
        double bound = CompatibilityPools.deviationLowerBound(p, CompatibilityPools.of(p)) * p.unit;
        SolverReport report = new SolverReport(SolverStatus.FEASIBLE, "NEIGHBOURHOOD_SEARCH", objective, bound,
                gap(objective, bound), elapsedMillis(start), workers, options.timeLimit().toMillis(), searched.solves(),
                describe(searched) + " The bound is the imbalance no assignment can remove (pools that cannot "
                        + "exchange accounts)" + (small ? "; no time was left for the full model." : "."));
        return ResultBuilder.build(problem, p, assignment, report, greedy);
    }

    private RebalanceResult fullModel(RebalanceProblem problem, IndexedProblem p, GreedyRebalancer.Outcome greedy,
                                      int[] hint, int workers, long start, NeighbourhoodSearch.Outcome searched) {
        int solves = searched == null ? 0 : searched.solves();
        RebalanceOptions options = problem.options();
        CpSatModel.Solution solution = CpSatModel.solve(p, hint, new CpSatModel.Limits(remainingSeconds(options, start),
                options.deterministicTimeLimit(), workers, options.randomSeed(), options.stopAfterNoImprovement(), false));
        String search = searched == null ? "" : describe(searched) + " ";
        boolean hintValid = hint != null && p.satisfiesConstraints(hint) && p.satisfiesTolerances(hint);
        if (!solution.status().hasSolution()) {
            if (solution.status() == SolverStatus.TIMED_OUT && hintValid) {
                // The full model found nothing in time, but the search's solution is valid: propose it.
                double objective = p.objective(hint) * p.unit;
                SolverReport report = new SolverReport(SolverStatus.FEASIBLE, "NEIGHBOURHOOD_SEARCH", objective, null,
                        null, elapsedMillis(start), workers, options.timeLimit().toMillis(), solves,
                        search + "The full model timed out; the proposal is the search's solution.");
                return ResultBuilder.build(problem, p, hint, report, greedy);
            }
            SolverReport report = new SolverReport(solution.status(), "FULL_MODEL", null, null, null,
                    elapsedMillis(start), workers, options.timeLimit().toMillis(), solves, solution.explanation());
            return ResultBuilder.withoutSolution(problem, p, report, greedy);
        }
        double objective = p.objective(solution.assignment()) * p.unit;
        double bound = solution.bound() * p.unit;
        SolverReport report = new SolverReport(solution.status(), "FULL_MODEL", objective, bound, gap(objective, bound),
                elapsedMillis(start), workers, options.timeLimit().toMillis(), solves,
                search.isEmpty() ? null : search.trim());
        return ResultBuilder.build(problem, p, solution.assignment(), report, greedy);
    }

    private static boolean isValidStart(IndexedProblem p, GreedyRebalancer.Outcome outcome) {
        return outcome.complete() && p.satisfiesConstraints(outcome.assignment());
    }

    private static String describe(NeighbourhoodSearch.Outcome searched) {
        return "Neighbourhood search: " + searched.solves() + " solves, " + searched.improvements() + " improvements in "
                + searched.millis() + " ms.";
    }

    private static double remainingSeconds(RebalanceOptions options, long start) {
        return Math.max(0.05, options.timeLimit().toNanos() / 1e9 - (System.nanoTime() - start) / 1e9);
    }

    /** (objective − bound) / objective; the balance part of a bound rarely closes, so read it with that in mind. */
    private static Double gap(double objective, double bound) {
        return objective > 0 ? Math.max(0, (objective - bound) / objective) : 0.0;
    }

    private static long elapsedMillis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
