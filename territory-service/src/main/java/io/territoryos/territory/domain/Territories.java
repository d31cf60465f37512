package io.territoryos.territory.domain;

/** Names shared by the territory model. */
public final class Territories {

    /** Territory of accounts without an owner; it has health but never counts in a team's balance. */
    public static final String UNASSIGNED = "__UNASSIGNED__";

    /** Key of the whole organisation's balance on team.balance. */
    public static final String ORG = "__ORG__";

    /**
     * Partition key of the territories that belong to no team: the unassigned pool, reps without a team and
     * accounts whose owner has no rep row (yet, or any more).
     */
    public static final String NO_TEAM = "__NO_TEAM__";

    /** The key a territory is aggregated under: its rep's team, or {@link #NO_TEAM}. */
    public static String homeOf(String team) {
        return team == null || team.isBlank() ? NO_TEAM : team;
    }

    public static String territoryOf(String ownerRepId) {
        return ownerRepId == null || ownerRepId.isBlank() ? UNASSIGNED : ownerRepId;
    }

    private Territories() {
    }
}
