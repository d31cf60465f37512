package io.territoryos.optimizer.workflow;

import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.balance.Balance;
import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.CoverageBand;
import io.territoryos.optimizer.domain.RebalanceOptions;
import io.territoryos.optimizer.domain.RebalanceProblem;
import io.territoryos.optimizer.domain.RebalanceResult;
import io.territoryos.optimizer.domain.RebalanceResult.BalanceFigures;
import io.territoryos.optimizer.domain.RebalanceResult.DisruptionBudget;
import io.territoryos.optimizer.domain.RebalanceResult.Move;
import io.territoryos.optimizer.domain.RebalanceResult.RepImpact;
import io.territoryos.optimizer.domain.Rebalancer;
import io.territoryos.optimizer.domain.Rep;
import io.territoryos.optimizer.domain.RepStatus;
import io.territoryos.optimizer.domain.SolverStatus;
import io.territoryos.optimizer.domain.WhatIf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Answers a headcount question on a team's live books: the team's snapshot from the book source, one scenario
 * solved by {@link WhatIf} with the service's own solver options, and each rep and the team before and after.
 * Nothing is stored or published.
 */
public final class WhatIfService {

    /** One headcount change. */
    public sealed interface Scenario permits AddRep, RemoveRep, SplitTerritory, ChangeQuota {
    }

    /** A rep who joins the team; {@code capacityAccounts} null = no limit. */
    public record AddRep(String repId, String name, String segment, String region, double quota,
                         Integer capacityAccounts, boolean ramping) implements Scenario {
    }

    public record RemoveRep(String repId) implements Scenario {
    }

    /**
     * A new rep takes a share (0..1, exclusive) of a rep's quota and the matching part of their book: {@code quotaShare}
     * when given, else {@code newRepQuota} / the rep's quota when given, else one half.
     */
    public record SplitTerritory(String repId, String newRepId, String newRepName, Double quotaShare,
                                 Double newRepQuota) implements Scenario {
    }

    public record ChangeQuota(String repId, double quota) implements Scenario {
    }

    /** One rep's book on one side of the scenario. */
    public record RepBook(String status, double quota, double potential, Double coverage, CoverageBand band,
                          int accounts) {
    }

    /**
     * One rep before and after; {@code before} is null for a rep the scenario adds. {@code projectedYieldAfter} is
     * Σ potential × segment win rate of the rep's book after (null for a rep who no longer holds accounts).
     */
    public record RepComparison(String repId, String repName, RepBook before, RepBook after, int movesIn,
                                int movesOut, Double projectedYieldAfter) {
    }

    /** The answer: every rep, the team's balance and projected yield before and after, and the moves it takes. */
    public record WhatIfReport(String team, String scenario, SolverStatus solverStatus, String solverExplanation,
                               long solveTimeMs, List<RepComparison> reps, BalanceFigures teamBefore,
                               BalanceFigures teamAfter, double projectedYieldBefore, double projectedYieldAfter,
                               List<Move> moves, DisruptionBudget budget) {
    }

    private final BookSource books;
    private final WhatIf whatIf;
    private final RebalanceOptions options;
    private final Duration snapshotTimeout;

    /** {@code winRateBySegment} overrides {@link WhatIf#DEFAULT_WIN_RATES} segment by segment. */
    public WhatIfService(BookSource books, Rebalancer rebalancer, RebalanceOptions options,
                         Map<String, Double> winRateBySegment, Duration snapshotTimeout) {
        this.books = books;
        this.whatIf = new WhatIf(rebalancer, winRateBySegment);
        this.options = options;
        this.snapshotTimeout = snapshotTimeout;
    }

    /** @throws IllegalArgumentException for an unknown team or rep, or a scenario that contradicts the books */
    public WhatIfReport simulate(String team, Scenario scenario) throws TimeoutException, InterruptedException {
        if (team == null || team.isBlank()) {
            throw new IllegalArgumentException("a what-if names a team");
        }
        BookSource.Books snapshot = books.snapshot(team, null, null, snapshotTimeout);
        if (snapshot.reps().isEmpty()) {
            throw new IllegalArgumentException("no rep in team " + team);
        }
        RebalanceProblem today = new RebalanceProblem(snapshot.accounts(), snapshot.reps(), options,
                snapshot.policies(), snapshot.warnings());
        WhatIf.WhatIfResult result = solve(today, team, scenario);
        // a rep the scenario adds is RAMPING when asked, else ACTIVE (the proposal only says active or not)
        String addedStatus = scenario instanceof AddRep add && add.ramping() ? RepStatus.RAMPING.name() : RepStatus.ACTIVE.name();
        RebalanceResult proposal = result.proposal();
        return new WhatIfReport(team, result.scenario(), proposal.status(), proposal.solver().explanation(),
                proposal.solver().solveTimeMs(), compare(today, result, addedStatus), result.before(), result.after(),
                result.projectedYieldBefore(), result.projectedYieldAfter(), result.moves(), proposal.budget());
    }

    private WhatIf.WhatIfResult solve(RebalanceProblem today, String team, Scenario scenario) {
        if (scenario instanceof AddRep add) {
            return whatIf.addRep(today, newRep(team, add));
        }
        if (scenario instanceof RemoveRep remove) {
            return whatIf.removeRep(today, remove.repId());
        }
        if (scenario instanceof ChangeQuota change) {
            return whatIf.changeQuota(today, change.repId(), change.quota());
        }
        if (scenario instanceof SplitTerritory split) {
            if (split.newRepId() == null || split.newRepId().isBlank()) {
                throw new IllegalArgumentException("the new rep of a split needs an id");
            }
            if (today.reps().stream().anyMatch(rep -> rep.id().equals(split.newRepId()))) {
                throw new IllegalArgumentException("rep " + split.newRepId() + " is already in team " + team);
            }
            return whatIf.splitTerritory(today, split.repId(), split.newRepId(),
                    split.newRepName() == null ? split.newRepId() : split.newRepName(), quotaShare(today, split));
        }
        throw new IllegalArgumentException("a what-if needs one scenario");
    }

    /**
     * Before: today's books with today's quotas. After: the proposal's view of the reps it solved (new quotas,
     * statuses and books); reps outside it (the rest of the team, when a split solves one book) stay as they are.
     */
    private static List<RepComparison> compare(RebalanceProblem today, WhatIf.WhatIfResult result, String addedStatus) {
        Map<String, RepImpact> solved = new LinkedHashMap<>();
        result.proposal().reps().forEach(impact -> solved.put(impact.repId(), impact));
        Map<String, double[]> bookToday = new HashMap<>();
        for (Account account : today.accounts()) {
            if (account.ownerRepId() != null) {
                double[] book = bookToday.computeIfAbsent(account.ownerRepId(), id -> new double[2]);
                book[0] += account.potential();
                book[1]++;
            }
        }
        List<RepComparison> reps = new ArrayList<>();
        for (Rep rep : today.reps()) {
            double[] book = bookToday.getOrDefault(rep.id(), new double[2]);
            RepBook before = repBook(rep.status().name(), rep.quota(), book[0], (int) book[1]);
            RepImpact impact = solved.remove(rep.id());
            reps.add(impact == null
                    ? new RepComparison(rep.id(), rep.name(), before, before, 0, 0, result.yieldByRepAfter().get(rep.id()))
                    : comparison(impact, before, statusAfter(rep, impact), result));
        }
        // what remains was added by the scenario
        solved.values().forEach(impact -> reps.add(comparison(impact, null, addedStatus, result)));
        return reps;
    }

    private static RepComparison comparison(RepImpact impact, RepBook before, String statusAfter, WhatIf.WhatIfResult result) {
        RepBook after = repBook(statusAfter, impact.quota(), impact.potentialAfter(), impact.accountsAfter());
        return new RepComparison(impact.repId(), impact.repName(), before, after, impact.movesIn(), impact.movesOut(),
                result.yieldByRepAfter().get(impact.repId()));
    }

    private static String statusAfter(Rep today, RepImpact impact) {
        return today.active() && !impact.active() ? RepStatus.EXITED.name() : today.status().name();
    }

    private static RepBook repBook(String status, double quota, double potential, int accounts) {
        Double coverage = Balance.coverageRatio(potential, quota);
        return new RepBook(status, quota, potential, coverage, CoverageBand.of(coverage), accounts);
    }

    private static double quotaShare(RebalanceProblem today, SplitTerritory split) {
        if (split.quotaShare() != null) {
            return split.quotaShare();
        }
        if (split.newRepQuota() == null) {
            return 0.5;
        }
        Rep original = today.reps().stream().filter(rep -> rep.id().equals(split.repId())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no rep " + split.repId() + " in scope"));
        if (!(original.quota() > 0)) {
            throw new IllegalArgumentException("rep " + split.repId() + " has no quota to share; give quota_share");
        }
        return split.newRepQuota() / original.quota();
    }

    private static Rep newRep(String team, AddRep add) {
        if (add.repId() == null || add.repId().isBlank()) {
            throw new IllegalArgumentException("the new rep needs an id");
        }
        Segment segment = segment(add.segment());
        return new Rep(add.repId(), add.name() == null ? add.repId() : add.name(), team, segment.name(), add.region(),
                add.ramping() ? RepStatus.RAMPING : RepStatus.ACTIVE, add.quota(),
                add.capacityAccounts() == null ? Rep.UNLIMITED_CAPACITY : add.capacityAccounts());
    }

    private static Segment segment(String name) {
        try {
            return Segment.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("segment must be one of " + List.of(Segment.values()) + ": " + name);
        }
    }
}
