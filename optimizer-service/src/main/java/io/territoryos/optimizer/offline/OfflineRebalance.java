package io.territoryos.optimizer.offline;

import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.CpSatRebalancer;
import io.territoryos.optimizer.domain.GreedyRebalancer;
import io.territoryos.optimizer.domain.RebalanceOptions;
import io.territoryos.optimizer.domain.RebalanceProblem;
import io.territoryos.optimizer.domain.RebalanceResult;
import io.territoryos.optimizer.domain.Rebalancer;
import io.territoryos.optimizer.domain.Rep;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rebalancer on files, without the stack: reads reps and accounts (CSV or JSON), solves with the same
 * CP-SAT rebalancer as the service, writes the proposal as JSON and prints a summary. Exit code 0 with a
 * proposal, 2 when the book is infeasible or unsolved (the summary says why), 1 on bad arguments or input.
 * <pre>
 * java -cp target/classes:$(cat target/cp.txt) io.territoryos.optimizer.offline.OfflineRebalance \
 *     --reps reps.csv --accounts accounts.csv --out proposal.json \
 *     [--max-move-fraction 0.15] [--regional] [--time-limit-s 30] [--workers 2] [--seed 1] \
 *     [--arr-tolerance 0.10] [--count-tolerance 0.10] [--greedy]
 * </pre>
 */
public final class OfflineRebalance {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Map<String, String> flags;
        try {
            flags = flags(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage());
            return 1;
        }
        try {
            List<Rep> reps = BookReader.reps(Path.of(flags.get("reps")));
            List<Account> accounts = BookReader.accounts(Path.of(flags.get("accounts")));
            RebalanceOptions options = options(flags);
            Rebalancer rebalancer = flags.containsKey("greedy") ? new GreedyRebalancer() : new CpSatRebalancer();
            RebalanceResult result = rebalancer.solve(new RebalanceProblem(accounts, reps, options)
                    .withAllTeamsRegional(flags.containsKey("regional")));
            ProposalWriter.write(result, Path.of(flags.get("out")));
            System.out.println(summary(result, flags.get("out")));
            return result.status().hasSolution() ? 0 : 2;
        } catch (Exception e) {
            System.err.println("offline rebalance failed: " + e.getMessage());
            return 1;
        }
    }

    static RebalanceOptions options(Map<String, String> flags) {
        RebalanceOptions options = RebalanceOptions.defaults();
        if (flags.containsKey("max-move-fraction")) {
            options = options.withMaxMoveFraction(Double.parseDouble(flags.get("max-move-fraction")));
        }
        if (flags.containsKey("time-limit-s")) {
            options = options.withTimeLimit(Duration.ofMillis(Math.round(1000 * Double.parseDouble(flags.get("time-limit-s")))));
        }
        if (flags.containsKey("workers")) {
            options = options.withWorkers(Integer.parseInt(flags.get("workers")));
        }
        if (flags.containsKey("seed")) {
            options = options.withRandomSeed(Integer.parseInt(flags.get("seed")));
        }
        Double arr = flags.containsKey("arr-tolerance") ? Double.valueOf(flags.get("arr-tolerance")) : null;
        Double count = flags.containsKey("count-tolerance") ? Double.valueOf(flags.get("count-tolerance")) : null;
        return options.withTolerances(arr, count);
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
        if (result.baseline() != null) {
            text.append(String.format(Locale.ROOT, "greedy baseline: %d moves, CV of coverage %.4f%n",
                    result.baseline().moves(), result.baseline().after().cvCoverage()));
        }
        text.append("proposal written to ").append(out);
        return text.toString();
    }

    static Map<String, String> flags(String[] args) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            if (name.equals("regional") || name.equals("greedy")) {
                flags.put(name, "true");
            } else if (i + 1 < args.length) {
                flags.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        for (String required : List.of("reps", "accounts", "out")) {
            if (!flags.containsKey(required)) {
                throw new IllegalArgumentException("--" + required + " is required");
            }
        }
        return flags;
    }

    private static String usage() {
        return "usage: OfflineRebalance --reps <reps.csv|json> --accounts <accounts.csv|json> --out <proposal.json>"
                + " [--max-move-fraction 0.15] [--regional] [--time-limit-s 30] [--workers 2] [--seed 1]"
                + " [--arr-tolerance f] [--count-tolerance f] [--greedy]";
    }

    private OfflineRebalance() {
    }
}
