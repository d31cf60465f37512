package io.territoryos.optimizer.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.RebalanceProposal;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.optimizer.domain.RebalanceOptions;
import io.territoryos.optimizer.messaging.BookView;
import io.territoryos.optimizer.messaging.CommandHandler;
import io.territoryos.optimizer.messaging.ProposalPublisher;
import io.territoryos.optimizer.persistence.MongoProposalStore;
import io.territoryos.optimizer.solver.CpSatRebalancer;
import io.territoryos.optimizer.workflow.ApprovalService;
import io.territoryos.optimizer.workflow.CommandScheduler;
import io.territoryos.optimizer.workflow.ProposalService;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The optimizer's closed loop in the test JVM, wired as the service wires it but without Quarkus: the real
 * {@link BookView} on the broker, CP-SAT, proposals in a Mongo wire server, published on {@code rebalance.proposals};
 * the command loop as the SmallRye connector runs it (an offset committed once that record and every one before it on
 * its partition are answered), which a test may hold; and every version of every proposal read back. Shared by
 * optimizer-service's {@code OptimizerLoopIT} and the e2e {@code EveryTriggerToProposalIT} (test-jar).
 */
public final class OptimizerLoop implements AutoCloseable {

    /**
     * @param group      consumer group of the command loop
     * @param clientId   the publisher's transactional id prefix
     * @param timeLimit  each solve's limit
     * @param budgets    disruption budget by segment (the service's {@code optimizer.budget.*})
     * @param patience   how long a test waits for a proposal, and the service for its books
     * @param listener   told when each solve starts
     */
    public record Settings(String group, String clientId, Duration timeLimit, Map<String, Double> budgets,
                           Duration patience, int solvers, CommandScheduler.Listener listener) {
    }

    private final Settings settings;
    private final String bootstrapServers;
    private final MongoServer mongoServer;
    private final MongoClient mongo;
    private final MongoProposalStore store;
    private final BookView bookView;
    private final ProposalPublisher publisher;
    private final ApprovalService approvals;
    private final CommandScheduler scheduler;
    private final CommandHandler handler;
    private final ExecutorService loops = Executors.newFixedThreadPool(2);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean hold = new AtomicBoolean();
    private final AtomicBoolean held = new AtomicBoolean();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    /** Every version of every proposal seen on rebalance.proposals, in order, by proposal id. */
    private final Map<String, List<RebalanceProposal>> seen = new ConcurrentHashMap<>();

    private OptimizerLoop(String bootstrapServers, Settings settings) {
        this.settings = settings;
        this.bootstrapServers = bootstrapServers;
        Map<String, Object> serde = Map.of();
        mongoServer = new MongoServer(new MemoryBackend());
        var address = mongoServer.bind();
        mongo = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        store = new MongoProposalStore(mongo.getDatabase("territory_os"));
        bookView = new BookView(bootstrapServers, Topics.CRM_REPS.name(), serde).start();
        publisher = new ProposalPublisher(bootstrapServers, serde, settings.clientId());
        RebalanceOptions options = RebalanceOptions.defaults().withTimeLimit(settings.timeLimit())
                .withWorkers(CommandScheduler.workersPerSolve(2, settings.solvers()));
        ProposalService proposals = new ProposalService(bookView, new CpSatRebalancer(), store, publisher, options,
                settings.budgets(), settings.patience(), Clock.systemUTC());
        approvals = new ApprovalService(store, publisher,
                p -> proposals.problemFor(p.getCommand()).snapshotFingerprint(), Clock.systemUTC());
        scheduler = new CommandScheduler(settings.solvers(), 100, Duration.ofMillis(200), Duration.ofSeconds(2),
                settings.listener());
        handler = new CommandHandler(proposals, scheduler, publisher, serde, Clock.systemUTC());
    }

    /** Starts the loop on the broker at {@code bootstrapServers} (its topics created). */
    public static OptimizerLoop start(String bootstrapServers, Settings settings) {
        OptimizerLoop loop = new OptimizerLoop(bootstrapServers, settings);
        loop.loops.submit(loop::answerCommands);
        loop.loops.submit(loop::readProposals);
        return loop;
    }

    public BookView bookView() {
        return bookView;
    }

    public MongoProposalStore store() {
        return store;
    }

    public ApprovalService approvals() {
        return approvals;
    }

    public CommandScheduler scheduler() {
        return scheduler;
    }

    /** What went wrong on the loop's threads (a failed answer, a proposal keyed by other than its team). */
    public List<Throwable> failures() {
        return failures;
    }

    /** Every version of every proposal seen, by proposal id. */
    public List<RebalanceProposal> versions(String proposalId) {
        return seen.getOrDefault(proposalId, List.of());
    }

    /** Pauses (or resumes) the command loop and returns once it has. */
    public void holdCommands(boolean on) throws InterruptedException {
        hold.set(on);
        long deadline = System.nanoTime() + settings.patience().toNanos();
        while (held.get() != on && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(held.get()).isEqualTo(on);
    }

    /** The first version of a proposal on rebalance.proposals that matches, within the patience. */
    public RebalanceProposal awaitProposal(String proposalId, Predicate<RebalanceProposal> matching)
            throws InterruptedException {
        long deadline = System.nanoTime() + settings.patience().toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(failures).isEmpty();
            for (RebalanceProposal proposal : versions(proposalId)) {
                if (matching.test(proposal)) {
                    return proposal;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no matching version of " + proposalId + " on " + Topics.REBALANCE_PROPOSALS.name()
                + ": " + versions(proposalId).stream().map(p -> p.getStatus().name()).toList());
    }

    private void answerCommands() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, settings.group(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.REBALANCE_COMMANDS.name()));
            Map<TopicPartition, TreeMap<Long, CompletableFuture<Void>>> inFlight = new HashMap<>();
            while (running.get()) {
                if (hold.get() && !consumer.assignment().isEmpty()) {
                    consumer.pause(consumer.assignment());
                } else if (!hold.get()) {
                    consumer.resume(consumer.paused());
                }
                held.set(hold.get() && !consumer.paused().isEmpty());
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    inFlight.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), tp -> new TreeMap<>())
                            .put(record.offset(), handler.handle(record.topic(), record.partition(), record.offset(),
                                    record.key(), record.value()));
                }
                Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
                inFlight.forEach((partition, pending) -> {
                    Long answered = null;
                    while (!pending.isEmpty() && pending.firstEntry().getValue().isDone()) {
                        var first = pending.pollFirstEntry();
                        first.getValue().exceptionally(e -> {
                            failures.add(e);
                            return null;
                        });
                        answered = first.getKey();
                    }
                    if (answered != null) {
                        commits.put(partition, new OffsetAndMetadata(answered + 1));
                    }
                });
                if (!commits.isEmpty()) {
                    consumer.commitSync(commits);
                }
            }
        } catch (Throwable e) {
            failures.add(e);
        }
    }

    private void readProposals() {
        try (KafkaConsumer<String, RebalanceProposal> consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), AvroSerdes.valueSerde(RebalanceProposal.class, Map.of()).deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.REBALANCE_PROPOSALS.name(), settings.patience())
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running.get()) {
                for (ConsumerRecord<String, RebalanceProposal> record : consumer.poll(Duration.ofMillis(100))) {
                    if (!java.util.Objects.equals(record.key(), record.value().getCommand().getScope().getTeam())) {
                        failures.add(new AssertionError("proposal " + record.value().getProposalId() + " keyed " + record.key()));
                    }
                    seen.computeIfAbsent(record.value().getProposalId(), id -> new CopyOnWriteArrayList<>()).add(record.value());
                }
            }
        } catch (Throwable e) {
            failures.add(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        loops.shutdown();
        loops.awaitTermination(30, TimeUnit.SECONDS);
        scheduler.close();
        for (AutoCloseable closeable : new AutoCloseable[]{bookView, publisher, mongo}) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing
            }
        }
        mongoServer.shutdownNow();
    }
}
