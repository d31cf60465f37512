package io.territoryos.territory.streams;

import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.avro.SegmentStats;
import io.territoryos.contracts.serde.RecordSerde;
import io.territoryos.contracts.streams.ContractInput;
import io.territoryos.territory.domain.AccountContribution;
import io.territoryos.territory.domain.BalanceMember;
import io.territoryos.territory.domain.PendingPublication;
import io.territoryos.territory.domain.RepProfile;
import io.territoryos.territory.domain.SegmentConversion;
import io.territoryos.territory.domain.TerritoryAccumulator;
import io.territoryos.territory.domain.TerritoryDelta;
import io.territoryos.territory.domain.Territories;
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
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Reads scored accounts, CRM rep rows and segment statistics, and writes territory health per rep and balance
 * per team and for the organisation, aggregated in tasks partitioned by team:
 * <pre>
 *   accounts.scored ─► account-deltas ─┐ (once per window, one record per team: its territories' net deltas;
 *                                      │  key: owner's team, from the rep routes)
 *   crm.reps ─► rep-decoder ─► rep-routing ─┼─► territory-changes (by team) ─► team-aggregation ─► territory.health
 *                         └─► territory.rep-teams ─► (global store: rep routes)       │  (once per window) team.balance
 *   config.segment-stats ──────────────────┘ (to every partition)          ├─► territory-org ─► org-balance ─► team.balance (__ORG__)
 *                                                                          └─► territory-transfers ─► handed-over-sums
 * </pre>
 * The account step coalesces: each window's account changes reach a team's task as one record of net territory
 * deltas, however many accounts changed (a re-score of every account is a few records per window, not one per
 * account). An account that changes owner inside a team is in one such record, so it leaves one territory and
 * enters the other in the same update; across teams it is in two, and sums that reach a task their team does
 * not live on are handed over in the transaction that removes them, so Σ territory potential = Σ account
 * potential at every quiet point. Each territory's health and each team's balance is published at most once per
 * window, with the latest figures. Every input is read as bytes and decoded here, so a record that cannot be read
 * goes to its {@code <topic>.dlq} in the same transaction instead of stopping the stream or vanishing into a log line.
 */
public final class TerritoryTopology {

    static final String CONTRIBUTIONS_STORE = "account-contributions";
    static final String WINDOW_DELTAS_STORE = "account-window-deltas";
    static final String REP_ROWS_STORE = "territory-rep-rows";
    static final String REP_ROUTES_STORE = "territory-rep-routes";
    static final String TERRITORIES_STORE = "territory-sums";
    static final String REPS_STORE = "territory-reps";
    static final String SEGMENT_STATS_STORE = "territory-segment-stats";
    static final String PENDING_STORE = "territory-pending";
    static final String ORG_MEMBERS_STORE = "territory-org-members";
    static final String ORG_PENDING_STORE = "territory-org-pending";
    /** Name of the internal topic carrying every change to the team aggregation ({@code <application.id>-territory-changes-repartition}). */
    public static final String CHANGES_REPARTITION = "territory-changes";
    /** Internal topic of sums handed over to the task of their team. */
    public static final String TRANSFERS_REPARTITION = "territory-transfers";
    /** Internal topic (one partition) of territory summaries for the organisation's balance. */
    public static final String ORG_REPARTITION = "territory-org";

    private static final Logger LOG = LoggerFactory.getLogger(TerritoryTopology.class);

    public static Topology build(TerritoryTopologyConfig config, TerritorySerdes serdes) {
        return build(config, serdes, TerritoryMetrics.NONE);
    }

    public static Topology build(TerritoryTopologyConfig config, TerritorySerdes serdes, TerritoryMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        // no record cache for the one store keyed by account: an account changes once in a re-score and rarely twice
        // in a commit, so the cache merged almost no writes, yet its sorted map's inserts, evictions and flushes were
        // 44% of the stream thread during a re-score (JFR, 2026-12-08); the others hold a few keys per territory
        builder.addStateStore(storeBuilder(config, CONTRIBUTIONS_STORE, AccountContribution.class).withCachingDisabled());
        addStore(builder, config, WINDOW_DELTAS_STORE, TerritoryDelta.class);
        addStore(builder, config, REP_ROWS_STORE, RepProfile.class);
        addStore(builder, config, TERRITORIES_STORE, TerritoryAccumulator.class);
        addStore(builder, config, REPS_STORE, RepProfile.class);
        addStore(builder, config, SEGMENT_STATS_STORE, SegmentConversion.class);
        addStore(builder, config, PENDING_STORE, PendingPublication.class);
        addStore(builder, config, ORG_MEMBERS_STORE, BalanceMember.class);
        addStore(builder, config, ORG_PENDING_STORE, PendingPublication.class);
        // a global store is restored from its own topic, never changelogged
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(REP_ROUTES_STORE), Serdes.String(), Serdes.String())
                        .withLoggingDisabled(),
                config.repTeamsTopic(), Consumed.with(Serdes.String(), Serdes.String()).withName("rep-routes"),
                RepRoutesUpdater::new);

        ContractInput contracts = new ContractInput(builder, serdes.deadLetter(), AvroMapping.SERVICE, metrics::deadLettered);

        KStream<String, TerritoryEvent> accountDeltas = contracts
                .stream(config.accountsTopic(), ScoredAccount.class, serdes.scoredAccount(), "scored-accounts",
                        AvroMapping::timedContribution)
                .process(() -> new AccountContributionProcessor(config.publishInterval()), Named.as("account-deltas"),
                        CONTRIBUTIONS_STORE, WINDOW_DELTAS_STORE);

        Map<String, KStream<String, RepDecoding>> reps = builder
                .stream(config.repsTopic(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("crm-reps"))
                .process(() -> new RepChangeDecoder(metrics), Named.as("rep-decoder"))
                .split(Named.as("reps-"))
                .branch((key, decoding) -> decoding.failed(), Branched.as("rejected"))
                .defaultBranch(Branched.as("decoded"));
        reps.get("reps-rejected")
                .mapValues(RepDecoding::deadLetter, Named.as("rep-dead-letters"))
                .to(config.repsDeadLetterTopic(), Produced.with(Serdes.String(), serdes.deadLetter()).withName("reps-dlq"));
        Map<String, KStream<String, RepRoutingProcessor.Routed>> routed = reps.get("reps-decoded")
                .mapValues(RepDecoding::event, Named.as("rep-changes"))
                .process(RepRoutingProcessor::new, Named.as("rep-routing"), REP_ROWS_STORE)
                .split(Named.as("reps-routed-"))
                .branch((key, routing) -> routing.isRoute(), Branched.as("route"))
                .defaultBranch(Branched.as("change"));
        routed.get("reps-routed-route")
                .mapValues(RepRoutingProcessor.Routed::home, Named.as("rep-route-records"))
                .to(config.repTeamsTopic(), Produced.with(Serdes.String(), Serdes.String()).withName("rep-teams"));
        KStream<String, TerritoryEvent> repChanges = routed.get("reps-routed-change")
                .mapValues(RepRoutingProcessor.Routed::event, Named.as("rep-team-changes"));

        KStream<String, TerritoryEvent> statsChanges = contracts
                .stream(config.segmentStatsTopic(), SegmentStats.class, serdes.segmentStats(), "segment-stats",
                        AvroMapping::segmentConversion)
                .flatMap((key, conversion) -> segmentStatsEvent(config.orgId(), key, conversion), Named.as("segment-stats-changes"));

        int partitions = config.aggregationPartitions();
        Map<String, KStream<String, TerritoryOutput>> outputs = accountDeltas
                .merge(repChanges, Named.as("merge-reps"))
                .merge(statsChanges, Named.as("merge-stats"))
                .repartition(Repartitioned.with(Serdes.String(), RecordSerde.of(TerritoryEvent.class))
                        .withName(CHANGES_REPARTITION)
                        .withNumberOfPartitions(partitions)
                        .withStreamPartitioner(new TeamPartitioner()))
                .process(() -> new TeamAggregationProcessor(config.policy(), partitions, config.publishInterval(), true),
                        Named.as("team-aggregation"), TERRITORIES_STORE, REPS_STORE, SEGMENT_STATS_STORE, PENDING_STORE)
                .split(Named.as("outputs-"))
                .branch((key, output) -> output.kind() == TerritoryOutput.Kind.HEALTH, Branched.as("health"))
                .branch((key, output) -> output.kind() == TerritoryOutput.Kind.BALANCE, Branched.as("balance"))
                .branch((key, output) -> output.kind() == TerritoryOutput.Kind.ORG_MEMBER, Branched.as("org"))
                .defaultBranch(Branched.as("transfer"));
        outputs.get("outputs-health")
                .mapValues(TerritoryOutput::health, Named.as("health-records"))
                .to(config.healthTopic(), Produced.with(Serdes.String(), serdes.territoryHealth()).withName("territory-health"));
        outputs.get("outputs-balance")
                .mapValues(TerritoryOutput::balance, Named.as("balance-records"))
                .to(config.teamBalanceTopic(), Produced.with(Serdes.String(), serdes.teamBalance()).withName("team-balance"));
        outputs.get("outputs-org")
                .mapValues(TerritoryOutput::member, Named.as("org-member-changes"))
                .repartition(Repartitioned.with(Serdes.String(), RecordSerde.of(OrgMemberChange.class))
                        .withName(ORG_REPARTITION)
                        .withNumberOfPartitions(1))
                .process(() -> new OrgBalanceProcessor(config.publishInterval()), Named.as("org-balance"),
                        ORG_MEMBERS_STORE, ORG_PENDING_STORE)
                .to(config.teamBalanceTopic(), Produced.with(Serdes.String(), serdes.teamBalance()).withName("org-balance-records"));
        outputs.get("outputs-transfer")
                .mapValues(TerritoryOutput::transfer, Named.as("transfer-records"))
                .repartition(Repartitioned.with(Serdes.String(), RecordSerde.of(TerritoryEvent.class))
                        .withName(TRANSFERS_REPARTITION)
                        .withNumberOfPartitions(partitions)
                        .withStreamPartitioner(new TeamPartitioner()))
                .process(() -> new TeamAggregationProcessor(config.policy(), partitions, config.publishInterval(), false),
                        Named.as("handed-over-sums"), TERRITORIES_STORE, REPS_STORE, SEGMENT_STATS_STORE, PENDING_STORE);
        return builder.build();
    }

    /** The key a territory is aggregated under: its rep's team from the routes, or {@link Territories#NO_TEAM}. */
    static String homeOf(String territoryId, KeyValueStore<String, String> routes) {
        if (Territories.UNASSIGNED.equals(territoryId)) {
            return Territories.NO_TEAM;
        }
        String team = routes.get(territoryId);
        return team != null ? team : Territories.NO_TEAM;
    }

    private static <V extends Record> void addStore(StreamsBuilder builder, TerritoryTopologyConfig config, String name, Class<V> type) {
        // cached: a territory's sums and its pending mark change with every account, but only their value at the
        // commit reaches RocksDB and the changelog (thousands of writes per second become a few per territory)
        builder.addStateStore(storeBuilder(config, name, type).withCachingEnabled());
    }

    private static <V extends Record> StoreBuilder<KeyValueStore<String, V>> storeBuilder(
            TerritoryTopologyConfig config, String name, Class<V> type) {
        KeyValueBytesStoreSupplier supplier = config.stateStores() == TerritoryTopologyConfig.StateStores.IN_MEMORY
                ? Stores.inMemoryKeyValueStore(name)
                : Stores.persistentKeyValueStore(name);
        return Stores.keyValueStoreBuilder(supplier, Serdes.String(), RecordSerde.of(type));
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
