package io.territoryos.optimizer.offline;

import io.territoryos.optimizer.domain.RebalanceOptions;
import io.territoryos.optimizer.domain.RebalanceProblem;
import io.territoryos.optimizer.domain.RebalanceResult;
import io.territoryos.optimizer.domain.Rebalancer;
import io.territoryos.optimizer.offline.InputErrors.BadInput;
import io.territoryos.optimizer.solver.CpSatRebalancer;
import io.territoryos.optimizer.solver.GreedyRebalancer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./territory rebalance}: the rebalancer on files, without the stack. Reads a book (one JSON file, or reps,
 * accounts and optionally teams as CSV/JSON files), checks every header and value of it, solves with the same
 * CP-SAT rebalancer as the service, writes the proposal as JSON and prints a summary. docs/offline-rebalance.md is
 * the reference.
 * <pre>
 * OfflineRebalance BOOK.json --out PROPOSAL.json [options]
 * OfflineRebalance --reps REPS --accounts ACCOUNTS [--teams TEAMS] --out PROPOSAL.json [options]
 * </pre>
 * Exit codes: 0 a proposal was written; 1 bad arguments or input (every error found is printed, with its file,
 * line and column); 2 the book is infeasible or the solver found no solution in time (the proposal file is still
 * written, and the solver's reason is printed).
 */
public final class OfflineRebalance {

    static final int OK = 0;
    static final int BAD_INPUT = 1;
    static final int NO_SOLUTION = 2;

    private static final Set<String> SWITCHES = Set.of("greedy", "help");
    private static final Set<String> VALUED = Set.of("out", "reps", "accounts", "teams", "time-limit-s", "workers",
            "seed", "arr-tolerance", "count-tolerance", "budget-fraction", "max-move-fraction");

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments arguments;
        RebalanceOptions options;
        try {
            arguments = Arguments.parse(args);
            if (arguments.flags.containsKey("help")) {
                out.println(usage());
                return OK;
            }
            options = options(arguments.flags);
            String outProblem = outputProblem(Path.of(arguments.flags.get("out")), arguments.inputs());
            if (outProblem != null) {
                throw new IllegalArgumentException(outProblem);
            }
        } catch (IllegalArgumentException e) {
            err.println("rebalance: " + e.getMessage());
            err.println(usage().lines().limit(2).collect(java.util.stream.Collectors.joining(System.lineSeparator()))
                    + System.lineSeparator() + "(--help for the options)");
            return BAD_INPUT;
        }
        BookReader.Book book;
        try {
            book = arguments.book != null ? BookReader.book(Path.of(arguments.book))
                    : BookReader.files(Path.of(arguments.flags.get("reps")), Path.of(arguments.flags.get("accounts")),
                    arguments.flags.containsKey("teams") ? Path.of(arguments.flags.get("teams")) : null);
        } catch (BadInput e) {
            err.println("rebalance: " + e.getMessage());
            return BAD_INPUT;
        }
        String budgetFlag = arguments.flags.containsKey("budget-fraction") ? arguments.flags.get("budget-fraction")
                : arguments.flags.get("max-move-fraction");
        RebalanceProblem problem = book.problem(options);
        if (budgetFlag != null) {
            problem = problem.withOptions(problem.options().withMaxMoveFraction(Double.parseDouble(budgetFlag)));
        }
        Path outFile = Path.of(arguments.flags.get("out"));
        try {
            Rebalancer rebalancer = arguments.flags.containsKey("greedy") ? new GreedyRebalancer() : new CpSatRebalancer();
            RebalanceResult result = rebalancer.solve(problem);
            ProposalWriter.write(result, book.reps(), outFile);
            out.println(summary(result, outFile.toString()));
            if (!result.status().hasSolution()) {
                err.println("rebalance: no proposal, " + result.status() + ": "
                        + (result.solver().explanation() == null ? "the solver gave no reason"
                        : result.solver().explanation()));
                return NO_SOLUTION;
            }
            return OK;
        } catch (java.io.IOException e) {
            err.println("rebalance: " + outFile + ": cannot be written: " + e.getMessage());
            return BAD_INPUT;
        } catch (RuntimeException e) {
            // not the input's fault (it was checked): say so, with the trace for a bug report
            err.println("rebalance: internal error while solving: " + e);
            e.printStackTrace(err);
            return BAD_INPUT;
        }
    }

    /** The parsed command line: the book (positional) or the table files, and the flags by name. */
    record Arguments(String book, Map<String, String> flags) {

        List<Path> inputs() {
            List<Path> inputs = new java.util.ArrayList<>();
            if (book != null) {
                inputs.add(Path.of(book));
            }
            for (String table : List.of("reps", "accounts", "teams")) {
                if (flags.containsKey(table)) {
                    inputs.add(Path.of(flags.get(table)));
                }
            }
            return inputs;
        }

        static Arguments parse(String[] args) {
            Map<String, String> flags = new LinkedHashMap<>();
            String book = null;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("-h")) {
                    arg = "--help";
                }
                if (!arg.startsWith("--")) {
                    if (book != null) {
                        throw new IllegalArgumentException("one book file only; got " + book + " and " + arg);
                    }
                    book = arg;
                    continue;
                }
                String name = arg.substring(2);
                String value = null;
                int equals = name.indexOf('=');
                if (equals >= 0) {
                    value = name.substring(equals + 1);
                    name = name.substring(0, equals);
                }
                if (name.equals("regional")) {
                    throw new IllegalArgumentException("--regional was removed: regional is per team now. Set "
                            + "\"regional\": true in the team's entry of \"teams\" in the book (or the regional "
                            + "column of --teams teams.csv); a team without an entry is not regional.");
                }
                if (SWITCHES.contains(name)) {
                    if (value != null) {
                        throw new IllegalArgumentException("--" + name + " takes no value");
                    }
                    flags.put(name, "true");
                } else if (VALUED.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                            throw new IllegalArgumentException("--" + name + " needs a value");
                        }
                        value = args[++i];
                    }
                    if (flags.put(name, value) != null) {
                        throw new IllegalArgumentException("--" + name + " is given twice");
                    }
                } else {
                    throw new IllegalArgumentException("unknown option --" + name);
                }
            }
            if (flags.containsKey("help")) {
                return new Arguments(book, flags);
            }
            if (book != null) {
                for (String table : List.of("reps", "accounts", "teams")) {
                    if (flags.containsKey(table)) {
                        throw new IllegalArgumentException("--" + table + " goes with the CSV form, not with a book "
                                + "file (" + book + "): put the " + table + " in the book or leave the book out");
                    }
                }
            } else {
                if (!flags.containsKey("reps") || !flags.containsKey("accounts")) {
                    throw new IllegalArgumentException(flags.containsKey("reps") || flags.containsKey("accounts")
                            ? "--reps and --accounts go together"
                            : "a book file (BOOK.json) or --reps and --accounts is required");
                }
            }
            if (!flags.containsKey("out")) {
                throw new IllegalArgumentException("--out PROPOSAL.json is required");
            }
            if (flags.containsKey("budget-fraction") && flags.containsKey("max-move-fraction")) {
                throw new IllegalArgumentException("--budget-fraction and --max-move-fraction are the same option");
            }
            return new Arguments(book, flags);
        }
    }

    static RebalanceOptions options(Map<String, String> flags) {
        RebalanceOptions options = RebalanceOptions.defaults();
        if (flags.containsKey("time-limit-s")) {
            double seconds = number(flags, "time-limit-s", 0.001, 86_400);
            options = options.withTimeLimit(Duration.ofMillis(Math.max(1, Math.round(1000 * seconds))));
        }
        if (flags.containsKey("workers")) {
            options = options.withWorkers(integer(flags, "workers", 1));
        }
        if (flags.containsKey("seed")) {
            options = options.withRandomSeed(integer(flags, "seed", Integer.MIN_VALUE));
        }
        for (String budget : List.of("budget-fraction", "max-move-fraction")) {
            if (flags.containsKey(budget)) {
                number(flags, budget, 0, 1);
            }
        }
        Double arr = flags.containsKey("arr-tolerance") ? number(flags, "arr-tolerance", 0, 1_000) : null;
        Double count = flags.containsKey("count-tolerance") ? number(flags, "count-tolerance", 0, 1_000) : null;
        return options.withTolerances(arr, count);
    }

    private static double number(Map<String, String> flags, String name, double min, double max) {
        String text = flags.get(name);
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": '" + text + "' is not a number");
        }
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException("--" + name + ": " + text + " is out of range (" + Row.format(min)
                    + ".." + Row.format(max) + ")");
        }
        return value;
    }

    private static int integer(Map<String, String> flags, String name, int min) {
        String text = flags.get(name);
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": '" + text + "' is not a whole number");
        }
        if (value < min) {
            throw new IllegalArgumentException("--" + name + ": must be >= " + min + ", got " + value);
        }
        return value;
    }

    /** Checked before solving, so that a typo in --out does not cost the whole time limit. */
    private static String outputProblem(Path out, List<Path> inputs) {
        for (Path input : inputs) {
            if (input.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
                return "--out " + out + " is an input file; the proposal would overwrite it";
            }
        }
        Path parent = out.toAbsolutePath().getParent();
        if (Files.isDirectory(out)) {
            return "--out " + out + ": is a directory; name the proposal file";
        }
        if (parent != null && !Files.isDirectory(parent)) {
            return "--out " + out + ": directory " + parent + " not found";
        }
        return null;
    }

    static String summary(RebalanceResult result, String out) {
        RebalanceResult.BalanceFigures before = result.before();
        RebalanceResult.BalanceFigures after = result.after();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "status %s (%s) in %d ms%n", result.status(),
                result.solver().strategy(), result.solver().solveTimeMs()));
        if (result.solver().explanation() != null) {
            text.append(result.solver().explanation()).append(System.lineSeparator());
        }
        text.append(String.format(Locale.ROOT, "moves %d (%d against a budget of %d, %d free), potential moved %.0f%n",
                result.moves().size(), result.budget().budgetedMoves(), result.budget().maxMoves(),
                result.budget().freeMoves(), result.budget().potentialMoved()));
        text.append(String.format(Locale.ROOT, "CV of coverage %.4f -> %.4f, Gini of potential %.4f -> %.4f, "
                        + "max deviation from target %.4f -> %.4f%n", before.cvCoverage(), after.cvCoverage(),
                before.giniPotential(), after.giniPotential(), before.maxDeviation(), after.maxDeviation()));
        if (result.status().hasSolution()) {
            long within = result.pools().stream().filter(RebalanceResult.PoolReport::withinTolerance).count();
            text.append(String.format(Locale.ROOT, "pools %d, %d within their tolerance after%n",
                    result.pools().size(), within));
        }
        if (result.baseline() != null) {
            text.append(String.format(Locale.ROOT, "greedy baseline: %d moves, CV of coverage %.4f%n",
                    result.baseline().moves(), result.baseline().after().cvCoverage()));
        }
        for (String warning : result.warnings()) {
            text.append("warning: ").append(warning).append(System.lineSeparator());
        }
        text.append(result.status().hasSolution() ? "proposal written to " : "no proposal; the solver's report "
                + "(status, reason, current figures) written to ").append(out);
        return text.toString();
    }

    static String usage() {
        return String.join(System.lineSeparator(),
                "usage: ./territory rebalance BOOK.json --out PROPOSAL.json [options]",
                "       ./territory rebalance --reps REPS --accounts ACCOUNTS [--teams TEAMS] --out PROPOSAL.json [options]",
                "  BOOK.json                 {\"budget_fraction\", \"teams\": [...], \"reps\": [...], \"accounts\": [...]}",
                "  --reps/--accounts/--teams the same tables as CSV files (or JSON arrays, by the .json extension)",
                "  --time-limit-s S          wall-clock limit of the solve (default 30)",
                "  --workers N               CP-SAT workers (default 2, at most the cores)",
                "  --seed N                  CP-SAT random seed (default 1)",
                "  --arr-tolerance F         each rep's ARR within +-F of their quota share (default: off)",
                "  --count-tolerance F       each rep's account count within +-F of their quota share (default: off)",
                "  --budget-fraction F       overrides the book's budget_fraction (old name: --max-move-fraction)",
                "  --greedy                  the greedy baseline instead of CP-SAT",
                "  regional, balance_tolerance, on_leave... are per team, in the teams entries (docs/offline-rebalance.md)",
                "exit 0: proposal written; 1: bad arguments or input; 2: infeasible or no solution (the reason is printed)");
    }

    private OfflineRebalance() {
    }
}
