package io.territoryos.optimizer.domain;

import io.territoryos.optimizer.domain.RebalanceResult.BalanceFigures;
import io.territoryos.optimizer.domain.RebalanceResult.Move;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Headcount simulation (PRODUCT.md section 7): add a rep, remove a rep, split a territory or change a quota, solve
 * with the same rebalancer, and compare coverage, CV, Gini and projected yield (potential × segment win rate)
 * before and after. Nothing is published; the proposal inside is for reading.
 */
public final class WhatIf {

    /** Win rates of PRODUCT.md section 5 (segment-stats defaults), used for segments missing from the given map. */
    public static final Map<String, Double> DEFAULT_WIN_RATES =
            Map.of("SMB", 0.30, "MID_MARKET", 0.25, "ENTERPRISE", 0.20);

    private final Rebalancer rebalancer;
    private final Map<String, Double> winRateBySegment;

    public WhatIf(Rebalancer rebalancer, Map<String, Double> winRateBySegment) {
        this.rebalancer = Objects.requireNonNull(rebalancer);
        Map<String, Double> rates = new HashMap<>(DEFAULT_WIN_RATES);
        rates.putAll(winRateBySegment);
        this.winRateBySegment = Map.copyOf(rates);
    }

    /**
     * Before and after one scenario.
     *
     * @param projectedYieldBefore Σ potential × win rate over accounts held by an active rep today
     * @param projectedYieldAfter  the same after the proposal
     * @param yieldByRepAfter      projected yield per active rep after (rep id -> yield), to set beside quotas
     */
    public record WhatIfResult(String scenario, BalanceFigures before, BalanceFigures after,
                               double projectedYieldBefore, double projectedYieldAfter,
                               Map<String, Double> yieldByRepAfter, List<Move> moves, RebalanceResult proposal) {
    }

    /** A new rep joins the scope; the rebalance may hand them accounts within the usual budget. */
    public WhatIfResult addRep(RebalanceProblem problem, Rep newRep) {
        if (problem.reps().stream().anyMatch(rep -> rep.id().equals(newRep.id()))) {
            throw new IllegalArgumentException("rep " + newRep.id() + " is already in scope");
        }
        List<Rep> reps = new ArrayList<>(problem.reps());
        reps.add(newRep);
        return compare("add rep " + newRep.id(), problem, problem.withReps(reps));
    }

    /** A rep leaves: their book is redistributed as orphans (free of budget). */
    public WhatIfResult removeRep(RebalanceProblem problem, String repId) {
        return compare("remove rep " + repId, problem, problem.withReps(replace(problem, repId,
                rep -> rep.withStatus(RepStatus.EXITED))));
    }

    /** A rep's quota changes, and with it their share of the potential. */
    public WhatIfResult changeQuota(RebalanceProblem problem, String repId, double newQuota) {
        return compare("change quota of " + repId + " to " + newQuota, problem,
                problem.withReps(replace(problem, repId, rep -> rep.withQuota(newQuota))));
    }

    /**
     * A territory is split: a new rep of the same team, segment and region takes {@code quotaShare} of the rep's
     * quota, and the rep's book (only that book, with no move budget) is divided between the two in proportion.
     */
    public WhatIfResult splitTerritory(RebalanceProblem problem, String repId, String newRepId, String newRepName,
                                       double quotaShare) {
        if (!(quotaShare > 0 && quotaShare < 1)) {
            throw new IllegalArgumentException("quotaShare must be within (0, 1): " + quotaShare);
        }
        Rep original = find(problem, repId);
        Rep newcomer = new Rep(newRepId, newRepName, original.team(), original.segment(), original.region(),
                RepStatus.ACTIVE, original.quota() * quotaShare, original.capacityAccounts());
        Rep reduced = original.withQuota(original.quota() * (1 - quotaShare));
        List<Account> book = problem.accounts().stream().filter(a -> repId.equals(a.ownerRepId())).toList();
        RebalanceProblem split = new RebalanceProblem(book, List.of(reduced, newcomer),
                problem.options().withMaxMoveFraction(1.0));
        RebalanceResult proposal = rebalancer.solve(split);
        List<Rep> reps = new ArrayList<>(replace(problem, repId, rep -> reduced));
        reps.add(newcomer);
        RebalanceProblem after = problem.withReps(reps);
        return result("split territory of " + repId, problem, after, proposal);
    }

    private WhatIfResult compare(String scenario, RebalanceProblem before, RebalanceProblem after) {
        return result(scenario, before, after, rebalancer.solve(after));
    }

    private WhatIfResult result(String scenario, RebalanceProblem before, RebalanceProblem after,
                                RebalanceResult proposal) {
        BalanceFigures figuresBefore = TeamFigures.current(before);
        if (!proposal.status().hasSolution()) {
            return new WhatIfResult(scenario, figuresBefore, figuresBefore, projectedYield(before, Map.of()),
                    projectedYield(before, Map.of()), Map.of(), List.of(), proposal);
        }
        Map<String, String> owners = proposal.ownerAfter();
        BalanceFigures figuresAfter = TeamFigures.of(after.reps(), after.accounts(), owners);
        Map<String, Double> byRep = new HashMap<>();
        for (Account account : after.accounts()) {
            String owner = owners.getOrDefault(account.id(), account.ownerRepId());
            if (owner != null && isActive(after, owner)) {
                byRep.merge(owner, account.potential() * winRate(account), Double::sum);
            }
        }
        return new WhatIfResult(scenario, figuresBefore, figuresAfter, projectedYield(before, Map.of()), projectedYield(after, owners),
                byRep, proposal.moves(), proposal);
    }

    private double projectedYield(RebalanceProblem problem, Map<String, String> owners) {
        double total = 0;
        for (Account account : problem.accounts()) {
            String owner = owners.getOrDefault(account.id(), account.ownerRepId());
            if (owner != null && isActive(problem, owner)) {
                total += account.potential() * winRate(account);
            }
        }
        return total;
    }

    private double winRate(Account account) {
        return winRateBySegment.getOrDefault(account.segment(), 0.0);
    }

    private static boolean isActive(RebalanceProblem problem, String repId) {
        return problem.reps().stream().anyMatch(rep -> rep.id().equals(repId) && rep.active());
    }

    private static Rep find(RebalanceProblem problem, String repId) {
        return problem.reps().stream().filter(rep -> rep.id().equals(repId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no rep " + repId + " in scope"));
    }

    private static List<Rep> replace(RebalanceProblem problem, String repId, java.util.function.UnaryOperator<Rep> change) {
        find(problem, repId);
        return problem.reps().stream().map(rep -> rep.id().equals(repId) ? change.apply(rep) : rep).toList();
    }
}
