package io.territoryos.trigger.domain;

import java.util.List;

/**
 * What a rebalance covers: always a whole team. Null fields do not restrict; {@code repIds} names the reps that caused
 * it (the scope still covers the whole team). Only NEW_MARKET sets segment and region, naming the market whose
 * unassigned accounts the team is to absorb; no other command narrows the team to part of it.
 */
public record CommandScope(String team, String segment, String region, List<String> repIds) {

    public CommandScope {
        repIds = repIds == null ? List.of() : List.copyOf(repIds);
    }

    public static CommandScope team(String team) {
        return new CommandScope(team, null, null, List.of());
    }

    /** The whole team, naming the reps that caused the command. */
    public static CommandScope team(String team, List<String> repIds) {
        return new CommandScope(team, null, null, repIds);
    }

    /** NEW_MARKET: the team, with the market (segment, region) whose unassigned accounts it is to absorb. */
    public static CommandScope market(String team, Market market) {
        return new CommandScope(team, market.segment(), market.region(), List.of());
    }
}
