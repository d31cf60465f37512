package io.territoryos.optimizer.bench;

import io.territoryos.optimizer.domain.CpSatRebalancer;
import io.territoryos.optimizer.domain.RebalanceOptions;
import io.territoryos.optimizer.domain.RebalanceProblem;
import io.territoryos.optimizer.domain.RebalanceResult;
import io.territoryos.optimizer.domain.RebalanceResult.BalanceFigures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark of the rebalancer against the greedy baseline on imbalanced books (PRODUCT.md section 8). A main, not
 * a test: no timing is ever asserted. From the repository root:
 * <pre>
 * ./mvnw -B -q -o -pl optimizer-service test-compile
 * cd optimizer-service
 * ../mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx2g -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     io.territoryos.optimizer.bench.RebalanceBenchmark [seed003|seed003-loose|10k|100k|all] [timeLimitSeconds] [workers]
 * </pre>
 * Each scenario prints the book before, the greedy and the CP-SAT proposal: time, max deviation from target, CV of
 * coverage, Gini of potential and of coverage, moves (budgeted and free), TIER_1 moves, potential moved, objective.
 * Times on a shared machine are noisy; compare the two rows of one run.
 */
public final class RebalanceBenchmark {

    record Scenario(String name, BookGenerator book, Duration timeLimit) {
    }

    public static void main(String[] args) {
        String which = args.length > 0 ? args[0] : "all";
        Double limitOverride = args.length > 1 ? Double.valueOf(args[1]) : null;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        List<Scenario> scenarios = new ArrayList<>();
        if (which.equals("all") || which.equals("seed003")) {
            scenarios.add(new Scenario("seed-003 1,000 x 10", BookGenerator.seed003(), Duration.ofSeconds(2)));
        }
        if (which.equals("all") || which.equals("seed003-loose")) {
            scenarios.add(new Scenario("seed-003 1,000 x 10, capacity 2x (no capacity blocks)",
                    BookGenerator.seed003().withCapacitySlack(2.0), Duration.ofSeconds(2)));
        }
        if (which.equals("all") || which.equals("10k")) {
            scenarios.add(new Scenario("10,000 x 50", BookGenerator.of(10_000, 50, 2, 11), Duration.ofSeconds(10)));
        }
        if (which.equals("all") || which.equals("100k")) {
            scenarios.add(new Scenario("100,000 x 500", BookGenerator.of(100_000, 500, 3, 101), Duration.ofSeconds(30)));
        }
        System.out.printf(Locale.ROOT, "cores=%d workers=%d (other processes share these cores: times are noisy)%n",
                Runtime.getRuntime().availableProcessors(), workers);
        // A service pays the OR-Tools native load and JIT warm-up once; report it apart from the scenarios.
        long warmStart = System.nanoTime();
        new CpSatRebalancer().solve(new BookGenerator(200, 4, 0, List.of("SMB"), 1.2, 0.05, 1.2, 1)
                .problem(RebalanceOptions.defaults().withTimeLimit(Duration.ofSeconds(1))));
        System.out.printf(Locale.ROOT, "cold start (native load + first solves of a 200 x 4 book): %d ms%n",
                (System.nanoTime() - warmStart) / 1_000_000);
        for (Scenario scenario : scenarios) {
            Duration limit = limitOverride == null ? scenario.timeLimit()
                    : Duration.ofMillis(Math.round(limitOverride * 1000));
            RebalanceOptions options = RebalanceOptions.defaults().withTimeLimit(limit).withWorkers(workers);
            long generateStart = System.nanoTime();
            RebalanceProblem problem = scenario.book().problem(options);
            long generated = (System.nanoTime() - generateStart) / 1_000_000;
            long start = System.nanoTime();
            RebalanceResult result = new CpSatRebalancer().solve(problem);
            long wall = (System.nanoTime() - start) / 1_000_000;
            report(scenario, problem, result, wall, generated);
        }
    }

    private static void report(Scenario scenario, RebalanceProblem problem, RebalanceResult result, long wall,
                               long generated) {
        BalanceFigures before = result.before();
        RebalanceResult.BaselineReport greedy = result.baseline();
        System.out.printf(Locale.ROOT, "%n== %s: %d accounts, %d reps (generated in %d ms), limit %s%n",
                scenario.name(), problem.accounts().size(), problem.reps().size(), generated,
                problem.options().timeLimit());
        System.out.printf(Locale.ROOT, "solver %s %s, sub-problems %d, objective %.0f, bound %.0f%s%n",
                result.solver().status(), result.solver().strategy(), result.solver().subproblems(),
                nullToNaN(result.solver().objective()), nullToNaN(result.solver().bestBound()),
                result.solver().explanation() == null ? "" : " - " + result.solver().explanation());
        System.out.printf(Locale.ROOT, "budget: movable %d, max moves %d%n", result.budget().movableAccounts(),
                result.budget().maxMoves());
        System.out.printf(Locale.ROOT, "%-8s %9s %9s %9s %9s %9s %7s %7s %6s %6s %12s %12s%n", "", "time ms",
                "maxDev", "cvCov", "giniPot", "giniCov", "moves", "budgtd", "free", "TIER_1", "potMoved",
                "objective");
        row("before", -1, before, -1, -1, -1, -1, 0, null);
        if (greedy != null) {
            row("greedy", greedy.solveTimeMs(), greedy.after(), greedy.moves(), greedy.budgetedMoves(),
                    greedy.moves() - greedy.budgetedMoves(), greedy.tier1Moves(), greedy.potentialMoved(),
                    greedy.objective());
        }
        row("cp-sat", wall, result.after(), result.moves().size(), result.budget().budgetedMoves(),
                result.budget().freeMoves(), result.budget().tier1Moves(), result.budget().potentialMoved(),
                result.solver().objective());
        if (greedy != null && greedy.budgetedMoves() > 0) {
            System.out.printf(Locale.ROOT, "cp-sat/greedy: budgeted moves %.2f, TIER_1 moves %s, cvCov %s%n",
                    (double) result.budget().budgetedMoves() / greedy.budgetedMoves(),
                    greedy.tier1Moves() == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f",
                            (double) result.budget().tier1Moves() / greedy.tier1Moves()),
                    greedy.after().cvCoverage() == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f",
                            result.after().cvCoverage() / greedy.after().cvCoverage()));
        }
    }

    private static void row(String name, long millis, BalanceFigures figures, int moves, int budgeted, int free,
                            int tier1, double potentialMoved, Double objective) {
        System.out.printf(Locale.ROOT, "%-8s %9s %9.5f %9.5f %9.5f %9.5f %7s %7s %6s %6s %12.0f %12.0f%n", name,
                millis < 0 ? "" : Long.toString(millis), figures.maxDeviation(), figures.cvCoverage(),
                figures.giniPotential(), figures.giniCoverage(), moves < 0 ? "" : Integer.toString(moves),
                budgeted < 0 ? "" : Integer.toString(budgeted), free < 0 ? "" : Integer.toString(free),
                tier1 < 0 ? "" : Integer.toString(tier1), potentialMoved, nullToNaN(objective));
    }

    private static double nullToNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    private RebalanceBenchmark() {
    }
}
