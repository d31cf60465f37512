package io.territoryos.optimizer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.territoryos.optimizer.domain.RebalanceOptions;
import io.territoryos.optimizer.domain.RebalanceProblem;
import io.territoryos.optimizer.domain.RebalanceResult;
import io.territoryos.optimizer.domain.RebalanceResult.PoolReport;
import io.territoryos.optimizer.solver.CpSatRebalancer;
import io.territoryos.optimizer.solver.GreedyRebalancer;
import io.territoryos.optimizer.solver.MoveProof;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Benchmark of the rebalancer (PRODUCT.md section 8 and issue 9): on each book, ours against the greedy baseline and
 * against CP-SAT proof runs — the minimum budgeted moves any assignment needs for every rep to be within their
 * tolerance of their pool target, and the fewest TIER_1 moves at that count. A main, not a test: no timing is ever
 * asserted. From the repository root: {@code ./territory bench optimizer [book|all] [proofSeconds]}, which writes
 * {@code docs/bench/optimizer.json}. Books: seed003 (1,000 x 10, capacity-bound: single moves blocked), quota-skew,
 * multi-pool (a regional team next to a non-regional one, pools off their quota share), 10k (10,000 x 50),
 * 100k-mixed (100,000 x 500, every other team regional). Times on a shared machine are noisy: the machine line gives
 * the cores, the JVM and the load average.
 */
public final class RebalanceBenchmark {

    /** The quality goals: moves within 10% of the proven minimum, TIER_1 within 20% at that count. */
    private static final double MOVES_SLACK = 1.10;
    private static final double TIER1_SLACK = 1.20;

    /**
     * @param goal      the time goal of the issue for a book of this size
     * @param proof     how long the proof run may take (null: none, the model is too large to prove)
     */
    record Scenario(String key, String name, Function<RebalanceOptions, RebalanceProblem> book, Duration limit,
                    Duration goal, Duration proof) {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "all";
        int proofSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path out = Path.of(args.length > 3 ? args[3] : "docs/bench/optimizer.json");
        Duration proof = Duration.ofSeconds(proofSeconds);
        List<Scenario> all = List.of(
                new Scenario("seed003", "seed-003 1,000 x 10, capacity-bound", o -> BookGenerator.seed003().problem(o),
                        Duration.ofSeconds(1), Duration.ofSeconds(1), proof),
                new Scenario("quota-skew", "1,000 x 10, quotas sigma 0.6, capacity 2x",
                        BenchBooks::quotaSkewed, Duration.ofSeconds(1), Duration.ofSeconds(1), proof),
                new Scenario("multi-pool", "1,200 x 12, regional SMB team (2 pools) + national MID_MARKET team",
                        BenchBooks::multiPool, Duration.ofSeconds(1), Duration.ofSeconds(1), proof),
                new Scenario("10k", "10,000 x 50, two segments", o -> BookGenerator.of(10_000, 50, 2, 11).problem(o),
                        Duration.ofSeconds(10), Duration.ofSeconds(10), proof),
                new Scenario("100k-mixed", "100,000 x 500, three segments, every other team regional",
                        o -> BenchBooks.mixedRegional(BookGenerator.of(100_000, 500, 3, 101), o),
                        Duration.ofSeconds(28), Duration.ofSeconds(30), null));
        List<Scenario> scenarios = all.stream().filter(s -> which.equals("all") || which.equals(s.key())).toList();
        System.out.println(machine(workers));
        long warmStart = System.nanoTime();
        new CpSatRebalancer().solve(new BookGenerator(200, 4, 0, List.of("SMB"), 1.2, 0.05, 1.2, 1)
                .problem(RebalanceOptions.defaults().withTimeLimit(Duration.ofSeconds(1))));
        long coldStart = (System.nanoTime() - warmStart) / 1_000_000;
        System.out.printf(Locale.ROOT, "cold start (native load + first solves of a 200 x 4 book): %d ms%n", coldStart);
        List<String> goals = new ArrayList<>();
        List<Map<String, Object>> books = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            RebalanceOptions options = RebalanceOptions.defaults().withTimeLimit(scenario.limit()).withWorkers(workers);
            // Experiments only (documented in docs/benchmarks.md): the product's defaults unless overridden.
            if (System.getProperty("bench.moveCost") != null) {
                options = options.withMoveCostFraction(Double.parseDouble(System.getProperty("bench.moveCost")));
            }
            if (System.getProperty("bench.stage1Tolerance") != null) {
                options = options.withBalanceTolerance(Double.parseDouble(System.getProperty("bench.stage1Tolerance")));
            }
            if (System.getProperty("bench.limitScale") != null) {
                options = options.withTimeLimit(Duration.ofMillis(Math.round(scenario.limit().toMillis()
                        * Double.parseDouble(System.getProperty("bench.limitScale")))));
            }
            RebalanceProblem problem = scenario.book().apply(options);
            long start = System.nanoTime();
            RebalanceResult ours = new CpSatRebalancer().solve(problem);
            long millis = (System.nanoTime() - start) / 1_000_000;
            RebalanceResult greedy = new GreedyRebalancer().solve(problem);
            MoveProof proven = scenario.proof() == null ? null
                    : MoveProof.measure(problem, ours.ownerAfter(), scenario.proof(), workers);
            books.add(report(scenario, problem, ours, millis, greedy, proven, goals));
        }
        System.out.printf(Locale.ROOT, "%n== goals (%s)%n", load());
        goals.forEach(System.out::println);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "optimizer");
        json.put("date", Instant.now().toString());
        json.put("command", "./territory bench optimizer " + String.join(" ", args));
        json.put("machine", machine(workers));
        json.put("cold_start_ms", coldStart);
        json.put("books", books);
        json.put("goals", goals);
        if (which.equals("all")) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
            System.out.println("figures written to " + out);
        }
    }

    private static Map<String, Object> report(Scenario scenario, RebalanceProblem problem, RebalanceResult ours,
                                              long millis, RebalanceResult greedy, MoveProof proof, List<String> goals) {
        System.out.printf(Locale.ROOT, "%n== %s: %d accounts, %d reps, %d pools, limit %s%n", scenario.name(),
                problem.accounts().size(), problem.reps().size(), ours.pools().size(), scenario.limit());
        System.out.println("ours: " + ours.status() + " " + ours.solver().strategy() + " - " + ours.solver().explanation());
        System.out.printf(Locale.ROOT, "%-8s %8s %8s %8s %7s %7s %7s %s%n", "", "time ms", "cvCov", "maxDev", "moves",
                "TIER_1", "free", "pools within tolerance (worst pool CV)");
        row("before", -1, ours.before(), null, ours.pools(), true);
        row("greedy", greedy.solver().solveTimeMs(), greedy.after(), greedy.budget(), greedy.pools(), false);
        row("ours", millis, ours.after(), ours.budget(), ours.pools(), false);
        if (proof != null) {
            System.out.printf(Locale.ROOT, "proof    %8d %s: min moves %s (floor %d), TIER_1 at that count %s%n",
                    proof.millis(), proof.status(), proof.moves(), proof.movesFloor(), proof.tier1Moves());
        }
        boolean within = ours.pools().stream().allMatch(PoolReport::withinTolerance);
        int moves = ours.budget().budgetedMoves();
        int tier1 = ours.budget().tier1Moves();
        goals.add(line(scenario, "every pool within tolerance (every rep within 1% of pool target)", within,
                String.format(Locale.ROOT, "%d of %d pools; worst pool CV %.4f", ours.pools().stream()
                        .filter(PoolReport::withinTolerance).count(), ours.pools().size(), worstCv(ours.pools()))));
        goals.add(line(scenario, "time <= " + scenario.goal().toSeconds() + " s", millis <= scenario.goal().toMillis(),
                millis + " ms"));
        if (proof != null && proof.moves() != null) {
            boolean optimal = proof.status().name().equals("OPTIMAL");
            int minimum = optimal ? proof.moves() : proof.movesFloor();
            goals.add(line(scenario, "moves within 10% of the proven minimum", moves <= Math.floor(MOVES_SLACK * minimum),
                    String.format(Locale.ROOT, "%d vs %s %d (greedy %d)", moves, optimal ? "proven minimum" : "floor",
                            minimum, greedy.budget().budgetedMoves())));
            if (optimal) {
                boolean sameCount = moves == proof.moves();
                goals.add(line(scenario, "TIER_1 moves within 20% of the proven minimum at that count",
                        tier1 <= Math.floor(TIER1_SLACK * proof.tier1Moves()), String.format(Locale.ROOT,
                                "%d vs %d at %d moves%s (greedy %d)", tier1, proof.tier1Moves(), proof.moves(),
                                sameCount ? "" : ", ours at " + moves + " moves", greedy.budget().tier1Moves())));
            }
        }
        Map<String, Object> book = new LinkedHashMap<>();
        book.put("book", scenario.key());
        book.put("name", scenario.name());
        book.put("accounts", problem.accounts().size());
        book.put("reps", problem.reps().size());
        book.put("time_limit_ms", scenario.limit().toMillis());
        book.put("before", figures(ours.before(), null, ours.pools(), true));
        book.put("greedy", figures(greedy.after(), greedy.budget(), greedy.pools(), false));
        Map<String, Object> oursJson = figures(ours.after(), ours.budget(), ours.pools(), false);
        oursJson.put("solve_ms", millis);
        oursJson.put("status", ours.status().name());
        oursJson.put("strategy", ours.solver().strategy());
        book.put("ours", oursJson);
        if (proof != null) {
            Map<String, Object> proofJson = new LinkedHashMap<>();
            proofJson.put("status", proof.status().name());
            proofJson.put("min_moves", proof.moves());
            proofJson.put("moves_floor", proof.movesFloor());
            proofJson.put("tier1_at_min_moves", proof.tier1Moves());
            proofJson.put("millis", proof.millis());
            book.put("proof", proofJson);
        }
        return book;
    }

    private static void row(String label, long millis, RebalanceResult.BalanceFigures figures,
                            RebalanceResult.DisruptionBudget budget, List<PoolReport> pools,
                            boolean before) {
        long within = pools.stream().filter(p -> before ? withinBefore(p) : p.withinTolerance()).count();
        System.out.printf(Locale.ROOT, "%-8s %8s %8.5f %8.5f %7s %7s %7s %d/%d (%.4f)%n", label,
                millis < 0 ? "" : String.valueOf(millis), figures.cvCoverage(), figures.maxDeviation(),
                budget == null ? "" : String.valueOf(budget.budgetedMoves()),
                budget == null ? "" : String.valueOf(budget.tier1Moves()),
                budget == null ? "" : String.valueOf(budget.freeMoves()), within, pools.size(),
                pools.stream().mapToDouble(p -> (before ? p.before() : p.after()).cvCoverage()).max().orElse(0));
    }

    private static boolean withinBefore(PoolReport pool) {
        return pool.before().maxDeviation() <= pool.tolerance() + 1e-9;
    }

    private static Map<String, Object> figures(RebalanceResult.BalanceFigures figures,
                                               RebalanceResult.DisruptionBudget budget, List<PoolReport> pools,
                                               boolean before) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cv_coverage", figures.cvCoverage());
        json.put("max_deviation", figures.maxDeviation());
        json.put("gini_coverage", figures.giniCoverage());
        if (budget != null) {
            json.put("budgeted_moves", budget.budgetedMoves());
            json.put("tier1_moves", budget.tier1Moves());
            json.put("free_moves", budget.freeMoves());
            json.put("max_moves", budget.maxMoves());
        }
        List<Map<String, Object>> poolJson = new ArrayList<>();
        for (PoolReport pool : pools) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("pool", pool.poolId());
            p.put("reps", pool.repIds().size());
            p.put("cv_coverage", (before ? pool.before() : pool.after()).cvCoverage());
            p.put("max_deviation", (before ? pool.before() : pool.after()).maxDeviation());
            p.put("within_tolerance", before ? withinBefore(pool) : pool.withinTolerance());
            poolJson.add(p);
        }
        json.put("pools", poolJson);
        return json;
    }

    private static double worstCv(List<PoolReport> pools) {
        return pools.stream().mapToDouble(p -> p.after().cvCoverage()).max().orElse(0);
    }

    private static String line(Scenario scenario, String goal, boolean met, String measured) {
        return String.format(Locale.ROOT, "%s %-11s %-62s %s", met ? "PASS" : "MISS", scenario.key(), goal, measured);
    }

    private static String machine(int workers) {
        Runtime runtime = Runtime.getRuntime();
        return String.format(Locale.ROOT, "machine: %d cores, %s %s, max heap %d MB, %s %s; workers %d; %s",
                runtime.availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), runtime.maxMemory() / (1024 * 1024),
                System.getProperty("os.name"), System.getProperty("os.arch"), workers, load());
    }

    private static String load() {
        return String.format(Locale.ROOT, "load average %.2f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private RebalanceBenchmark() {
    }
}
