package io.territoryos.e2e;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.Move;
import io.territoryos.contracts.avro.MoveReason;
import io.territoryos.contracts.avro.ProposalStatus;
import io.territoryos.contracts.avro.RebalanceCommand;
import io.territoryos.contracts.avro.RebalanceProposal;
import io.territoryos.contracts.avro.TerritoryHealth;
import io.territoryos.contracts.avro.TriggerType;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.demo.DemoConfig;
import io.territoryos.demo.DemoCrm;
import io.territoryos.demo.cdc.CdcRecord;
import io.territoryos.demo.domain.SeedTeam;
import io.territoryos.demo.domain.StoryStep;
import io.territoryos.demo.messaging.KafkaCdcPublisher;
import io.territoryos.optimizer.domain.RebalanceOptions;
import io.territoryos.optimizer.messaging.BookView;
import io.territoryos.optimizer.messaging.ProposalPublisher;
import io.territoryos.optimizer.persistence.MongoProposalStore;
import io.territoryos.optimizer.solver.CpSatRebalancer;
import io.territoryos.optimizer.workflow.ApprovalService;
import io.territoryos.optimizer.workflow.ProposalService;
import io.territoryos.scoring.streams.ScoringSerdes;
import io.territoryos.scoring.streams.ScoringTopology;
import io.territoryos.scoring.streams.ScoringTopologyConfig;
import io.territoryos.territory.streams.TerritorySerdes;
import io.territoryos.territory.streams.TerritoryTopology;
import io.territoryos.territory.streams.TerritoryTopologyConfig;
import io.territoryos.testkit.EmbeddedKafka;
import io.territoryos.trigger.streams.TriggerSerdes;
import io.territoryos.trigger.streams.TriggerTopology;
import io.territoryos.trigger.streams.TriggerTopologyConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/**
 * The thin path through all four services: the demo CRM's CDC events go into a real KRaft broker; the scoring,
 * territory and trigger topologies run as Kafka Streams applications with exactly-once; the optimizer's book view,
 * solver and workflow answer the trigger's command; the demo's rep exit ends in a proposal that moves every
 * orphaned account within the disruption budget, and its approval publishes the assignments.
 */
class RepExitToProposalIT {

    private static final long SEED = 42;
    private static final int ACCOUNTS = 1_000;
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir
    static Path stateDir;

    static EmbeddedKafka kafka;
    static MongoServer mongo;
    static MongoClient mongoClient;
    static final List<KafkaStreams> apps = new ArrayList<>();
    static BookView bookView;
    static ProposalPublisher publisher;
    static ProposalService proposals;
    static ApprovalService approvals;
    static MongoProposalStore store;
    static final ExecutorService optimizerLoop = Executors.newSingleThreadExecutor();
    static final AtomicBoolean running = new AtomicBoolean(true);

    @BeforeAll
    static void startTheProduct() {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(Topics.ALL);
        Map<String, Object> serde = Map.of();

        apps.add(start("scoring-service", ScoringTopology.build(ScoringTopologyConfig.defaults(), ScoringSerdes.registry(serde))));
        apps.add(start("territory-service", TerritoryTopology.build(TerritoryTopologyConfig.defaults(), TerritorySerdes.registry(serde))));
        apps.add(start("trigger-service", TriggerTopology.build(TriggerTopologyConfig.defaults(), TriggerSerdes.registry(serde))));

        mongo = new MongoServer(new MemoryBackend());
        var address = mongo.bind();
        mongoClient = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        store = new MongoProposalStore(mongoClient.getDatabase("territory_os"));
        bookView = new BookView(kafka.bootstrapServers(), Topics.CRM_REPS.name(), serde).start();
        publisher = new ProposalPublisher(kafka.bootstrapServers(), serde, "e2e-optimizer");
        proposals = new ProposalService(bookView, new CpSatRebalancer(), store, publisher,
                RebalanceOptions.defaults().withTimeLimit(Duration.ofSeconds(10)), Duration.ofSeconds(60), Clock.systemUTC());
        approvals = new ApprovalService(store, publisher,
                p -> proposals.problemFor(p.getCommand()).snapshotFingerprint(), Clock.systemUTC());
        optimizerLoop.submit(RepExitToProposalIT::answerCommands);
    }

    @AfterAll
    static void stopTheProduct() throws Exception {
        running.set(false);
        optimizerLoop.shutdown();
        apps.forEach(app -> app.close(Duration.ofSeconds(10)));
        if (bookView != null) {
            bookView.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        if (mongoClient != null) {
            mongoClient.close();
            mongo.shutdownNow();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldAnswerTheDemoRepExitWithAProposalThatPlacesEveryOrphanWithinBudget() throws Exception {
        DemoCrm demo = DemoCrm.generate(DemoConfig.of(SEED, ACCOUNTS));
        SeedTeam team = demo.seedTeam();
        String exitingRep = demo.story().exitingRepId();
        Set<String> orphans = demo.book(exitingRep).stream().map(a -> a.accountId()).collect(Collectors.toSet());

        try (KafkaCdcPublisher cdc = KafkaCdcPublisher.connect(kafka.bootstrapServers())) {
            cdc.publish("weights", java.util.stream.Stream.of(demo.initialWeightsEvent()), r -> { });
            cdc.publish("snapshot", demo.snapshotEvents(), r -> { });

            // every account scored, and the seed team's twelve territories reported with the seed's books
            Map<String, TerritoryHealth> health = latestHealth(view -> team.repIds().stream().allMatch(id ->
                    view.containsKey(id) && view.get(id).getAccountCount() == team.books().get(id).accounts()));
            assertThat(health.get(team.overloadedRepId()).getPotentialTotal()).isCloseTo(4_000_000, offset(0.01));
            assertThat(health.get(team.overloadedRepId()).getAccountCount()).isEqualTo(60);
            assertThat(health.get(team.starvedRepId()).getPotentialTotal()).isCloseTo(800_000, offset(0.01));
            assertThat(health.get(team.starvedRepId()).getAccountCount()).isEqualTo(25);

            List<CdcRecord> exit = demo.storyEvents(StoryStep.REP_EXIT);
            cdc.publish("rep exit", exit.stream(), r -> { });
        }

        RebalanceProposal proposal = awaitProposal(p -> p.getCommand().getType() == TriggerType.REP_EXIT);
        RebalanceCommand command = proposal.getCommand();
        assertThat(command.getScope().getTeam()).isEqualTo(team.team());
        assertThat(command.getScope().getRepIds()).containsExactly(exitingRep);
        assertThat(command.getEvidence()).isNotEmpty();

        assertThat(proposal.getStatus()).isEqualTo(ProposalStatus.PENDING_APPROVAL);
        assertThat(proposal.getSolver().getStatus().name()).isIn("OPTIMAL", "FEASIBLE");
        Map<String, Move> moves = proposal.getMoves().stream().collect(Collectors.toMap(Move::getAccountId, m -> m));
        // every orphaned account moves, to an active rep of the team, free of the budget
        assertThat(moves.keySet()).containsAll(orphans);
        orphans.forEach(id -> {
            Move move = moves.get(id);
            assertThat(move.getFromRepId()).isEqualTo(exitingRep);
            assertThat(move.getReason()).isEqualTo(MoveReason.ORPHANED_BY_EXIT);
            assertThat(move.getCountsAgainstBudget()).isFalse();
            assertThat(team.repIds()).contains(move.getToRepId());
            assertThat(move.getToRepId()).isNotEqualTo(exitingRep);
        });
        // the other moves stay within 15% of the movable accounts
        long budgeted = proposal.getMoves().stream().filter(Move::getCountsAgainstBudget).count();
        assertThat(budgeted).isEqualTo(proposal.getBudget().getBudgetedMoves());
        assertThat(budgeted).isLessThanOrEqualTo((long) Math.floor(0.15 * proposal.getBudget().getMovableAccounts()));
        // free: every orphan, and the team's scope also takes the unassigned accounts its reps can work
        long unassignedTaken = proposal.getMoves().stream().filter(m -> m.getFromRepId() == null)
                .peek(m -> assertThat(m.getReason()).isIn(MoveReason.UNASSIGNED_POOL, MoveReason.NEW_MARKET)).count();
        assertThat(proposal.getBudget().getFreeMoves()).isEqualTo(orphans.size() + unassignedTaken);
        // potential is conserved (plus what the team took from the unassigned pool), and the team ends more balanced than before
        double before = proposal.getReps().stream().mapToDouble(r -> r.getPotentialBefore()).sum();
        double after = proposal.getReps().stream().mapToDouble(r -> r.getPotentialAfter()).sum();
        double fromPool = proposal.getMoves().stream().filter(m -> m.getFromRepId() == null)
                .mapToDouble(Move::getPotential).sum();
        assertThat(after).isCloseTo(before + fromPool, offset(0.01));
        assertThat(proposal.getAfter().getCvCoverage()).isLessThan(proposal.getBefore().getCvCoverage());
        assertThat(proposal.getReps()).filteredOn(r -> r.getRepId().equals(exitingRep))
                .singleElement().satisfies(r -> assertThat(r.getAccountsAfter()).isZero());

        // a checker who is not the requester approves: one owner change per move lands on territory.assignments
        RebalanceProposal applied = approvals.approve(proposal.getProposalId(), "bob", "e2e");
        assertThat(applied.getStatus()).isEqualTo(ProposalStatus.APPLIED);
        Set<String> assigned = readAll(Topics.TERRITORY_ASSIGNMENTS.name(), moves.size());
        assertThat(assigned).isEqualTo(moves.keySet());
    }

    /** The optimizer-service's command loop: rebalance.commands in, ProposalService.handle for each. */
    private static void answerCommands() {
        var reader = AvroSerdes.valueSerde(RebalanceCommand.class, Map.of()).deserializer();
        try (KafkaConsumer<String, byte[]> consumer = consumer("e2e-optimizer")) {
            consumer.subscribe(List.of(Topics.REBALANCE_COMMANDS.name()));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        proposals.handle(reader.deserialize(record.topic(), record.value()));
                    } catch (Exception e) {
                        throw new IllegalStateException("optimizer failed on " + record.key(), e);
                    }
                }
                consumer.commitSync();
            }
        }
    }

    private static KafkaStreams start(String applicationId, Topology topology) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "e2e-" + applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(applicationId).toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.setUncaughtExceptionHandler(e -> {
            e.printStackTrace();
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
        return streams;
    }

    private static KafkaConsumer<String, byte[]> consumer(String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Reads territory.health until the latest record per rep satisfies the condition. */
    private static Map<String, TerritoryHealth> latestHealth(Predicate<Map<String, TerritoryHealth>> done) {
        var reader = AvroSerdes.valueSerde(TerritoryHealth.class, Map.of()).deserializer();
        Map<String, TerritoryHealth> latest = new HashMap<>();
        Map<String, TerritoryHealth> view = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer("e2e-health-" + System.nanoTime())) {
            consumer.subscribe(List.of(Topics.TERRITORY_HEALTH.name()));
            long deadline = System.currentTimeMillis() + PATIENCE.toMillis();
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    latest.put(record.key(), reader.deserialize(record.topic(), record.value()));
                }
                view = latest;
                if (done.test(view)) {
                    return view;
                }
            }
        }
        throw new AssertionError("territory.health never reached the expected state; last seen: " + view.keySet());
    }

    private static RebalanceProposal awaitProposal(Predicate<RebalanceProposal> wanted) {
        var reader = AvroSerdes.valueSerde(RebalanceProposal.class, Map.of()).deserializer();
        try (KafkaConsumer<String, byte[]> consumer = consumer("e2e-proposals-" + System.nanoTime())) {
            consumer.subscribe(List.of(Topics.REBALANCE_PROPOSALS.name()));
            long deadline = System.currentTimeMillis() + PATIENCE.toMillis();
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    RebalanceProposal proposal = reader.deserialize(record.topic(), record.value());
                    if (wanted.test(proposal)) {
                        return proposal;
                    }
                }
            }
        }
        throw new AssertionError("no matching proposal on " + Topics.REBALANCE_PROPOSALS.name() + " within " + PATIENCE);
    }

    private static Set<String> readAll(String topic, int expected) {
        Set<String> keys = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer("e2e-read-" + System.nanoTime())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.currentTimeMillis() + PATIENCE.toMillis();
            while (keys.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
            }
        }
        return keys;
    }

}
