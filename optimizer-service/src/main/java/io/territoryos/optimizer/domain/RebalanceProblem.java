package io.territoryos.optimizer.domain;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One rebalance scope: the accounts in it, the reps that hold or may receive them, the options of the solve, the
 * policy of each team in it (by team name; a team without one gets {@link TeamPolicy#defaults}) and any data
 * warnings found while the books were read. Owners that are not in {@code reps} are treated as gone (their
 * accounts are orphans); callers that can tell a missing owner from a departed one say so in a warning.
 */
public record RebalanceProblem(List<Account> accounts, List<Rep> reps, RebalanceOptions options,
                               Map<String, TeamPolicy> policies, List<String> warnings) {

    public RebalanceProblem {
        accounts = List.copyOf(accounts);
        reps = List.copyOf(reps);
        options = options == null ? RebalanceOptions.defaults() : options;
        policies = java.util.Collections.unmodifiableMap(policies == null ? new LinkedHashMap<>() : new LinkedHashMap<>(policies));
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        requireUniqueIds(accounts.stream().map(Account::id).toList(), "account");
        requireUniqueIds(reps.stream().map(Rep::id).toList(), "rep");
    }

    /** A scope whose teams all follow the default policy. */
    public RebalanceProblem(List<Account> accounts, List<Rep> reps, RebalanceOptions options) {
        this(accounts, reps, options, Map.of(), List.of());
    }

    public RebalanceProblem withOptions(RebalanceOptions newOptions) {
        return new RebalanceProblem(accounts, reps, newOptions, policies, warnings);
    }

    public RebalanceProblem withReps(List<Rep> newReps) {
        return new RebalanceProblem(accounts, newReps, options, policies, warnings);
    }

    public RebalanceProblem withAccounts(List<Account> newAccounts) {
        return new RebalanceProblem(newAccounts, reps, options, policies, warnings);
    }

    public RebalanceProblem withPolicies(Map<String, TeamPolicy> newPolicies) {
        return new RebalanceProblem(accounts, reps, options, newPolicies, warnings);
    }

    /** The same scope with every team regional (or not): a shortcut for tests and single-team scopes. */
    public RebalanceProblem withAllTeamsRegional(boolean regional) {
        Map<String, TeamPolicy> changed = new LinkedHashMap<>(policies);
        for (Rep rep : reps) {
            changed.put(rep.team(), policyOf(rep).withRegional(regional));
        }
        return withPolicies(changed);
    }

    /** The policy that governs a rep's book: their team's, or the defaults. */
    public TeamPolicy policyOf(Rep rep) {
        TeamPolicy policy = rep.team() == null ? null : policies.get(rep.team());
        return policy != null ? policy : TeamPolicy.defaults(rep.team());
    }

    /** Stable hash of account -> owner in this scope, to tell whether a proposal still applies to the CRM. */
    public String snapshotFingerprint() {
        return SnapshotFingerprint.of(accounts);
    }

    private static void requireUniqueIds(List<String> ids, String what) {
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (!seen.add(Objects.requireNonNull(id))) {
                throw new IllegalArgumentException("duplicate " + what + " id " + id);
            }
        }
    }
}
