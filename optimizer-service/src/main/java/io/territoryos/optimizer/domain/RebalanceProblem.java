package io.territoryos.optimizer.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One rebalance scope: the accounts in it, the reps that hold or may receive them, and the options.
 * Owners that are not in {@code reps} are treated as gone (their accounts are orphans).
 */
public record RebalanceProblem(List<Account> accounts, List<Rep> reps, RebalanceOptions options) {

    public RebalanceProblem {
        accounts = List.copyOf(accounts);
        reps = List.copyOf(reps);
        options = options == null ? RebalanceOptions.defaults() : options;
        requireUniqueIds(accounts.stream().map(Account::id).toList(), "account");
        requireUniqueIds(reps.stream().map(Rep::id).toList(), "rep");
    }

    public RebalanceProblem withOptions(RebalanceOptions newOptions) {
        return new RebalanceProblem(accounts, reps, newOptions);
    }

    public RebalanceProblem withReps(List<Rep> newReps) {
        return new RebalanceProblem(accounts, newReps, options);
    }

    public RebalanceProblem withAccounts(List<Account> newAccounts) {
        return new RebalanceProblem(newAccounts, reps, options);
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
