package io.territoryos.optimizer.workflow;

import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.Rep;
import io.territoryos.optimizer.domain.RepStatus;
import io.territoryos.optimizer.domain.TeamPolicy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a command's scope is: a team, with every rep of the team whatever their status (an EXITED rep's accounts
 * are the orphans, an ON_LEAVE rep's book is kept or redistributed by the team's policy inside the solver), every
 * account they own, and every unassigned account an active rep of the team can take (same segment, and same
 * region when the team's policy is regional). An unassigned account nobody in the team can take is left out:
 * it would make the solve infeasible for a reason that is not the team's. A named market (NEW_MARKET) is the
 * exception: its unassigned accounts are always in, so that the proposal can say nobody can take them. The
 * unassigned pool is taken only as far as the team's capacity allows (most valuable first, the rest named in a
 * warning): a pool larger than the team's free seats must not make an exit's rebalance infeasible.
 * Accounts whose owner the CRM does not know are left out too and listed as a warning (for the team's segments).
 */
public final class TeamScope {

    /** Accounts named in a warning before "and N more". */
    static final int NAMED_EXAMPLES = 5;

    /**
     * @param team          null = every team
     * @param marketSegment with {@code marketRegion} (null = any region): a market whose unassigned accounts are
     *                      always in scope; null = none
     * @param reps          every rep the CRM knows
     * @param accounts      every account, with its current owner
     * @param policies      every configured policy, by team
     */
    public static BookSource.Books of(String team, String marketSegment, String marketRegion, Collection<Rep> reps,
                                      Collection<Account> accounts, Map<String, TeamPolicy> policies) {
        Map<String, Rep> known = new HashMap<>();
        reps.forEach(rep -> known.put(rep.id(), rep));
        List<Rep> scopeReps = reps.stream()
                .filter(rep -> team == null || Objects.equals(team, rep.team()))
                .sorted(Comparator.comparing(Rep::id))
                .toList();
        Set<String> scopeIds = scopeReps.stream().map(Rep::id).collect(Collectors.toSet());
        Set<String> segments = scopeReps.stream().map(Rep::segment).collect(Collectors.toSet());
        Map<String, TeamPolicy> scopePolicies = new LinkedHashMap<>();
        for (Rep rep : scopeReps) {
            TeamPolicy policy = rep.team() == null ? null : policies.get(rep.team());
            if (policy != null) {
                scopePolicies.put(rep.team(), policy);
            }
        }
        List<Rep> receivers = scopeReps.stream().filter(Rep::active).toList();
        List<Account> inScope = new ArrayList<>();
        List<Account> pool = new ArrayList<>();
        List<Account> unknownOwner = new ArrayList<>();
        for (Account account : accounts) {
            String owner = account.ownerRepId();
            if (owner == null) {
                if (inMarket(account, marketSegment, marketRegion)) {
                    inScope.add(account);
                } else if (takeable(account, receivers, policies)) {
                    pool.add(account);
                }
            } else if (scopeIds.contains(owner)) {
                inScope.add(account);
            } else if (!known.containsKey(owner) && segments.contains(account.segment())) {
                unknownOwner.add(account);
            }
        }
        List<String> warnings = new ArrayList<>();
        Seats seats = Seats.left(receivers, inScope, known, policies);
        int leftInPool = 0;
        pool.sort(Comparator.comparingDouble(Account::potential).reversed().thenComparing(Account::id));
        for (Account account : pool) {
            if (seats.take(account)) {
                inScope.add(account);
            } else {
                leftInPool++;
            }
        }
        if (leftInPool > 0) {
            warnings.add(leftInPool + " unassigned account(s) the team's reps could take stay in the pool: their "
                    + "capacity_accounts are full once the team's own books and orphans are placed (the most valuable "
                    + (pool.size() - leftInPool) + " were taken). Raise capacity or add a rep to place them.");
        }
        inScope.sort(Comparator.comparing(Account::id));
        if (!unknownOwner.isEmpty()) {
            unknownOwner.sort(Comparator.comparing(Account::id));
            List<String> named = unknownOwner.stream().limit(NAMED_EXAMPLES)
                    .map(a -> a.id() + " (owner " + a.ownerRepId() + ")").toList();
            int more = unknownOwner.size() - named.size();
            warnings.add(unknownOwner.size() + " account(s) of " + String.join("/", segments.stream().sorted().toList())
                    + " name an owner the CRM does not know and were left out of the rebalance: "
                    + String.join(", ", named) + (more > 0 ? " and " + more + " more" : "") + ".");
        }
        return new BookSource.Books(inScope, scopeReps, scopePolicies, warnings);
    }

    /**
     * Seats left per active rep after the accounts already in scope: each rep's own book uses their seats, and an
     * account that must find a new owner (an exit's orphan, a redistributed book on leave) takes one from the
     * compatible rep with the most left. A feasible placement, not the solver's: it only decides how much of the
     * unassigned pool fits at all, so that the pool never makes a team's rebalance infeasible.
     */
    private static final class Seats {
        private final Map<Rep, Integer> free = new LinkedHashMap<>();
        private final Map<String, TeamPolicy> policies;

        private Seats(List<Rep> receivers, Map<String, TeamPolicy> policies) {
            this.policies = policies;
            receivers.forEach(rep -> free.put(rep, rep.capacityAccounts()));
        }

        static Seats left(List<Rep> receivers, List<Account> inScope, Map<String, Rep> known,
                          Map<String, TeamPolicy> policies) {
            Seats seats = new Seats(receivers, policies);
            Map<String, Rep> byId = new HashMap<>();
            receivers.forEach(rep -> byId.put(rep.id(), rep));
            List<Account> homeless = new ArrayList<>();
            Map<Rep, List<Account>> books = new HashMap<>();
            for (Account account : inScope) {
                Rep owner = account.ownerRepId() == null ? null : byId.get(account.ownerRepId());
                if (owner != null) {
                    seats.free.merge(owner, -1, Integer::sum);
                    books.computeIfAbsent(owner, r -> new ArrayList<>()).add(account);
                } else if (needsNewOwner(account, known, policies)) {
                    homeless.add(account);
                }
            }
            // a book beyond its owner's capacity must shed accounts: they need seats with the others too
            for (Map.Entry<Rep, List<Account>> book : books.entrySet()) {
                int over = -seats.free.get(book.getKey());
                if (over > 0) {
                    seats.free.put(book.getKey(), 0);
                    book.getValue().stream().filter(a -> !a.locked()).limit(over).forEach(homeless::add);
                }
            }
            homeless.forEach(seats::take);
            return seats;
        }

        /** Takes a seat for the account from the compatible rep with the most left; false when none has one. */
        boolean take(Account account) {
            Rep best = null;
            for (Map.Entry<Rep, Integer> entry : free.entrySet()) {
                if (entry.getValue() > 0 && compatible(account, entry.getKey(), policies)
                        && (best == null || entry.getValue() > free.get(best))) {
                    best = entry.getKey();
                }
            }
            if (best == null) {
                return false;
            }
            free.merge(best, -1, Integer::sum);
            return true;
        }

        /** An account in scope without an active owner moves, unless its owner is on leave and keeps the book. */
        private static boolean needsNewOwner(Account account, Map<String, Rep> known, Map<String, TeamPolicy> policies) {
            Rep owner = account.ownerRepId() == null ? null : known.get(account.ownerRepId());
            if (owner == null || owner.status() != RepStatus.ON_LEAVE) {
                return true;
            }
            TeamPolicy policy = owner.team() == null ? null : policies.get(owner.team());
            return policy != null && policy.onLeave() == TeamPolicy.OnLeave.REDISTRIBUTE
                    && !(account.locked() && policy.keepLocksOnLeave());
        }
    }

    private static boolean inMarket(Account account, String segment, String region) {
        return segment != null && segment.equals(account.segment())
                && (region == null || region.equals(account.region()));
    }

    /** Some active rep can take it under their team's policy: same segment, and same region when regional. */
    private static boolean takeable(Account account, List<Rep> receivers, Map<String, TeamPolicy> policies) {
        return receivers.stream().anyMatch(rep -> compatible(account, rep, policies));
    }

    private static boolean compatible(Account account, Rep rep, Map<String, TeamPolicy> policies) {
        if (!rep.segment().equals(account.segment())) {
            return false;
        }
        TeamPolicy policy = rep.team() == null ? null : policies.get(rep.team());
        boolean regional = policy != null && policy.regional();
        return !regional || Objects.equals(rep.region(), account.region());
    }

    private TeamScope() {
    }
}
