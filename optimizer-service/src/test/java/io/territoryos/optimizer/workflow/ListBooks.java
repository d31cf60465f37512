package io.territoryos.optimizer.workflow;

import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.Rep;
import io.territoryos.optimizer.domain.TeamPolicy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Books held in lists and cut by {@link TeamScope}, as the book view does with what it read from the topics. */
final class ListBooks implements BookSource {

    final List<Rep> reps = new ArrayList<>();
    final List<Account> accounts = new ArrayList<>();
    final Map<String, TeamPolicy> policies = new HashMap<>();

    @Override
    public Books snapshot(String team, String marketSegment, String marketRegion, Duration timeout) {
        return TeamScope.of(team, marketSegment, marketRegion, List.copyOf(reps), List.copyOf(accounts), Map.copyOf(policies));
    }

    /** Applies the moves of a proposal, as the CRM does once it is approved. */
    void move(String accountId, String toRepId) {
        accounts.replaceAll(a -> a.id().equals(accountId) ? a.withOwner(toRepId) : a);
    }
}
