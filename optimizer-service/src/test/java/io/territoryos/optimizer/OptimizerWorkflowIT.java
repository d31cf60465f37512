package io.territoryos.optimizer;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.AssignmentChange;
import io.territoryos.contracts.avro.Move;
import io.territoryos.contracts.avro.MoveReason;
import io.territoryos.contracts.avro.ProposalStatus;
import io.territoryos.contracts.avro.RebalanceCommand;
import io.territoryos.contracts.avro.RebalanceProposal;
import io.territoryos.contracts.avro.Scope;
import io.territoryos.contracts.avro.TriggerType;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.RebalanceOptions;
import io.territoryos.optimizer.mapping.ProposalMapping;
import io.territoryos.optimizer.messaging.BookView;
import io.territoryos.optimizer.messaging.CommandHandler;
import io.territoryos.optimizer.messaging.ProposalPublisher;
import io.territoryos.optimizer.persistence.AuditEntry;
import io.territoryos.optimizer.persistence.MongoProposalStore;
import io.territoryos.optimizer.solver.CpSatRebalancer;
import io.territoryos.optimizer.workflow.ApprovalService;
import io.territoryos.optimizer.workflow.CommandScheduler;
import io.territoryos.optimizer.workflow.ProposalService;
import io.territoryos.optimizer.workflow.RebalanceRequestService;
import io.territoryos.testkit.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The optimizer's workflow on a real in-process broker and the Mongo wire server: CRM reps (Debezium JSON) and
 * scored accounts (Avro) feed the book view; a rep-exit command becomes a proposal that places every orphan
 * within the budget and keeps the locks; a different person's approval publishes one owner change per move,
 * once, even when repeated; the book view then shows the new owners, so the next command finds no orphan.
 */
class OptimizerWorkflowIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String TEAM = SampleBooks.TEAM;
    private static final Instant T0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);

    private static EmbeddedKafka kafka;
    private static MongoServer mongoServer;
    private static MongoClient mongo;
    private static BookView bookView;
    private static ProposalPublisher publisher;
    private static MongoProposalStore store;
    private static ProposalService proposals;
    private static ApprovalService approvals;
    private static RebalanceRequestService requests;
    private static CommandScheduler scheduler;
    private static CommandHandler handler;
    private static final ExecutorService commandLoop = Executors.newSingleThreadExecutor();
    private static final AtomicBoolean running = new AtomicBoolean(true);
    private static final List<Throwable> commandFailures = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(Topics.ALL);
        mongoServer = new MongoServer(new MemoryBackend());
        var address = mongoServer.bind();
        mongo = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        store = new MongoProposalStore(mongo.getDatabase("territory_os"));
        Map<String, Object> serde = Map.of();
        bookView = new BookView(kafka.bootstrapServers(), Topics.CRM_REPS.name(), serde).start();
        publisher = new ProposalPublisher(kafka.bootstrapServers(), serde, "optimizer-it");
        RebalanceOptions options = RebalanceOptions.defaults().withWorkers(1).withTimeLimit(Duration.ofSeconds(10));
        proposals = new ProposalService(bookView, new CpSatRebalancer(), store, publisher, options, PATIENCE,
                Clock.systemUTC());
        approvals = new ApprovalService(store, publisher,
                p -> proposals.problemFor(p.getCommand()).snapshotFingerprint(), Clock.systemUTC());
        requests = new RebalanceRequestService(bookView, publisher, PATIENCE, Clock.systemUTC());
        scheduler = new CommandScheduler(1, 10, Duration.ofMillis(200), Duration.ofSeconds(2), null);
        handler = new CommandHandler(proposals, scheduler, publisher, Map.of(), Clock.systemUTC());
        commandLoop.submit(OptimizerWorkflowIT::answerCommands);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        running.set(false);
        commandLoop.shutdown();
        commandLoop.awaitTermination(30, TimeUnit.SECONDS);
        if (scheduler != null) {
            scheduler.close();
        }
        if (bookView != null) {
            bookView.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        if (mongo != null) {
            mongo.close();
        }
        if (mongoServer != null) {
            mongoServer.shutdownNow();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldTurnARepExitIntoAnApprovedProposalWhoseAssignmentsArePublishedOnceAndSeenByTheNextCommand()
            throws Exception {
        SampleBooks.publish(kafka.bootstrapServers(), T0);
        RebalanceCommand exit = RebalanceCommand.newBuilder()
                .setCommandId("REP_EXIT:R-1:" + T0.plusSeconds(60).toEpochMilli())
                .setType(TriggerType.REP_EXIT)
                .setScope(Scope.newBuilder().setTeam(TEAM).setRepIds(List.of("R-1")).build())
                .setEvidence(List.of())
                .setSummary("R-1 exited with 4 accounts")
                .setRequestedBy("trigger-service")
                .setSourceEventTime(T0.plusSeconds(60))
                .setIssuedAt(T0.plusSeconds(61))
                .build();
        publisher.publishCommand(exit);

        RebalanceProposal proposal = awaitProposal(ProposalMapping.proposalId(exit));

        assertThat(proposal.getStatus()).isEqualTo(ProposalStatus.PENDING_APPROVAL);
        Map<String, Move> moves = proposal.getMoves().stream().collect(Collectors.toMap(Move::getAccountId, m -> m));
        assertThat(moves.values()).filteredOn(m -> "R-1".equals(m.getFromRepId()))
                .extracting(Move::getAccountId).containsExactlyInAnyOrder("R-1-A1", "R-1-A2", "R-1-A3", "R-1-A4");
        assertThat(moves.values()).filteredOn(m -> "R-1".equals(m.getFromRepId())).allSatisfy(m -> {
            assertThat(m.getReason()).isEqualTo(MoveReason.ORPHANED_BY_EXIT);
            assertThat(m.getToRepId()).isIn("R-2", "R-3", "R-4");
        });
        assertThat(proposal.getBudget().getBudgetedMoves()).isLessThanOrEqualTo(proposal.getBudget().getMaxMoves())
                .isEqualTo((int) proposal.getMoves().stream().filter(Move::getCountsAgainstBudget).count());
        assertThat(moves).doesNotContainKey(SampleBooks.LOCKED_ACCOUNT);

        RebalanceProposal applied = approvals.approve(proposal.getProposalId(), "bob", "R-1's accounts need owners");
        List<AssignmentChange> changes = readCommittedAssignments(proposal.getMoves().size());

        assertThat(applied.getStatus()).isEqualTo(ProposalStatus.APPLIED);
        assertThat(changes).extracting(AssignmentChange::getChangeId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(moves.keySet().stream().map(a -> proposal.getProposalId() + "/" + a).toList());
        assertThat(changes).allSatisfy(change -> {
            assertThat(change.getToRepId()).isEqualTo(moves.get(change.getAccountId()).getToRepId());
            assertThat(change.getRequestedBy()).isEqualTo("trigger-service");
            assertThat(change.getApprovedBy()).isEqualTo("bob");
        });

        // Every record the approval wrote is read (committed), so the log ends are final: a repeat must not move them.
        Map<TopicPartition, Long> endsBefore = logEnds(Topics.TERRITORY_ASSIGNMENTS.name());
        RebalanceProposal again = approvals.approve(proposal.getProposalId(), "bob", "clicked twice");

        assertThat(again.getStatus()).isEqualTo(ProposalStatus.APPLIED);
        assertThat(logEnds(Topics.TERRITORY_ASSIGNMENTS.name())).isEqualTo(endsBefore);
        assertThat(store.auditTrail(proposal.getProposalId())).extracting(AuditEntry::action)
                .containsExactly("REQUESTED", "SOLVED", "APPROVED", "APPLIED", "APPROVAL_REPEATED");

        bookView.awaitCaughtUp(PATIENCE);
        moves.values().forEach(move ->
                assertThat(bookView.currentAccount(move.getAccountId()).ownerRepId()).isEqualTo(move.getToRepId()));

        RebalanceCommand manual = requests.request(TEAM, null, "check after the exit", "carol");
        RebalanceProposal next = awaitProposal(ProposalMapping.proposalId(manual));

        assertThat(proposals.problemFor(manual).accounts()).extracting(Account::ownerRepId).doesNotContain("R-1");
        assertThat(next.getMoves()).extracting(Move::getFromRepId).doesNotContain("R-1");
        assertThat(next.getCommand().getRequestedBy()).isEqualTo("carol");
        // the CV the maker saw is the one the approved proposal promised
        assertThat(manual.getEvidence().get(0).getValue()).isCloseTo(proposal.getAfter().getCvCoverage(), within(1e-9));
        assertThat(commandFailures).isEmpty();
    }

    /**
     * The service's command loop: rebalance.commands in, each record answered by the CommandHandler (as
     * CommandConsumer hands it over), its offset committed once it is answered.
     */
    private static void answerCommands() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "optimizer-service-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.REBALANCE_COMMANDS.name()));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        handler.handle(record.topic(), record.partition(), record.offset(), record.key(), record.value())
                                .get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (Exception e) {
                        commandFailures.add(e);
                    }
                }
                consumer.commitSync();
            }
        } catch (Throwable e) {
            commandFailures.add(e);
        }
    }

    private static RebalanceProposal awaitProposal(String proposalId) {
        try (KafkaConsumer<String, RebalanceProposal> consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), AvroSerdes.valueSerde(RebalanceProposal.class, Map.of()).deserializer())) {
            List<TopicPartition> partitions = partitions(consumer, Topics.REBALANCE_PROPOSALS.name());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline) {
                assertThat(commandFailures).isEmpty();
                for (ConsumerRecord<String, RebalanceProposal> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value().getProposalId().equals(proposalId)) {
                        assertThat(record.key()).isEqualTo(TEAM);
                        return record.value();
                    }
                }
            }
        }
        throw new AssertionError("no proposal " + proposalId + " on " + Topics.REBALANCE_PROPOSALS.name());
    }

    /**
     * Reads territory.assignments (read_committed) until {@code expected} changes arrived, then on to the end of
     * what is committed, so that a duplicate could not hide behind the count.
     */
    private static List<AssignmentChange> readCommittedAssignments(int expected) {
        List<AssignmentChange> changes = new ArrayList<>();
        try (KafkaConsumer<String, AssignmentChange> consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), AvroSerdes.valueSerde(AssignmentChange.class, Map.of()).deserializer())) {
            List<TopicPartition> partitions = partitions(consumer, Topics.TERRITORY_ASSIGNMENTS.name());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            Map<TopicPartition, Long> committedEnds = Map.of();
            while (System.nanoTime() < deadline && (changes.size() < expected || !reached(consumer, committedEnds))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    assertThat(record.key()).isEqualTo(record.value().getAccountId());
                    changes.add(record.value());
                });
                if (changes.size() >= expected && committedEnds.isEmpty()) {
                    committedEnds = consumer.endOffsets(partitions); // read_committed: the last stable offsets
                }
            }
        }
        return changes;
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        return !ends.isEmpty() && ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /** The end of each partition's log, committed or not: any write (even an aborted one) moves it. */
    private static Map<TopicPartition, Long> logEnds(String topic) throws Exception {
        try (Admin admin = kafka.admin()) {
            int count = admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int p = 0; p < count; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get()
                    .forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic, PATIENCE).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }
}
