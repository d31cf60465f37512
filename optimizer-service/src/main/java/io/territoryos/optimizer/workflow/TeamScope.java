package io.territoryos.optimizer.workflow;

import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.Rep;
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
 * exception: its unassigned accounts are always in, so that the proposal can say nobody can take them.
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
        List<Account> unknownOwner = new ArrayList<>();
        for (Account account : accounts) {
            String owner = account.ownerRepId();
            if (owner == null) {
                if (inMarket(account, marketSegment, marketRegion) || takeable(account, receivers, policies)) {
                    inScope.add(account);
                }
            } else if (scopeIds.contains(owner)) {
                inScope.add(account);
            } else if (!known.containsKey(owner) && segments.contains(account.segment())) {
                unknownOwner.add(account);
            }
        }
        inScope.sort(Comparator.comparing(Account::id));
        List<String> warnings = new ArrayList<>();
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

    private static boolean inMarket(Account account, String segment, String region) {
        return segment != null && segment.equals(account.segment())
                && (region == null || region.equals(account.region()));
    }

    /** Some active rep can take it under their team's policy: same segment, and same region when regional. */
    private static boolean takeable(Account account, List<Rep> receivers, Map<String, TeamPolicy> policies) {
        for (Rep rep : receivers) {
            if (!rep.segment().equals(account.segment())) {
                continue;
            }
            TeamPolicy policy = rep.team() == null ? null : policies.get(rep.team());
            boolean regional = policy != null && policy.regional();
            if (!regional || Objects.equals(rep.region(), account.region())) {
                return true;
            }
        }
        return false;
    }

    private TeamScope() {
    }
}
