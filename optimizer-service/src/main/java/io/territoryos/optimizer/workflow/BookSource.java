package io.territoryos.optimizer.workflow;

import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.Rep;
import io.territoryos.optimizer.domain.TeamPolicy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** The books of a team as of now: the Kafka-fed book view in the service. */
public interface BookSource {

    /**
     * The accounts and reps of a scope as of one moment, the policies of its teams (a team without one is absent:
     * it follows {@link TeamPolicy#defaults}) and the data problems found while reading it.
     */
    record Books(List<Account> accounts, List<Rep> reps, Map<String, TeamPolicy> policies, List<String> warnings) {
        public Books {
            accounts = List.copyOf(accounts);
            reps = List.copyOf(reps);
            policies = policies == null ? Map.of() : Map.copyOf(policies);
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }

        /** Books of teams that all follow the default policy, with nothing to warn about. */
        public Books(List<Account> accounts, List<Rep> reps) {
            this(accounts, reps, Map.of(), List.of());
        }

        /** The policy of a team: its configured one, or the defaults. */
        public TeamPolicy policyOf(String team) {
            TeamPolicy policy = team == null ? null : policies.get(team);
            return policy != null ? policy : TeamPolicy.defaults(team);
        }
    }

    /**
     * The books of a team ({@link TeamScope}: its reps of any status, the accounts they own, and the unassigned
     * accounts its active reps can take); null = every team. {@code marketSegment}/{@code marketRegion}, when
     * given, name a market whose unassigned accounts are in the scope even if no rep of the team can take them
     * (a NEW_MARKET command); they never narrow the reps. Waits (up to {@code timeout}) until the source has
     * caught up with now.
     */
    Books snapshot(String team, String marketSegment, String marketRegion, Duration timeout)
            throws TimeoutException, InterruptedException;
}
