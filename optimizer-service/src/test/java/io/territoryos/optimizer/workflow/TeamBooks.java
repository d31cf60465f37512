package io.territoryos.optimizer.workflow;

import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.RebalanceOptions;
import io.territoryos.optimizer.domain.Rep;
import io.territoryos.optimizer.domain.RepStatus;
import io.territoryos.optimizer.domain.Tier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Two teams as a book view would serve them, filtered by team. East: E1 holds six MID_MARKET accounts of 100k,
 * E2 two, E3 three, every quota 1M (coverage 0.6 / 0.2 / 0.3). West: W1 with one account.
 */
final class TeamBooks implements BookSource {

    final List<Rep> reps = List.of(rep("E1", "East"), rep("E2", "East"), rep("E3", "East"), rep("W1", "West"));
    final List<Account> accounts = new ArrayList<>();

    TeamBooks() {
        book("E1", 6);
        book("E2", 2);
        book("E3", 3);
        book("W1", 1);
    }

    /** One worker and a deterministic limit: the same answer on a loaded machine; half the movable accounts may move. */
    static RebalanceOptions options() {
        return RebalanceOptions.defaults().withTimeLimit(Duration.ofSeconds(20)).reproducible(2.0).withMaxMoveFraction(0.5);
    }

    @Override
    public Books snapshot(String team, String segment, String region, Duration timeout) {
        List<Rep> scope = reps.stream().filter(r -> Objects.equals(team, r.team())).toList();
        Set<String> ids = scope.stream().map(Rep::id).collect(Collectors.toSet());
        return new Books(accounts.stream().filter(a -> ids.contains(a.ownerRepId())).toList(), scope);
    }

    private void book(String repId, int count) {
        for (int i = 1; i <= count; i++) {
            accounts.add(new Account(repId + "-A" + i, "Account " + repId + "-" + i, "MID_MARKET", "NA-EAST", 100_000,
                    50_000, Tier.DEVELOP, repId, false));
        }
    }

    private static Rep rep(String id, String team) {
        return new Rep(id, "Rep " + id, team, "MID_MARKET", "NA-EAST", RepStatus.ACTIVE, 1_000_000, 20);
    }
}
