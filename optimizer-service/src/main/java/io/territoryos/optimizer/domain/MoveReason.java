package io.territoryos.optimizer.domain;

/** Why an account changes owner in a proposal. */
public enum MoveReason {
    /** Its owner exited: the account must find an active rep. Free of budget. */
    ORPHANED_BY_EXIT,
    /** Its owner was above their quota-proportional target (or capacity). */
    RELIEVE_OVERLOAD,
    /** It fills a rep below target (or makes room in a swap that lets another rep be relieved). */
    FILL_UNDERCOVERAGE,
    /** Unassigned, in a segment/region where no active rep held an account before. Free of budget. */
    NEW_MARKET,
    /** Unassigned (or owned by a rep the CRM does not know, listed as a warning), taken from the pool. Free of budget. */
    UNASSIGNED_POOL,
    /** Its owner is not of the account's segment (or region): it goes to a compatible rep. */
    COMPATIBILITY,
    /** Its owner is on leave and the team's policy redistributes such books. Free of budget. */
    OWNER_ON_LEAVE
}
