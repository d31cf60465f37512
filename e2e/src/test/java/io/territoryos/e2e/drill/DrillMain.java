package io.territoryos.e2e.drill;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./territory drill <name>|all} (issue 12): fault drills on the running local stack, each ending in a verdict
 * with its figures, merged into {@code docs/bench/drills.json} by drill name and into the drill's last-run block of
 * {@code docs/reliability.md}. A main, not a test. Arguments: {@code <drill|all> [drills.json] [reliability.md]};
 * the stack's ports and state directory come from the same environment variables as the script's.
 * <p>
 * Environment: {@code DRILL_CYCLES} (kill drills; default 10 in {@code all}, 1 for a single drill),
 * {@code DRILL_RATE} (events/s of the feed, default 2,200), {@code DRILL_FEED_S} (seconds of feed per cycle, default
 * 40), {@code DRILL_TEAM} (team of the optimizer's requests, default mm-east), {@code DRILL_SETTLE_S} (default 240).
 */
public final class DrillMain {

    static final List<String> ALL = List.of("kill-scoring", "kill-territory", "kill-trigger", "kill-optimizer",
            "broker-restart", "bad-input", "oversized", "store-down", "replay", "scale");

    public static void main(String[] args) throws Exception {
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        java.util.logging.Logger.getLogger("DefaultSchemaResolver").setLevel(java.util.logging.Level.WARNING);
        if (args.length == 0 || !(ALL.contains(args[0]) || args[0].equals("all"))) {
            System.err.println("usage: DrillMain <" + String.join("|", ALL) + "|all> [drills.json] [reliability.md]");
            System.exit(2);
        }
        Path root = Path.of("").toAbsolutePath();
        Path json = Path.of(args.length > 1 ? args[1] : "docs/bench/drills.json");
        Path doc = Path.of(args.length > 2 ? args[2] : "docs/reliability.md");
        Map<String, String> env = System.getenv();
        boolean all = args[0].equals("all");
        int cycles = Integer.parseInt(env.getOrDefault("DRILL_CYCLES", all ? "10" : "1"));
        List<String> drills = all ? ALL : List.of(args[0]);
        List<String> summary = new ArrayList<>();
        int failed = 0;
        try (Stack stack = new Stack(env, root)) {
            Drills runner = new Drills(stack, env, cycles);
            for (String drill : drills) {
                double loadStart = load();
                String started = Instant.now().toString();
                System.out.printf(Locale.ROOT, "%n==> drill %s (load %.2f)%n", drill, loadStart);
                ObjectNode entry = DrillsJson.JSON.createObjectNode();
                entry.put("drill", drill);
                Verdict verdict = new Verdict();
                ObjectNode figures = DrillsJson.JSON.createObjectNode();
                try {
                    runner.run(drill, verdict, figures);
                } catch (Exception e) {
                    e.printStackTrace();
                    verdict.check("drill ran to the end", false, e.toString());
                }
                entry.put("verdict", verdict.verdict());
                entry.setAll(figures);
                ArrayNode checks = entry.putArray("checks");
                for (Verdict.Check c : verdict.checks()) {
                    checks.addObject().put("check", c.name()).put("passed", c.passed()).put("detail", c.detail());
                }
                entry.put("date", started);
                entry.putObject("load").put("start", round(loadStart)).put("end", round(load()));
                entry.put("command", (cycles > 1 || env.containsKey("DRILL_CYCLES") ? "DRILL_CYCLES=" + cycles + " " : "")
                        + "./territory drill " + (all ? "all" : drill));
                DrillsJson.mergeInto(json, entry);
                ReliabilityDoc.update(doc, drill, lastRun(entry, verdict));
                String line = String.format(Locale.ROOT, "%s %s%s", verdict.verdict(), drill,
                        verdict.passed() ? "" : ": " + verdict.failures().stream().map(f -> f.name() + " (" + f.detail() + ")").toList());
                System.out.println(line);
                summary.add(line);
                if (!verdict.passed()) {
                    failed++;
                }
            }
        }
        System.out.println();
        summary.forEach(System.out::println);
        System.out.println("figures merged into " + json + "; last runs in " + doc);
        System.exit(failed == 0 ? 0 : 1);
    }

    /** The drill's last-run block for docs/reliability.md: the verdict, every check with its detail, the figures. */
    static String lastRun(ObjectNode entry, Verdict verdict) {
        StringBuilder b = new StringBuilder();
        b.append("**Last run:** ").append(entry.path("verdict").asText()).append(", ").append(entry.path("date").asText())
                .append(", `").append(entry.path("command").asText()).append("`, load ")
                .append(entry.path("load").path("start").asText()).append(" → ").append(entry.path("load").path("end").asText())
                .append(" (figures in `docs/bench/drills.json`).\n\n");
        b.append("| check | | measured |\n|---|---|---|\n");
        for (Verdict.Check c : verdict.checks()) {
            b.append("| ").append(c.name()).append(" | ").append(c.passed() ? "PASS" : "**FAIL**").append(" | ")
                    .append(c.detail().replace("|", "\\|").replace("\n", " ")).append(" |\n");
        }
        return b.toString();
    }

    static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private DrillMain() {
    }
}
