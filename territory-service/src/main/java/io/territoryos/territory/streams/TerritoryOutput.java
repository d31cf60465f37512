package io.territoryos.territory.streams;

import io.territoryos.contracts.avro.TeamBalance;
import io.territoryos.contracts.avro.TerritoryHealth;

/** One record the aggregation publishes: a territory's health (key rep id) or a team's balance (key team). */
record TerritoryOutput(TerritoryHealth health, TeamBalance balance) {

    boolean isHealth() {
        return health != null;
    }
}
