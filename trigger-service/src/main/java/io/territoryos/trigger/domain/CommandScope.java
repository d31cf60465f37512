package io.territoryos.trigger.domain;

import java.util.List;

/**
 * What a rebalance covers. Null fields do not restrict; {@code repIds} names the reps that caused it (the scope
 * still covers the whole team).
 */
public record CommandScope(String team, String segment, String region, List<String> repIds) {

    public CommandScope {
        repIds = repIds == null ? List.of() : List.copyOf(repIds);
    }

    public static CommandScope team(String team) {
        return new CommandScope(team, null, null, List.of());
    }
}
