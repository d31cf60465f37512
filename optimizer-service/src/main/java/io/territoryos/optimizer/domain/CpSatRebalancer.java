package io.territoryos.optimizer.domain;

import io.territoryos.optimizer.domain.RebalanceResult.SolverReport;

import java.util.List;

/**
 * Rebalances a scope with OR-Tools CP-SAT. Cheap feasibility checks come first (explained in words). The greedy
 * of seed 003 is the reported baseline. The search starts from the moves that must happen (orphans placed,
 * capacity relieved); a fast exchange pass (single moves and swaps between the reps furthest apart) takes the
 * book most of the way, then a large-neighbourhood search re-solves small groups of reps exactly with the CP-SAT
 * model, in parallel, the reps furthest from target first. The search stops early once every rep is within the
 * balance tolerance, the balance is at least the greedy's and a round finds nothing cheaper. A small scope that
 * is still out of tolerance then gets the full model, hinted with the best solution known, until it proves
 * optimality or the gap is within 1%; a scope no larger than a neighbourhood always gets it (it proves optimality
 * in milliseconds). A large scope stops after the search. Its bound comes from {@link ObjectiveLowerBound}: each rep's
 * deviation and move costs bounded on their own, a relaxation valid for any assignment.
 * Whatever stops the search, the proposal never balances worse than the greedy.
 */
public final class CpSatRebalancer implements Rebalancer {

    /** Share of the time limit the neighbourhood search may use when the full model runs after it. */
    private static final double SEARCH_SHARE_BEFORE_FULL_MODEL = 0.5;
    /** Share of the time limit kept for writing the proposal (100,000 accounts: ~0.1-0.6 s), so the limit holds. */
    private static final double SEARCH_SHARE_ALONE = 0.98;
    /** The full model is worth starting only with this much time left (its presolve alone takes a good part). */
    private static final double MIN_FULL_MODEL_SECONDS = 1.0;
    /** A full model that is not tiny stops once within 1% of its bound: the last percent costs the most time. */
    private static final double FULL_MODEL_RELATIVE_GAP = 0.01;
    /** Per neighbourhood: a wall-clock cap, and a deterministic limit that keeps the search reproducible. */
    private static final double NEIGHBOURHOOD_SECONDS = 2.0;
    private static final double NEIGHBOURHOOD_DETERMINISTIC_SECONDS = 0.1;
    private static final int MAX_GROUP_SIZE = 4;

    private static final String BOUND_SENTENCE = "The bound relaxes what couples the reps: each rep's own "
            + "deviation and move costs are bounded alone (incoming potential free, budget not shared), and summed.";

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
        // Computed first (well under a second at 100,000 accounts) so that the search's deadline still holds.
        ObjectiveLowerBound.Bound lowerBound = ObjectiveLowerBound.of(p);
        GreedyRebalancer.Outcome greedy = GreedyRebalancer.assign(p);
        // The search starts from what must happen anyway (orphans placed, capacity relieved), not from the
        // greedy's balancing moves: balancing pair by pair with exact solves spends fewer moves than undoing them.
        GreedyRebalancer.Outcome placed = GreedyRebalancer.placeOnly(p);
        boolean small = p.candidatePairs() <= options.fullModelMaxPairs();
        if (!isValidStart(p, placed)) {
            // Single moves cannot place everyone (swaps are needed): the model must do it all.
            return fullModel(problem, p, greedy, greedy.assignment(), workers, start, 0, "", null, lowerBound);
        }
        long deadline = start + (long) (options.timeLimit().toNanos()
                * (small ? SEARCH_SHARE_BEFORE_FULL_MODEL : SEARCH_SHARE_ALONE));
        ExchangeSearch.Outcome exchanged = ExchangeSearch.improve(p, placed.assignment(), deadline);
        long penaltyToBeat = isValidStart(p, greedy) ? p.deviationPenalty(greedy.assignment()) : Long.MAX_VALUE;
        NeighbourhoodSearch.Outcome searched = NeighbourhoodSearch.improve(p, exchanged.assignment(),
                new NeighbourhoodSearch.Settings(deadline, workers, NEIGHBOURHOOD_SECONDS,
                        NEIGHBOURHOOD_DETERMINISTIC_SECONDS, options.randomSeed(), MAX_GROUP_SIZE,
                        options.neighbourhoodAccountsPerRep(), options.balanceTolerance(), penaltyToBeat));
        String search = describe(exchanged, searched, options);
        // No larger than the largest neighbourhood (its reps × their free accounts): proven optimal in milliseconds.
        boolean tiny = p.candidatePairs()
                <= (long) MAX_GROUP_SIZE * MAX_GROUP_SIZE * options.neighbourhoodAccountsPerRep();
        if (small && (tiny || !searched.balanced()) && remainingSeconds(options, start) >= MIN_FULL_MODEL_SECONDS) {
            // The full model is hinted with the best solution known: the search's or the greedy's.
            boolean greedyBetter = isValidStart(p, greedy)
                    && p.objective(greedy.assignment()) < p.objective(searched.assignment());
            int[] hint = greedyBetter ? greedy.assignment() : searched.assignment();
            return fullModel(problem, p, greedy, hint, workers, start, searched.solves(), search,
                    tiny ? null : FULL_MODEL_RELATIVE_GAP, lowerBound);
        }
        int[] assignment = searched.assignment();
        if (!p.satisfiesTolerances(assignment)) {
            SolverReport report = new SolverReport(SolverStatus.NOT_SOLVED, "NEIGHBOURHOOD_SEARCH", null, null, null,
                    elapsedMillis(start), workers, options.timeLimit().toMillis(), searched.solves(),
                    "The neighbourhood search could not bring every rep within the ARR/account-count tolerances; "
                            + "solve a smaller scope (full model) or widen the tolerances.");
            return ResultBuilder.withoutSolution(problem, p, report, greedy);
        }
        if (balancesBetter(p, greedy, assignment)) {
            assignment = greedy.assignment();
            search += " The greedy's proposal balanced better and is proposed instead.";
        }
        double objective = p.objective(assignment) * p.unit;
        double bound = lowerBound.units() * p.unit;
        SolverReport report = new SolverReport(SolverStatus.FEASIBLE, "NEIGHBOURHOOD_SEARCH", objective, bound,
                gap(objective, bound), elapsedMillis(start), workers, options.timeLimit().toMillis(), searched.solves(),
                search + " " + BOUND_SENTENCE
                        + (small && !searched.balanced() ? " No time was left for the full model." : ""));
        return ResultBuilder.build(problem, p, assignment, report, greedy);
    }

    private RebalanceResult fullModel(RebalanceProblem problem, IndexedProblem p, GreedyRebalancer.Outcome greedy,
                                      int[] hint, int workers, long start, int solves, String search,
                                      Double relativeGap, ObjectiveLowerBound.Bound lowerBound) {
        RebalanceOptions options = problem.options();
        CpSatModel.Solution solution = CpSatModel.solve(p, hint, new CpSatModel.Limits(remainingSeconds(options, start),
                options.deterministicTimeLimit(), workers, options.randomSeed(), options.stopAfterNoImprovement(),
                false, relativeGap));
        String searchSentence = search.isEmpty() ? "" : search + " ";
        boolean hintValid = hint != null && p.satisfiesConstraints(hint) && p.satisfiesTolerances(hint);
        if (!solution.status().hasSolution()) {
            if (solution.status() == SolverStatus.TIMED_OUT && hintValid) {
                // The full model found nothing in time, but the search's solution is valid: propose it.
                int[] proposed = balancesBetter(p, greedy, hint) ? greedy.assignment() : hint;
                double objective = p.objective(proposed) * p.unit;
                double bound = lowerBound.units() * p.unit;
                SolverReport report = new SolverReport(SolverStatus.FEASIBLE, "NEIGHBOURHOOD_SEARCH", objective, bound,
                        gap(objective, bound), elapsedMillis(start), workers, options.timeLimit().toMillis(), solves,
                        searchSentence + "The full model timed out; the proposal is the "
                                + (proposed == hint ? "search's" : "greedy's") + " solution. " + BOUND_SENTENCE);
                return ResultBuilder.build(problem, p, proposed, report, greedy);
            }
            SolverReport report = new SolverReport(solution.status(), "FULL_MODEL", null, null, null,
                    elapsedMillis(start), workers, options.timeLimit().toMillis(), solves, solution.explanation());
            return ResultBuilder.withoutSolution(problem, p, report, greedy);
        }
        int[] assignment = solution.assignment();
        String explanation = search.isEmpty() ? null : search;
        // A proven optimum has weighed balance against moves already; anything less must not balance worse.
        if (solution.status() != SolverStatus.OPTIMAL && balancesBetter(p, greedy, assignment)) {
            assignment = greedy.assignment();
            explanation = searchSentence + "The greedy's proposal balanced better and is proposed instead.";
        }
        double objective = p.objective(assignment) * p.unit;
        // Two valid bounds on the same objective: the solver's, and the per-rep relaxation; the larger is tighter.
        // The solver's is not one when it solved a scope too large for every candidate pair (a restricted model).
        boolean restricted = p.candidatePairs() > options.fullModelMaxPairs();
        double bound = (restricted ? lowerBound.units() : Math.max(solution.bound(), lowerBound.units())) * p.unit;
        SolverReport report = new SolverReport(solution.status(), "FULL_MODEL", objective, bound, gap(objective, bound),
                elapsedMillis(start), workers, options.timeLimit().toMillis(), solves, explanation);
        return ResultBuilder.build(problem, p, assignment, report, greedy);
    }

    /** The greedy's assignment is valid and its deviation penalty lower: the proposal must not balance worse. */
    private static boolean balancesBetter(IndexedProblem p, GreedyRebalancer.Outcome greedy, int[] assignment) {
        return isValidStart(p, greedy) && p.satisfiesTolerances(greedy.assignment())
                && p.deviationPenalty(greedy.assignment()) < p.deviationPenalty(assignment);
    }

    private static boolean isValidStart(IndexedProblem p, GreedyRebalancer.Outcome outcome) {
        return outcome.complete() && p.satisfiesConstraints(outcome.assignment());
    }

    private static String describe(ExchangeSearch.Outcome exchanged, NeighbourhoodSearch.Outcome searched,
                                   RebalanceOptions options) {
        String ending = searched.balanced() && searched.early()
                ? " Stopped early: every rep within " + percent(options.balanceTolerance())
                + " of target, balance at least the greedy's, and a round found nothing cheaper."
                : searched.early() ? " The search converged." : "";
        return "Exchange pass: " + exchanged.exchanges() + " moves or swaps in " + exchanged.millis()
                + " ms. Neighbourhood search: " + searched.solves() + " solves, " + searched.improvements()
                + " improvements in " + searched.millis() + " ms." + ending;
    }

    private static String percent(double fraction) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", 100 * fraction);
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
