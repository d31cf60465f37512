package io.territoryos.trigger.streams;

import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.avro.RebalanceCommand;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.ScoringWeights;
import io.territoryos.contracts.avro.TeamBalance;
import io.territoryos.contracts.avro.TeamPolicy;
import io.territoryos.contracts.avro.TerritoryAlert;
import io.territoryos.contracts.avro.TerritoryHealth;
import io.territoryos.contracts.serde.AvroSerdes;
import org.apache.kafka.common.serialization.Serde;

import java.util.Map;

/** The Avro value serdes of the topics the trigger service reads and writes. */
public record TriggerSerdes(
        Serde<ScoredAccount> scoredAccount, Serde<TerritoryHealth> territoryHealth, Serde<TeamBalance> teamBalance,
        Serde<ScoringWeights> scoringWeights, Serde<TeamPolicy> teamPolicy, Serde<RebalanceCommand> rebalanceCommand,
        Serde<TerritoryAlert> territoryAlert, Serde<DeadLetter> deadLetter) {

    /** Production: the Apicurio serde; {@code config} carries the apicurio.* settings (may be empty). */
    public static TriggerSerdes registry(Map<String, ?> config) {
        return new TriggerSerdes(AvroSerdes.valueSerde(ScoredAccount.class, config),
                AvroSerdes.valueSerde(TerritoryHealth.class, config), AvroSerdes.valueSerde(TeamBalance.class, config),
                AvroSerdes.valueSerde(ScoringWeights.class, config), AvroSerdes.valueSerde(TeamPolicy.class, config),
                AvroSerdes.valueSerde(RebalanceCommand.class, config),
                AvroSerdes.valueSerde(TerritoryAlert.class, config), AvroSerdes.valueSerde(DeadLetter.class, config));
    }

    /** Tests: plain Avro binary over the same generated classes. */
    public static TriggerSerdes binary() {
        return new TriggerSerdes(AvroSerdes.binary(ScoredAccount.class), AvroSerdes.binary(TerritoryHealth.class),
                AvroSerdes.binary(TeamBalance.class), AvroSerdes.binary(ScoringWeights.class),
                AvroSerdes.binary(TeamPolicy.class), AvroSerdes.binary(RebalanceCommand.class),
                AvroSerdes.binary(TerritoryAlert.class), AvroSerdes.binary(DeadLetter.class));
    }
}
