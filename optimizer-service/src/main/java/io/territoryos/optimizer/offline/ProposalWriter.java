package io.territoryos.optimizer.offline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.territoryos.optimizer.domain.Rep;
import io.territoryos.optimizer.domain.RebalanceResult;
import io.territoryos.optimizer.domain.RebalanceResult.BalanceFigures;
import io.territoryos.optimizer.domain.RebalanceResult.Move;
import io.territoryos.optimizer.domain.RebalanceResult.PoolReport;
import io.territoryos.optimizer.domain.RebalanceResult.RepImpact;
import io.territoryos.optimizer.domain.RebalanceResult.SolverReport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a proposal as JSON, snake_case, in the order an analyst reads it: status and solver, the moves, each
 * rep's before/after, each compatibility pool's and the whole scope's ("team") balance figures, the disruption
 * budget, the greedy baseline and the warnings. docs/offline-rebalance.md describes every field. Numbers that are
 * not finite (a coverage without quota) are written as null.
 */
public final class ProposalWriter {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public static String toJson(RebalanceResult result, List<Rep> reps) throws IOException {
        return JSON.writeValueAsString(tree(result, reps));
    }

    public static void write(RebalanceResult result, List<Rep> reps, Path file) throws IOException {
        JSON.writeValue(file.toFile(), tree(result, reps));
    }

    /** The proposal; {@code reps} (the book's) adds each rep's team to their entry. */
    static ObjectNode tree(RebalanceResult result, List<Rep> reps) {
        Map<String, String> teamOf = new HashMap<>();
        reps.forEach(rep -> teamOf.put(rep.id(), rep.team()));
        ObjectNode root = JSON.createObjectNode();
        SolverReport solver = result.solver();
        root.put("status", solver.status().name());
        ObjectNode s = root.putObject("solver");
        s.put("strategy", solver.strategy());
        s.put("solve_time_ms", solver.solveTimeMs());
        number(s, "objective", solver.objective());
        number(s, "bound", solver.bestBound());
        number(s, "gap", solver.gap());
        s.put("workers", solver.workers());
        s.put("time_limit_ms", solver.timeLimitMs());
        s.put("subproblems", solver.subproblems());
        s.put("explanation", solver.explanation());
        root.put("solve_time_ms", solver.solveTimeMs());
        root.put("snapshot_fingerprint", result.snapshotFingerprint());

        ArrayNode moves = root.putArray("moves");
        for (Move move : result.moves()) {
            ObjectNode m = moves.addObject();
            m.put("account_id", move.accountId());
            m.put("account_name", move.accountName());
            m.put("from", move.fromRepId());
            m.put("to", move.toRepId());
            m.put("reason", move.reason().name());
            m.put("tier", move.tier().name());
            number(m, "potential", move.potential());
            m.put("counts_against_budget", move.countsAgainstBudget());
        }

        ArrayNode repNodes = root.putArray("reps");
        for (RepImpact rep : result.reps()) {
            ObjectNode r = repNodes.addObject();
            r.put("rep_id", rep.repId());
            r.put("name", rep.repName());
            r.put("team", teamOf.get(rep.repId()));
            r.put("active", rep.active());
            number(r, "quota", rep.quota());
            number(r, "target", rep.targetPotential());
            ObjectNode before = r.putObject("before");
            number(before, "potential", rep.potentialBefore());
            number(before, "coverage", rep.coverageBefore());
            before.put("band", rep.bandBefore().name());
            before.put("accounts", rep.accountsBefore());
            ObjectNode after = r.putObject("after");
            number(after, "potential", rep.potentialAfter());
            number(after, "coverage", rep.coverageAfter());
            after.put("band", rep.bandAfter().name());
            after.put("accounts", rep.accountsAfter());
            r.put("moves_in", rep.movesIn());
            r.put("moves_out", rep.movesOut());
            r.put("explanation", rep.explanation());
        }

        ArrayNode pools = root.putArray("pools");
        for (PoolReport pool : result.pools()) {
            ObjectNode p = pools.addObject();
            p.put("pool_id", pool.poolId());
            ArrayNode ids = p.putArray("rep_ids");
            pool.repIds().forEach(ids::add);
            number(p, "tolerance", pool.tolerance());
            p.put("within_tolerance", pool.withinTolerance());
            p.set("before", figures(pool.before()));
            p.set("after", figures(pool.after()));
        }

        ObjectNode team = root.putObject("team");
        team.set("before", figures(result.before()));
        team.set("after", figures(result.after()));
        root.set("budget", JSON.valueToTree(result.budget()));
        root.set("baseline", result.baseline() == null ? null : baseline(result.baseline()));
        ArrayNode warnings = root.putArray("warnings");
        result.warnings().forEach(warnings::add);
        return root;
    }

    private static ObjectNode baseline(RebalanceResult.BaselineReport baseline) {
        ObjectNode b = JSON.createObjectNode();
        b.put("complete", baseline.complete());
        b.put("moves", baseline.moves());
        b.put("budgeted_moves", baseline.budgetedMoves());
        b.put("tier1_moves", baseline.tier1Moves());
        number(b, "potential_moved", baseline.potentialMoved());
        number(b, "objective", baseline.objective());
        b.put("solve_time_ms", baseline.solveTimeMs());
        b.set("after", figures(baseline.after()));
        return b;
    }

    private static ObjectNode figures(BalanceFigures figures) {
        ObjectNode f = JSON.createObjectNode();
        f.put("rep_count", figures.repCount());
        number(f, "potential_total", figures.potentialTotal());
        number(f, "cv_coverage", figures.cvCoverage());
        number(f, "gini_potential", figures.giniPotential());
        number(f, "gini_coverage", figures.giniCoverage());
        number(f, "max_deviation", figures.maxDeviation());
        number(f, "deviation_total", figures.deviationTotal());
        return f;
    }

    private static void number(ObjectNode node, String field, Double value) {
        if (value == null || !Double.isFinite(value)) {
            node.putNull(field);
        } else {
            node.put(field, value.doubleValue());
        }
    }

    private ProposalWriter() {
    }
}
