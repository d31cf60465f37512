package io.territoryos.territory.streams;

import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.SegmentStats;
import io.territoryos.contracts.avro.TeamBalance;
import io.territoryos.contracts.avro.TerritoryHealth;
import io.territoryos.contracts.serde.AvroSerdes;
import org.apache.kafka.common.serialization.Serde;

import java.util.Map;

/** The Avro serdes of the topology's product topics, passed in so tests can use plain Avro binary. */
public record TerritorySerdes(
        Serde<ScoredAccount> scoredAccount, Serde<SegmentStats> segmentStats, Serde<TerritoryHealth> territoryHealth,
        Serde<TeamBalance> teamBalance, Serde<DeadLetter> deadLetter) {

    /** The registry-framed serdes used in production; {@code config} carries the apicurio.* settings. */
    public static TerritorySerdes registry(Map<String, ?> config) {
        return new TerritorySerdes(
                AvroSerdes.valueSerde(ScoredAccount.class, config),
                AvroSerdes.valueSerde(SegmentStats.class, config),
                AvroSerdes.valueSerde(TerritoryHealth.class, config),
                AvroSerdes.valueSerde(TeamBalance.class, config),
                AvroSerdes.valueSerde(DeadLetter.class, config));
    }

    /** Plain Avro binary, for TopologyTestDriver. */
    public static TerritorySerdes binary() {
        return new TerritorySerdes(
                AvroSerdes.binary(ScoredAccount.class),
                AvroSerdes.binary(SegmentStats.class),
                AvroSerdes.binary(TerritoryHealth.class),
                AvroSerdes.binary(TeamBalance.class),
                AvroSerdes.binary(DeadLetter.class));
    }
}
