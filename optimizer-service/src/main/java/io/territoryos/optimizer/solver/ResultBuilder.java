package io.territoryos.optimizer.solver;

import io.territoryos.contracts.balance.Balance;
import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.CoverageBand;
import io.territoryos.optimizer.domain.MoveReason;
import io.territoryos.optimizer.domain.RebalanceProblem;
import io.territoryos.optimizer.domain.RebalanceResult;
import io.territoryos.optimizer.domain.RebalanceResult.BalanceFigures;
import io.territoryos.optimizer.domain.RebalanceResult.BaselineReport;
import io.territoryos.optimizer.domain.RebalanceResult.DisruptionBudget;
import io.territoryos.optimizer.domain.RebalanceResult.Move;
import io.territoryos.optimizer.domain.RebalanceResult.RepImpact;
import io.territoryos.optimizer.domain.RebalanceResult.SolverReport;
import io.territoryos.optimizer.domain.Rep;
import io.territoryos.optimizer.domain.RepStatus;
import io.territoryos.optimizer.domain.SolverStatus;
import io.territoryos.optimizer.domain.TeamFigures;
import io.territoryos.optimizer.domain.Tier;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a final assignment (by root index) into the proposal: moves with reasons, per-rep before/after with a
 * readable sentence, team figures by {@link Balance}, the budget and the greedy baseline. The only place where
 * indices become ids again.
 */
final class ResultBuilder {

    private static final double ON_TARGET = 0.02;

    static RebalanceResult build(RebalanceProblem problem, IndexedProblem p, int[] assignment, SolverReport report,
                                 GreedyRebalancer.Outcome greedy) {
        Books books = new Books(problem, p);
        Map<String, String> ownerAfter = new LinkedHashMap<>();
        List<Move> moves = new ArrayList<>();
        Map<String, int[]> movesInOut = new HashMap<>();
        Map<String, double[]> potentialInOut = new HashMap<>();
        Map<String, Integer> freeIn = new HashMap<>();
        int budgeted = 0;
        int free = 0;
        int tier1 = 0;
        double potentialMoved = 0;
        for (int a = 0; a < p.accountCount(); a++) {
            Account account = p.accounts[a];
            String to = p.reps[assignment[a]].id();
            ownerAfter.put(account.id(), to);
            if (to.equals(account.ownerRepId())) {
                continue;
            }
            boolean countsAgainstBudget = p.isMovable(a);
            MoveReason reason = books.reason(a, p.reps[assignment[a]]);
            moves.add(new Move(account.id(), account.name(), account.ownerRepId(), to, account.potential(),
                    account.tier(), reason, countsAgainstBudget));
            potentialMoved += account.potential();
            if (countsAgainstBudget) {
                budgeted++;
                if (account.tier() == Tier.TIER_1) {
                    tier1++;
                }
            } else {
                free++;
                freeIn.merge(to, 1, Integer::sum);
            }
            movesInOut.computeIfAbsent(to, k -> new int[2])[0]++;
            potentialInOut.computeIfAbsent(to, k -> new double[2])[0] += account.potential();
            if (account.ownerRepId() != null) {
                movesInOut.computeIfAbsent(account.ownerRepId(), k -> new int[2])[1]++;
                potentialInOut.computeIfAbsent(account.ownerRepId(), k -> new double[2])[1] += account.potential();
            }
        }
        Map<String, double[]> after = books.after(assignment);
        List<RepImpact> impacts = new ArrayList<>();
        for (Rep rep : problem.reps()) {
            double[] before = books.before.getOrDefault(rep.id(), new double[2]);
            double[] now = after.getOrDefault(rep.id(), new double[2]);
            int[] inOut = movesInOut.getOrDefault(rep.id(), new int[2]);
            double[] potentialIo = potentialInOut.getOrDefault(rep.id(), new double[2]);
            double target = books.target(rep);
            Double coverageBefore = Balance.coverageRatio(before[0], rep.quota());
            Double coverageAfter = Balance.coverageRatio(now[0], rep.quota());
            String explanation = explain(rep, target, before, now, inOut, potentialIo,
                    freeIn.getOrDefault(rep.id(), 0), coverageBefore, coverageAfter);
            impacts.add(new RepImpact(rep.id(), rep.name(), rep.active(), rep.quota(), target, before[0], now[0],
                    coverageBefore, coverageAfter, CoverageBand.of(coverageBefore), CoverageBand.of(coverageAfter),
                    (int) before[1], (int) now[1], inOut[0], inOut[1], explanation));
        }
        DisruptionBudget budget = new DisruptionBudget(p.movableCount, problem.options().maxMoveFraction(),
                p.maxMoves, budgeted, free, potentialMoved, tier1);
        return new RebalanceResult(problem.snapshotFingerprint(), report, moves, impacts, books.figures(books.before),
                books.figures(after), budget, greedy == null ? null : baseline(p, books, greedy), ownerAfter,
                books.pools(after), books.warnings());
    }

    /** A proposal without a solution: nothing moves, the figures stay the current ones, the solver says why. */
    static RebalanceResult withoutSolution(RebalanceProblem problem, IndexedProblem p, SolverReport report,
                                           GreedyRebalancer.Outcome greedy) {
        Books books = new Books(problem, p);
        List<RepImpact> impacts = new ArrayList<>();
        for (Rep rep : problem.reps()) {
            double[] before = books.before.getOrDefault(rep.id(), new double[2]);
            Double coverage = Balance.coverageRatio(before[0], rep.quota());
            impacts.add(new RepImpact(rep.id(), rep.name(), rep.active(), rep.quota(), books.target(rep), before[0],
                    before[0], coverage, coverage, CoverageBand.of(coverage), CoverageBand.of(coverage),
                    (int) before[1], (int) before[1], 0, 0,
                    "No proposal was computed for your book: " + report.explanation()));
        }
        BalanceFigures figures = books.figures(books.before);
        DisruptionBudget budget = new DisruptionBudget(p.movableCount, problem.options().maxMoveFraction(),
                p.maxMoves, 0, 0, 0, 0);
        return new RebalanceResult(problem.snapshotFingerprint(), report, List.of(), impacts, figures, figures,
                budget, greedy == null ? null : baseline(p, books, greedy), Map.of(), books.pools(books.before),
                books.warnings());
    }

    static RebalanceResult infeasible(RebalanceProblem problem, IndexedProblem p, List<String> reasons,
                                      long greedyMillis, long solveMillis) {
        SolverReport report = new SolverReport(SolverStatus.INFEASIBLE, "PRE_CHECK", null, null, null,
                solveMillis + greedyMillis, 0, problem.options().timeLimit().toMillis(), 0,
                String.join(" ", reasons));
        return withoutSolution(problem, p, report, null);
    }

    private static BaselineReport baseline(IndexedProblem p, Books books, GreedyRebalancer.Outcome greedy) {
        int[] assignment = greedy.assignment();
        int moves = 0;
        int budgeted = 0;
        int tier1 = 0;
        double potentialMoved = 0;
        for (int a = 0; a < p.accountCount(); a++) {
            Account account = p.accounts[a];
            if (assignment[a] == IndexedProblem.NO_REP || p.reps[assignment[a]].id().equals(account.ownerRepId())) {
                continue;
            }
            moves++;
            potentialMoved += account.potential();
            if (p.isMovable(a)) {
                budgeted++;
                if (account.tier() == Tier.TIER_1) {
                    tier1++;
                }
            }
        }
        Double objective = greedy.complete() ? p.objective(assignment) * p.unit : null;
        return new BaselineReport(greedy.complete(), moves, budgeted, tier1, potentialMoved,
                books.figures(books.after(assignment)), objective, greedy.millis());
    }

    static String explain(Rep rep, double target, double[] before, double[] after, int[] inOut, double[] potentialIo,
                          int freeIn, Double coverageBefore, Double coverageAfter) {
        if (!rep.active()) {
            if (before[1] == 0) {
                return "You are " + rep.status() + " and hold no accounts in this scope.";
            }
            if (after[1] == before[1]) {
                return "You are " + rep.status() + ": your team's policy keeps your " + (int) before[1]
                        + " accounts (" + money(before[0]) + " potential) with you; nothing moves in or out, and you are "
                        + "out of the balance targets.";
            }
            if (after[1] > 0) {
                return "You are " + rep.status() + ": " + (int) (before[1] - after[1]) + " of your " + (int) before[1]
                        + " accounts go to active reps; your " + (int) after[1] + " locked accounts stay with you.";
            }
            return "You are " + rep.status() + ": your " + (int) before[1] + " accounts (" + money(before[0])
                    + " potential) go to active reps who can work them.";
        }
        String coverage = "coverage goes from " + ratio(coverageBefore) + " to " + ratio(coverageAfter) + " ("
                + CoverageBand.of(coverageAfter) + ")";
        double deviation = target > 0 ? (before[0] - target) / target : 0;
        String position = target > 0
                ? "your book was " + percent(Math.abs(deviation)) + (deviation >= 0 ? " above" : " below")
                + " your target of " + money(target) + " (your quota's share of your pool's potential)"
                : "your quota is 0, so your target is no potential";
        if (inOut[0] == 0 && inOut[1] == 0) {
            return "Your book is unchanged (" + (int) before[1] + " accounts, coverage " + ratio(coverageBefore)
                    + ", " + CoverageBand.of(coverageBefore) + ")"
                    + (target > 0 && Math.abs(deviation) <= ON_TARGET
                    ? ": it is already within " + percent(Math.abs(deviation)) + " of your target."
                    : ": moving accounts would not improve balance within the budget and constraints.");
        }
        StringBuilder sentence = new StringBuilder();
        if (inOut[1] > 0) {
            sentence.append("You hand over ").append(inOut[1]).append(inOut[1] == 1 ? " account (" : " accounts (")
                    .append(money(potentialIo[1])).append(')');
        }
        if (inOut[0] > 0) {
            sentence.append(sentence.isEmpty() ? "You receive " : " and receive ").append(inOut[0])
                    .append(inOut[0] == 1 ? " account (" : " accounts (").append(money(potentialIo[0])).append(')');
            if (freeIn > 0) {
                sentence.append(", ").append(freeIn).append(" of them without an active owner");
            }
        }
        sentence.append(" because ").append(position).append("; ").append(coverage).append('.');
        return sentence.toString();
    }

    static String money(double amount) {
        double abs = Math.abs(amount);
        if (abs >= 1_000_000) {
            return String.format(Locale.ROOT, "$%.2fM", amount / 1_000_000);
        }
        if (abs >= 1_000) {
            return String.format(Locale.ROOT, "$%.0fK", amount / 1_000);
        }
        return String.format(Locale.ROOT, "$%.0f", amount);
    }

    private static String ratio(Double coverage) {
        return coverage == null ? "n/a" : String.format(Locale.ROOT, "%.2f", coverage);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /**
     * Books before and after, by rep id; each active rep's target (their quota share of their pool's potential);
     * the team figures over the active reps and the figures per pool.
     */
    private static final class Books {
        private final RebalanceProblem problem;
        private final IndexedProblem p;
        /** rep id -> {potential, accounts} today. */
        private final Map<String, double[]> before = new HashMap<>();
        private final Map<String, Double> overTarget = new HashMap<>();
        private final Map<String, Double> targets = new HashMap<>();
        private final Map<String, Rep> repsById = new HashMap<>();
        private final Set<String> heldMarkets = new HashSet<>();
        private final double potentialTotal;

        Books(RebalanceProblem problem, IndexedProblem p) {
            this.problem = problem;
            this.p = p;
            problem.reps().forEach(rep -> repsById.put(rep.id(), rep));
            double total = 0;
            for (Account account : problem.accounts()) {
                total += account.potential();
                if (account.ownerRepId() != null) {
                    double[] book = before.computeIfAbsent(account.ownerRepId(), k -> new double[2]);
                    book[0] += account.potential();
                    book[1]++;
                }
            }
            for (int a = 0; a < p.accountCount(); a++) {
                if (p.owner[a] != IndexedProblem.NO_REP) {
                    heldMarkets.add(p.market(a));
                }
            }
            potentialTotal = total;
            double[] poolPotential = new double[p.pools.size()];
            double[] poolQuota = new double[p.pools.size()];
            for (int a = 0; a < p.accountCount(); a++) {
                if (p.candidates[a].length > 0) {
                    poolPotential[p.poolOf[p.candidates[a][0]]] += p.accounts[a].potential();
                }
            }
            for (int r = 0; r < p.repCount(); r++) {
                poolQuota[p.poolOf[r]] += p.reps[r].quota();
            }
            for (int r = 0; r < p.repCount(); r++) {
                int pool = p.poolOf[r];
                int size = p.pools.get(pool).length;
                double target = poolQuota[pool] > 0
                        ? Balance.quotaProportionalTarget(poolPotential[pool], p.reps[r].quota(), poolQuota[pool])
                        : poolPotential[pool] / size;
                targets.put(p.reps[r].id(), target);
            }
            for (Rep rep : problem.reps()) {
                double[] book = before.getOrDefault(rep.id(), new double[2]);
                overTarget.put(rep.id(), book[0] - target(rep));
            }
        }

        double target(Rep rep) {
            return targets.getOrDefault(rep.id(), 0.0);
        }

        /** Books after an assignment of the solved accounts; the books a policy held out are as they were. */
        Map<String, double[]> after(int[] assignment) {
            Map<String, double[]> books = new HashMap<>();
            for (int a = 0; a < p.accountCount(); a++) {
                if (assignment[a] != IndexedProblem.NO_REP) {
                    double[] book = books.computeIfAbsent(p.reps[assignment[a]].id(), k -> new double[2]);
                    book[0] += p.accounts[a].potential();
                    book[1]++;
                }
            }
            for (Account account : p.heldOut) {
                double[] book = books.computeIfAbsent(account.ownerRepId(), k -> new double[2]);
                book[0] += account.potential();
                book[1]++;
            }
            return books;
        }

        MoveReason reason(int a, Rep to) {
            Account account = p.accounts[a];
            if (p.owner[a] == IndexedProblem.NO_REP) {
                Rep owner = account.ownerRepId() == null ? null : repsById.get(account.ownerRepId());
                if (owner != null && owner.status() == RepStatus.EXITED) {
                    return MoveReason.ORPHANED_BY_EXIT;
                }
                if (owner != null && owner.status() == RepStatus.ON_LEAVE) {
                    return MoveReason.OWNER_ON_LEAVE;
                }
                return heldMarkets.contains(p.market(a)) ? MoveReason.UNASSIGNED_POOL : MoveReason.NEW_MARKET;
            }
            if (p.ownerIncompatible[a]) {
                return MoveReason.COMPATIBILITY;
            }
            Rep from = p.reps[p.owner[a]];
            double[] book = before.get(from.id());
            boolean overCapacity = book != null && book[1] > from.capacityAccounts();
            return overCapacity || overTarget.getOrDefault(from.id(), 0.0) > 0
                    ? MoveReason.RELIEVE_OVERLOAD : MoveReason.FILL_UNDERCOVERAGE;
        }

        BalanceFigures figures(Map<String, double[]> books) {
            return TeamFigures.of(problem.reps(), potentialTotal, potentials(books), targets);
        }

        List<RebalanceResult.PoolReport> pools(Map<String, double[]> books) {
            Map<String, Double> potentials = potentials(books);
            Map<String, Double> potentialsBefore = potentials(before);
            List<RebalanceResult.PoolReport> reports = new ArrayList<>();
            for (int[] pool : p.pools) {
                List<Rep> reps = new ArrayList<>();
                Set<String> markets = new java.util.TreeSet<>();
                double tolerance = 0;
                boolean within = true;
                double poolPotential = 0;
                for (int r : pool) {
                    Rep rep = p.reps[r];
                    reps.add(rep);
                    tolerance = Math.max(tolerance, p.tolerance[r]);
                    double target = target(rep);
                    poolPotential += target;
                    if (Math.abs(potentials.getOrDefault(rep.id(), 0.0) - target) > p.tolerance[r] * target + 1e-6) {
                        within = false;
                    }
                }
                for (int a = 0; a < p.accountCount(); a++) {
                    if (p.candidates[a].length > 0 && p.poolOf[p.candidates[a][0]] == p.poolOf[pool[0]]) {
                        markets.add(p.market(a));
                    }
                }
                reports.add(new RebalanceResult.PoolReport(markets.isEmpty() ? reps.get(0).segment()
                        : String.join(" + ", markets), reps.stream().map(Rep::id).toList(), tolerance, within,
                        TeamFigures.of(reps, poolPotential, potentialsBefore, targets),
                        TeamFigures.of(reps, poolPotential, potentials, targets)));
            }
            return reports;
        }

        /** The problem's own warnings, and every account whose owner is not a rep of the CRM. */
        List<String> warnings() {
            List<String> warnings = new ArrayList<>(problem.warnings());
            List<String> unknown = new ArrayList<>();
            for (Account account : problem.accounts()) {
                if (account.ownerRepId() != null && !repsById.containsKey(account.ownerRepId())) {
                    unknown.add(account.id() + " (owner " + account.ownerRepId() + ")");
                }
            }
            if (!unknown.isEmpty()) {
                warnings.add(unknown.size() + " account(s) name an owner the CRM does not know; they are treated as "
                        + "unassigned: " + String.join(", ", unknown.subList(0, Math.min(5, unknown.size())))
                        + (unknown.size() > 5 ? " and " + (unknown.size() - 5) + " more" : "") + ".");
            }
            return warnings;
        }

        private static Map<String, Double> potentials(Map<String, double[]> books) {
            Map<String, Double> potentials = new HashMap<>();
            books.forEach((rep, book) -> potentials.put(rep, book[0]));
            return potentials;
        }
    }

    private ResultBuilder() {
    }
}
