package io.territoryos.territory.domain;

/** Names shared by the territory model. */
public final class Territories {

    /** Territory of accounts without an owner; it has health but never counts in a team's balance. */
    public static final String UNASSIGNED = "__UNASSIGNED__";

    /** Key of the whole organisation's balance on team.balance. */
    public static final String ORG = "__ORG__";

    public static String territoryOf(String ownerRepId) {
        return ownerRepId == null || ownerRepId.isBlank() ? UNASSIGNED : ownerRepId;
    }

    private Territories() {
    }
}
