package io.territoryos.territory.streams;

import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.avro.SegmentStats;
import io.territoryos.contracts.streams.ContractInput;
import io.territoryos.territory.domain.AccountContribution;
import io.territoryos.territory.domain.RepProfile;
import io.territoryos.territory.domain.SegmentConversion;
import io.territoryos.territory.domain.TerritoryAccumulator;
import io.territoryos.territory.mapping.AvroMapping;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Reads scored accounts, CRM rep rows and segment statistics, and writes territory health per rep and balance
 * per team (and for the organisation): every change is turned into one delta and applied by a single
 * aggregation per organisation, so an account that changes owner leaves one territory and enters the other in
 * the same update and Σ territory potential = Σ account potential at every quiet point. Every input is read as
 * bytes and decoded here, so a record that cannot be read goes to its {@code <topic>.dlq} in the same transaction
 * instead of stopping the stream or vanishing into a log line.
 */
public final class TerritoryTopology {

    static final String CONTRIBUTIONS_STORE = "account-contributions";
    static final String TERRITORIES_STORE = "territory-sums";
    static final String REPS_STORE = "territory-reps";
    static final String SEGMENT_STATS_STORE = "territory-segment-stats";
    /** Name of the internal topic carrying every change to the aggregation ({@code <application.id>-territory-changes-repartition}). */
    public static final String CHANGES_REPARTITION = "territory-changes";

    private static final Logger LOG = LoggerFactory.getLogger(TerritoryTopology.class);

    public static Topology build(TerritoryTopologyConfig config, TerritorySerdes serdes) {
        return build(config, serdes, TerritoryMetrics.NONE);
    }

    public static Topology build(TerritoryTopologyConfig config, TerritorySerdes serdes, TerritoryMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        addStore(builder, config, CONTRIBUTIONS_STORE, AccountContribution.class);
        addStore(builder, config, TERRITORIES_STORE, TerritoryAccumulator.class);
        addStore(builder, config, REPS_STORE, RepProfile.class);
        addStore(builder, config, SEGMENT_STATS_STORE, SegmentConversion.class);

        ContractInput contracts = new ContractInput(builder, serdes.deadLetter(), AvroMapping.SERVICE, metrics::deadLettered);

        KStream<String, TerritoryEvent> accountDeltas = contracts
                .stream(config.accountsTopic(), ScoredAccount.class, serdes.scoredAccount(), "scored-accounts",
                        AvroMapping::timedContribution)
                .process(() -> new AccountContributionProcessor(config.orgId()), Named.as("account-deltas"), CONTRIBUTIONS_STORE);

        Map<String, KStream<String, RepDecoding>> reps = builder
                .stream(config.repsTopic(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("crm-reps"))
                .process(() -> new RepChangeDecoder(config.orgId(), metrics), Named.as("rep-decoder"))
                .split(Named.as("reps-"))
                .branch((key, decoding) -> decoding.failed(), Branched.as("rejected"))
                .defaultBranch(Branched.as("decoded"));
        reps.get("reps-rejected")
                .mapValues(RepDecoding::deadLetter, Named.as("rep-dead-letters"))
                .to(config.repsDeadLetterTopic(), Produced.with(Serdes.String(), serdes.deadLetter()).withName("reps-dlq"));
        KStream<String, TerritoryEvent> repChanges = reps.get("reps-decoded").mapValues(RepDecoding::event, Named.as("rep-changes"));

        KStream<String, TerritoryEvent> statsChanges = contracts
                .stream(config.segmentStatsTopic(), SegmentStats.class, serdes.segmentStats(), "segment-stats",
                        AvroMapping::segmentConversion)
                .flatMap((key, conversion) -> segmentStatsEvent(config.orgId(), key, conversion), Named.as("segment-stats-changes"));

        Map<String, KStream<String, TerritoryOutput>> outputs = accountDeltas
                .merge(repChanges, Named.as("merge-reps"))
                .merge(statsChanges, Named.as("merge-stats"))
                .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(TerritoryEvent.class))
                        .withName(CHANGES_REPARTITION)
                        .withNumberOfPartitions(config.aggregationPartitions()))
                .process(() -> new TerritoryAggregationProcessor(config.policy()), Named.as("territory-aggregation"),
                        TERRITORIES_STORE, REPS_STORE, SEGMENT_STATS_STORE)
                .split(Named.as("outputs-"))
                .branch((key, output) -> output.isHealth(), Branched.as("health"))
                .defaultBranch(Branched.as("balance"));
        outputs.get("outputs-health")
                .mapValues(TerritoryOutput::health, Named.as("health-records"))
                .to(config.healthTopic(), Produced.with(Serdes.String(), serdes.territoryHealth()).withName("territory-health"));
        outputs.get("outputs-balance")
                .mapValues(TerritoryOutput::balance, Named.as("balance-records"))
                .to(config.teamBalanceTopic(), Produced.with(Serdes.String(), serdes.teamBalance()).withName("team-balance"));
        return builder.build();
    }

    private static <V> void addStore(StreamsBuilder builder, TerritoryTopologyConfig config, String name, Class<V> type) {
        KeyValueBytesStoreSupplier supplier = config.stateStores() == TerritoryTopologyConfig.StateStores.IN_MEMORY
                ? Stores.inMemoryKeyValueStore(name)
                : Stores.persistentKeyValueStore(name);
        builder.addStateStore(Stores.keyValueStoreBuilder(supplier, Serdes.String(), JsonSerde.of(type)));
    }

    private static List<KeyValue<String, TerritoryEvent>> segmentStatsEvent(String orgId, String key, SegmentConversion conversion) {
        Segment segment;
        if (conversion != null) {
            segment = conversion.segment();
        } else {
            try {
                segment = key == null ? null : Segment.valueOf(key);
            } catch (IllegalArgumentException e) {
                segment = null;
            }
        }
        if (segment == null) {
            // a tombstone is no bad record (compaction writes them), but this one names no segment to reset
            LOG.warn("ignoring segment-stats tombstone with key '{}': not a segment", key);
            return List.of();
        }
        return List.of(KeyValue.pair(orgId, TerritoryEvent.segmentStats(segment, conversion, 0L)));
    }

    private TerritoryTopology() {
    }
}
