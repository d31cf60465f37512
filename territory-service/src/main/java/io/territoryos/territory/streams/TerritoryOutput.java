package io.territoryos.territory.streams;

import io.territoryos.contracts.avro.TeamBalance;
import io.territoryos.contracts.avro.TerritoryHealth;

/**
 * One record a team's aggregation writes: a territory's health (key rep id; null value = the rep is gone), a
 * team's balance (key team), a member summary for the organisation's roll-up, or sums handed over to the task
 * of the territory's team.
 */
record TerritoryOutput(Kind kind, TerritoryHealth health, TeamBalance balance, OrgMemberChange member, TerritoryEvent transfer) {

    enum Kind { HEALTH, BALANCE, ORG_MEMBER, TRANSFER }

    static TerritoryOutput health(TerritoryHealth health) {
        return new TerritoryOutput(Kind.HEALTH, health, null, null, null);
    }

    static TerritoryOutput balance(TeamBalance balance) {
        return new TerritoryOutput(Kind.BALANCE, null, balance, null, null);
    }

    static TerritoryOutput member(OrgMemberChange member) {
        return new TerritoryOutput(Kind.ORG_MEMBER, null, null, member, null);
    }

    static TerritoryOutput transfer(TerritoryEvent transfer) {
        return new TerritoryOutput(Kind.TRANSFER, null, null, null, transfer);
    }
}
