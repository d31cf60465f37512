package io.territoryos.optimizer.solver;

import io.territoryos.optimizer.domain.RebalanceOptions;
import io.territoryos.optimizer.domain.RebalanceProblem;
import io.territoryos.optimizer.domain.RebalanceResult;
import io.territoryos.optimizer.domain.RebalanceResult.SolverReport;
import io.territoryos.optimizer.domain.Rebalancer;
import io.territoryos.optimizer.domain.SolverStatus;

import java.util.List;

/**
 * Rebalances a scope with OR-Tools CP-SAT, in two stages that follow the product's order of goals.
 * <ol>
 *   <li><b>Balance.</b> Cheap feasibility checks come first (explained in words). The search starts from the moves
 *   that must happen (orphans placed, capacity relieved); a fast exchange pass (single moves and swaps between the
 *   reps furthest apart) takes the book most of the way, then a large-neighbourhood search re-solves small groups
 *   of reps exactly with the CP-SAT model, in parallel, the reps furthest from target first, until every rep is
 *   well inside their tolerance. A small scope still out of tolerance then gets the full model.</li>
 *   <li><b>Least disruption.</b> With every rep held within their team's tolerance of their pool target (or as
 *   far out as the first stage left them, where the tolerance is out of reach), the fewest moves, then the fewest
 *   TIER_1 moves, then the least valuable ({@link IndexedProblem#disruption}): the full model for a small scope,
 *   the neighbourhood search with that goal for a large one. Balancing "better than needed" costs moves the
 *   tolerance does not ask for, and this stage gives them back.</li>
 * </ol>
 * The greedy of seed 003 is the reported baseline, and the proposal is never worse than it on the
 * {@link DisruptionOrder}. The bound is {@link ObjectiveLowerBound}'s (a relaxation valid for any assignment); the
 * moves are reported against {@link MoveLowerBound}.
 */
public final class CpSatRebalancer implements Rebalancer {

    /** Share of the time limit the balance stage may use; the least-disruption stage has the rest. */
    private static final double BALANCE_SHARE = 0.5;
    /** Share of the time limit the searches may use; the rest is for writing the proposal (100,000 accounts: ~0.1-0.6 s). */
    private static final double SEARCH_SHARE_ALONE = 0.95;
    /**
     * At least this much of the limit is kept after the searches: a CP-SAT call told to stop returns up to ~80 ms
     * late on two busy cores (measured on the 1,000-account books, which overshot a 1 s limit by 34-84 ms).
     */
    private static final long RESERVE_NANOS = 150_000_000L;
    /** The full model is worth starting only with this much time left (its presolve alone takes a good part). */
    private static final double MIN_FULL_MODEL_SECONDS = 0.3;
    /** A full model that is not tiny stops once within 1% of its bound: the last percent costs the most time. */
    private static final double FULL_MODEL_RELATIVE_GAP = 0.01;
    /** Per neighbourhood: a wall-clock cap, and a deterministic limit that keeps the search reproducible. */
    private static final double NEIGHBOURHOOD_SECONDS = 2.0;
    private static final double NEIGHBOURHOOD_DETERMINISTIC_SECONDS = 0.1;
    private static final int MAX_GROUP_SIZE = 4;

    private static final String BOUND_SENTENCE = "The bound relaxes what couples the reps: each rep's own "
            + "deviation and move costs are bounded alone (incoming potential free, budget not shared), and summed.";

    /**
     * Loads OR-Tools' native libraries now (108 files, 71 MB, unpacked from the jar at each start), so that the first solve after a
     * start does not pay for it; a solve loads them itself when this was never called.
     */
    public static void loadNativeLibraries() {
        CpSatModel.loadNatives();
    }

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
        GreedyRebalancer.Outcome placed = GreedyRebalancer.placeOnly(p);
        boolean small = p.candidatePairs() <= options.fullModelMaxPairs();
        long limit = options.timeLimit().toNanos();
        long end = start + Math.min((long) (limit * SEARCH_SHARE_ALONE), Math.max(limit / 2, limit - RESERVE_NANOS));

        // Stage 1: balance.
        Balanced balanced = isValidStart(p, placed)
                ? balance(p, placed, greedy, workers, start, small)
                : balanceWithFullModel(p, greedy, workers, start, end);
        if (balanced.assignment() == null) {
            return ResultBuilder.withoutSolution(problem, p, balanced.failure(), greedy);
        }
        if (!p.satisfiesTolerances(balanced.assignment())) {
            SolverReport report = new SolverReport(SolverStatus.NOT_SOLVED, balanced.strategy(), null, null, null,
                    elapsedMillis(start), workers, options.timeLimit().toMillis(), balanced.solves(),
                    "The search could not bring every rep within the ARR/account-count tolerances; "
                            + "solve a smaller scope (full model) or widen the tolerances.");
            return ResultBuilder.withoutSolution(problem, p, report, greedy);
        }

        // Stage 2: least disruption, every rep held within their tolerance (or where stage 1 left them).
        long[] cap = caps(p, balanced.assignment());
        int fewestPossible = MoveLowerBound.of(p, cap);
        Disrupted disrupted = leastDisruption(p, balanced.assignment(), cap, workers, end, small);
        int[] assignment = disrupted.assignment();
        String explanation = balanced.explanation() + " " + disrupted.explanation();
        DisruptionOrder ours = DisruptionOrder.of(p, assignment);
        if (isValidStart(p, greedy) && p.satisfiesTolerances(greedy.assignment())
                && DisruptionOrder.of(p, greedy.assignment()).betterThan(ours)) {
            assignment = greedy.assignment();
            ours = DisruptionOrder.of(p, assignment);
            explanation += " The greedy's answer ranks better (balance, then moves, then tiers) and is proposed.";
        }
        explanation += " Result: " + ours + "; at least " + fewestPossible + " moves are needed for every rep to be "
                + "within tolerance (a per-rep bound).";
        double objective = p.objective(assignment) * p.unit;
        double bound = Math.max(lowerBound.units(), balanced.solverBound()) * p.unit;
        SolverStatus status = balanced.proven() && disrupted.proven() ? SolverStatus.OPTIMAL : SolverStatus.FEASIBLE;
        SolverReport report = new SolverReport(status, balanced.strategy(), objective, bound, gap(objective, bound),
                elapsedMillis(start), workers, options.timeLimit().toMillis(), balanced.solves() + disrupted.solves(),
                explanation + " " + BOUND_SENTENCE);
        return ResultBuilder.build(problem, p, assignment, report, greedy);
    }

    /** What the balance stage reached; {@code assignment} null (with {@code failure}) when it found nothing. */
    private record Balanced(int[] assignment, String strategy, int solves, String explanation, long solverBound,
                            boolean proven, SolverReport failure) {
    }

    /** What the least-disruption stage reached; {@code proven}: the full model proved the fewest moves. */
    private record Disrupted(int[] assignment, int solves, String explanation, boolean proven) {
    }

    private Balanced balance(IndexedProblem p, GreedyRebalancer.Outcome placed, GreedyRebalancer.Outcome greedy,
                             int workers, long start, boolean small) {
        RebalanceOptions options = p.options;
        long deadline = start + (long) (options.timeLimit().toNanos() * BALANCE_SHARE);
        // The search starts from what must happen anyway (orphans placed, capacity relieved), not from the
        // greedy's balancing moves: balancing pair by pair with exact solves spends fewer moves than undoing them.
        ExchangeSearch.Outcome exchanged = ExchangeSearch.improve(p, placed.assignment(), deadline);
        NeighbourhoodSearch.Outcome searched = NeighbourhoodSearch.improve(p, exchanged.assignment(),
                new NeighbourhoodSearch.Settings(deadline, workers, NEIGHBOURHOOD_SECONDS,
                        NEIGHBOURHOOD_DETERMINISTIC_SECONDS, options.randomSeed(), MAX_GROUP_SIZE,
                        options.neighbourhoodAccountsPerRep(), options.balanceTolerance(), Long.MAX_VALUE));
        String search = describe(exchanged, searched, options);
        // No larger than the largest neighbourhood (its reps × their free accounts): proven optimal in milliseconds.
        boolean tiny = p.candidatePairs()
                <= (long) MAX_GROUP_SIZE * MAX_GROUP_SIZE * options.neighbourhoodAccountsPerRep();
        if (small && (tiny || !searched.balanced()) && secondsUntil(deadline) >= MIN_FULL_MODEL_SECONDS) {
            boolean greedyBetter = isValidStart(p, greedy)
                    && p.objective(greedy.assignment()) < p.objective(searched.assignment());
            int[] hint = greedyBetter ? greedy.assignment() : searched.assignment();
            CpSatModel.Solution solution = CpSatModel.solve(p, hint, new CpSatModel.Limits(secondsUntil(deadline),
                    options.deterministicTimeLimit(), workers, options.randomSeed(), options.stopAfterNoImprovement(),
                    false, tiny ? null : FULL_MODEL_RELATIVE_GAP));
            if (solution.status() == SolverStatus.INFEASIBLE) {
                SolverReport report = new SolverReport(SolverStatus.INFEASIBLE, "FULL_MODEL", null, null, null,
                        (System.nanoTime() - start) / 1_000_000, workers, options.timeLimit().toMillis(),
                        searched.solves() + 1, solution.explanation());
                return new Balanced(null, "FULL_MODEL", searched.solves() + 1, null, 0, false, report);
            }
            if (solution.status().hasSolution() && p.objective(solution.assignment()) <= p.objective(hint)) {
                return new Balanced(solution.assignment(), "FULL_MODEL", searched.solves() + 1,
                        search + " Full model: " + solution.status() + " in " + solution.millis() + " ms.",
                        solution.bound(), solution.status() == SolverStatus.OPTIMAL, null);
            }
            return new Balanced(hint, "FULL_MODEL", searched.solves() + 1, search + " The full model found nothing "
                    + "better in time; the " + (greedyBetter ? "greedy's" : "search's") + " balance is kept.",
                    0, false, null);
        }
        return new Balanced(searched.assignment(), "NEIGHBOURHOOD_SEARCH", searched.solves(), search, 0, false, null);
    }

    /** Single moves cannot place everyone (swaps are needed): the full model must do it all. */
    private Balanced balanceWithFullModel(IndexedProblem p, GreedyRebalancer.Outcome greedy, int workers, long start,
                                          long end) {
        RebalanceOptions options = p.options;
        long deadline = start + (long) (options.timeLimit().toNanos() * BALANCE_SHARE);
        CpSatModel.Solution solution = CpSatModel.solve(p, greedy.assignment(), new CpSatModel.Limits(
                secondsUntil(Math.max(deadline, Math.min(end, System.nanoTime() + 1_000_000_000L))),
                options.deterministicTimeLimit(), workers, options.randomSeed(), options.stopAfterNoImprovement(),
                false, FULL_MODEL_RELATIVE_GAP));
        if (!solution.status().hasSolution()) {
            SolverReport report = new SolverReport(solution.status(), "FULL_MODEL", null, null, null,
                    elapsedMillis(start), workers, options.timeLimit().toMillis(), 1, solution.explanation());
            return new Balanced(null, "FULL_MODEL", 1, null, 0, false, report);
        }
        boolean restricted = p.candidatePairs() > options.fullModelMaxPairs();
        return new Balanced(solution.assignment(), "FULL_MODEL", 1, "Single moves could not place every account "
                + "within capacity: the full model placed them (" + solution.status() + " in " + solution.millis()
                + " ms).", restricted ? 0 : solution.bound(),
                !restricted && solution.status() == SolverStatus.OPTIMAL, null);
    }

    private Disrupted leastDisruption(IndexedProblem p, int[] balanced, long[] cap, int workers, long end,
                                      boolean small) {
        RebalanceOptions options = p.options;
        DisruptionOrder before = DisruptionOrder.of(p, balanced);
        if (before.moves() == 0) {
            return new Disrupted(balanced, 0, "", true);
        }
        if (secondsUntil(end) < 0.05) {
            return new Disrupted(balanced, 0, "No time was left for the least-disruption stage.", false);
        }
        // The fast pass first (needless moves sent home, two moves merged into one, costly ones replaced), then
        // pairs and small groups re-solved for fewer moves, then the full model where it fits.
        DisruptionPolish.Outcome polished = DisruptionPolish.improve(p, balanced, cap, end);
        NeighbourhoodSearch.Outcome searched = NeighbourhoodSearch.improve(p, polished.assignment(),
                new NeighbourhoodSearch.Settings(small ? System.nanoTime() + (end - System.nanoTime()) / 3 : end,
                        workers, NEIGHBOURHOOD_SECONDS, NEIGHBOURHOOD_DETERMINISTIC_SECONDS, options.randomSeed(),
                        MAX_GROUP_SIZE, options.neighbourhoodAccountsPerRep(), options.balanceTolerance(),
                        Long.MAX_VALUE, CpSatModel.Goal.MOVES));
        int[] best = searched.assignment();
        DisruptionOrder afterSearch = DisruptionOrder.of(p, best);
        String sentence = "Least disruption: fast pass " + polished.sentHome() + " sent home, " + polished.merged()
                + " merged, " + polished.replaced() + " replaced by cheaper accounts in " + polished.millis()
                + " ms; neighbourhood search to " + afterSearch.moves() + " moves (" + searched.solves() + " solves in "
                + searched.millis() + " ms)";
        boolean proven = false;
        int solves = searched.solves();
        if (small && secondsUntil(end) >= MIN_FULL_MODEL_SECONDS) {
            CpSatModel.Solution solution = CpSatModel.solve(p.withDeviationCap(cap), best, new CpSatModel.Limits(
                    secondsUntil(end), options.deterministicTimeLimit(), workers, options.randomSeed(),
                    options.stopAfterNoImprovement(), false, null), CpSatModel.Goal.MOVES);
            solves++;
            if (solution.status().hasSolution()
                    && !afterSearch.betterThan(DisruptionOrder.of(p, solution.assignment()))) {
                best = solution.assignment();
                proven = solution.status() == SolverStatus.OPTIMAL;
                sentence += ", full model " + solution.status() + " in " + solution.millis() + " ms";
            } else {
                sentence += ", the full model found nothing cheaper in time (" + solution.status() + ")";
            }
        }
        DisruptionOrder after = DisruptionOrder.of(p, best);
        return new Disrupted(best, solves, sentence + ": " + before.moves() + " -> " + after.moves() + " moves, "
                + before.tier1Moves() + " -> " + after.tier1Moves() + " TIER_1.", proven);
    }

    /** Each rep's cap: their tolerance, or how far out the balance stage left them when that is further. */
    private static long[] caps(IndexedProblem p, int[] assignment) {
        long[] load = p.loads(assignment);
        long[] cap = new long[p.repCount()];
        for (int r = 0; r < p.repCount(); r++) {
            cap[r] = Math.max(p.toleranceUnits(r), Math.abs(load[r] - p.target[r]));
        }
        return cap;
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

    private static double secondsUntil(long deadlineNanos) {
        return Math.max(0.0, (deadlineNanos - System.nanoTime()) / 1e9);
    }

    /** (objective − bound) / objective; the balance part of a bound rarely closes, so read it with that in mind. */
    private static Double gap(double objective, double bound) {
        return objective > 0 ? Math.max(0, (objective - bound) / objective) : 0.0;
    }

    private static long elapsedMillis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
