package io.territoryos.optimizer.messaging;

import io.territoryos.security.KafkaClientSecurity;
import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.AssignmentChange;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.TeamPolicy;
import io.territoryos.contracts.cdc.CdcDecodingException;
import io.territoryos.contracts.cdc.ChangeEvent;
import io.territoryos.contracts.cdc.DebeziumDecoder;
import io.territoryos.contracts.crm.CrmRep;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.Rep;
import io.territoryos.optimizer.mapping.BookMapping;
import io.territoryos.optimizer.workflow.BookSource;
import io.territoryos.optimizer.workflow.TeamScope;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads accounts.scored, crm.reps, territory.assignments and config.team-policies from the beginning
 * (read_committed) into memory, so that a rebalance solves on the books and policies as they are when its command
 * arrives: {@link #snapshot} first waits until the view has read everything committed at that moment. Approved
 * assignments overlay the scored owner until the CRM's own change comes back through CDC with a later event time.
 * Of a team's policies the highest version wins; an older or equal version is ignored (a replay is no error).
 * <p>
 * A scored account is decoded only once its record is the latest the view has read of that account: records are held
 * as bytes, latest per account, while the view reads a backlog (full polls, up to {@value #MAX_PENDING} accounts), and
 * decoded when it reaches the end. A restart reads the whole topic again; of its superseded records none is decoded
 * ({@code BookViewIT}: 2,002 records of 20 accounts, at most 200 decodes). A record that cannot be decoded is counted,
 * logged and skipped; the account keeps its previous figures.
 */
public final class BookView implements BookSource, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BookView.class);
    private static final int MAX_POLL_RECORDS = 5_000;
    /** Accounts held undecoded at most before the view decodes them, even in the middle of a backlog. */
    static final int MAX_PENDING = 100_000;
    private static final byte[] REMOVED = new byte[0];
    /** Distinct shared strings (regions, owners) the view keeps one instance of; past this many it keeps copies. */
    private static final int MAX_SHARED_STRINGS = 100_000;

    private record Assignment(String toRepId, long approvedAt) {
    }

    private record ScoredEntry(Account account, long sourceEventTime) {
    }

    private record PolicyVersion(int version, io.territoryos.optimizer.domain.TeamPolicy policy) {
    }

    private final List<String> topics;
    private final String repsTopic;
    private final Map<String, ScoredEntry> accounts = new ConcurrentHashMap<>();
    private final Map<String, Rep> reps = new ConcurrentHashMap<>();
    private final Map<String, Assignment> assignments = new ConcurrentHashMap<>();
    private final Map<String, PolicyVersion> policies = new ConcurrentHashMap<>();
    private final AtomicLong rejectedPolicies = new AtomicLong();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final AtomicLong undecodableReps = new AtomicLong();
    private final AtomicLong undecodableScores = new AtomicLong();
    private final AtomicLong decodedScores = new AtomicLong();
    /** The reader thread's: the latest undecoded value of each account read since the last decode ({@link #REMOVED}: a tombstone). */
    private final Map<String, byte[]> pendingScores = new HashMap<>();
    /**
     * The reader thread's: one instance of each region and owner id. A million accounts held five strings each
     * (key, id, name, region, owner), ~430 bytes an account: the 512 MB heap spent more time in full collections
     * than the view in reading (96 s of GC during one pipeline benchmark, 2026-12-08).
     */
    private final Map<String, String> sharedStrings = new HashMap<>();
    private final Deserializer<ScoredAccount> scoredReader;
    private final Deserializer<AssignmentChange> assignmentReader;
    private final Deserializer<TeamPolicy> policyReader;
    private final KafkaConsumer<byte[], byte[]> consumer;
    /** One admin client for the view's life: every snapshot asks it for the last stable offsets. */
    private final Admin admin;
    private final Thread reader;
    private volatile boolean running = true;
    private volatile Throwable failure;

    public BookView(String bootstrapServers, String repsTopic, Map<String, ?> serdeConfig) {
        this(bootstrapServers, repsTopic, serdeConfig, Map.of());
    }

    /** @param security SASL/TLS client settings ({@link KafkaClientSecurity}); empty for PLAINTEXT */
    public BookView(String bootstrapServers, String repsTopic, Map<String, ?> serdeConfig, Map<String, String> security) {
        this.repsTopic = repsTopic;
        this.topics = List.of(Topics.ACCOUNTS_SCORED.name(), repsTopic, Topics.TERRITORY_ASSIGNMENTS.name(),
                Topics.TEAM_POLICIES.name());
        this.scoredReader = AvroSerdes.valueSerde(ScoredAccount.class, serdeConfig).deserializer();
        this.assignmentReader = AvroSerdes.valueSerde(AssignmentChange.class, serdeConfig).deserializer();
        this.policyReader = AvroSerdes.valueSerde(TeamPolicy.class, serdeConfig).deserializer();
        this.consumer = new KafkaConsumer<>(KafkaClientSecurity.with(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS,
                ConsumerConfig.CLIENT_ID_CONFIG, "optimizer-book-view"), security),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.admin = Admin.create(KafkaClientSecurity.with(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), security));
        this.reader = new Thread(this::readForever, "optimizer-book-view");
        this.reader.setDaemon(true);
    }

    public BookView start() {
        reader.start();
        return this;
    }

    /**
     * The books of a team as {@link TeamScope} defines them, with the team's policy, after the view has caught up
     * with everything committed to its topics now.
     */
    @Override
    public Books snapshot(String team, String marketSegment, String marketRegion, Duration timeout)
            throws TimeoutException, InterruptedException {
        awaitCaughtUp(timeout);
        List<Account> current = new ArrayList<>(accounts.size());
        for (String accountId : accounts.keySet()) {
            Account account = currentAccount(accountId);
            if (account != null) {
                current.add(account);
            }
        }
        return TeamScope.of(team, marketSegment, marketRegion, List.copyOf(reps.values()), current, policies());
    }

    /** The latest policy of every team that has one. */
    public Map<String, io.territoryos.optimizer.domain.TeamPolicy> policies() {
        Map<String, io.territoryos.optimizer.domain.TeamPolicy> latest = new HashMap<>();
        policies.forEach((team, version) -> latest.put(team, version.policy()));
        return latest;
    }

    /** An account with any approved assignment the CRM has not echoed back yet applied. */
    public Account currentAccount(String accountId) {
        ScoredEntry entry = accounts.get(accountId);
        if (entry == null) {
            return null;
        }
        Assignment applied = assignments.get(accountId);
        if (applied != null && applied.approvedAt() >= entry.sourceEventTime()) {
            return entry.account().withOwner(applied.toRepId());
        }
        return entry.account();
    }

    public int accountCount() {
        return accounts.size();
    }

    public long undecodableReps() {
        return undecodableReps.get();
    }

    /** accounts.scored records that could not be decoded; each was skipped. */
    public long undecodableScores() {
        return undecodableScores.get();
    }

    /** accounts.scored records decoded so far: only those still the latest of their account when the view decoded. */
    public long decodedScores() {
        return decodedScores.get();
    }

    /** Team policy records that could not be read or that the domain rejects; each was skipped. */
    public long rejectedPolicies() {
        return rejectedPolicies.get();
    }

    /** Waits until the view has read up to the last stable offset of every partition as of this call. */
    public void awaitCaughtUp(Duration timeout) throws TimeoutException, InterruptedException {
        Map<TopicPartition, Long> targets = lastStableOffsets();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (failure != null) {
                throw new IllegalStateException("the book view stopped reading", failure);
            }
            boolean caughtUp = targets.entrySet().stream()
                    .allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
            if (caughtUp) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("book view not caught up with " + targets + " (at " + positions + ")");
            }
            Thread.sleep(20);
        }
    }

    private Map<TopicPartition, Long> lastStableOffsets() {
        try {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (var description : admin.describeTopics(topics).allTopicNames().get().values()) {
                description.partitions().forEach(p ->
                        request.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, Long> result = new HashMap<>();
            admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                    .forEach((tp, info) -> result.put(tp, info.offset()));
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the end offsets of " + topics, e);
        }
    }

    private void readForever() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(60))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    apply(record);
                }
                // a full poll is a backlog: keep reading before decoding, so superseded records are never decoded;
                // positions move only once what they cover is decoded (a snapshot waits for them)
                if (records.count() < MAX_POLL_RECORDS || pendingScores.size() >= MAX_PENDING) {
                    decodePendingScores();
                    for (TopicPartition partition : partitions) {
                        positions.put(partition, consumer.position(partition));
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the consumer up
        } catch (Throwable e) {
            failure = e;
            LOG.error("book view stopped reading", e);
        } finally {
            consumer.close();
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        String topic = record.topic();
        if (topic.equals(Topics.ACCOUNTS_SCORED.name())) {
            String accountId = new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
            pendingScores.put(accountId, record.value() == null ? REMOVED : record.value());
        } else if (topic.equals(repsTopic)) {
            try {
                ChangeEvent event = DebeziumDecoder.decode(record.key(), record.value(), CrmRep.ID_FIELD);
                if (event.removesRow()) {
                    reps.remove(event.id());
                } else {
                    reps.put(event.id(), BookMapping.rep(CrmRep.from(event.id(), event.after())));
                }
            } catch (CdcDecodingException e) {
                // territory-service dead-letters crm.reps; here it is only counted and skipped
                undecodableReps.incrementAndGet();
                LOG.warnf("skipping undecodable rep record %s-%d@%d: %s", topic, record.partition(), record.offset(), e.getMessage());
            }
        } else if (topic.equals(Topics.TEAM_POLICIES.name())) {
            applyPolicy(record);
        } else if (record.value() != null) {
            AssignmentChange change = assignmentReader.deserialize(topic, record.value());
            assignments.put(change.getAccountId(), new Assignment(change.getToRepId(), change.getApprovedAt().toEpochMilli()));
        }
    }

    private void decodePendingScores() {
        for (Map.Entry<String, byte[]> pending : pendingScores.entrySet()) {
            String accountId = pending.getKey();
            if (pending.getValue() == REMOVED) {
                accounts.remove(accountId);
                continue;
            }
            try {
                ScoredAccount scored = scoredReader.deserialize(Topics.ACCOUNTS_SCORED.name(), pending.getValue());
                // the map keeps the key it was first given: the account holds that instance as its id
                ScoredEntry previous = accounts.get(accountId);
                String id = previous != null && previous.account().id().equals(accountId) ? previous.account().id() : accountId;
                accounts.put(id, new ScoredEntry(BookMapping.account(scored, id, this::shared), scored.getSourceEventTime().toEpochMilli()));
                decodedScores.incrementAndGet();
            } catch (RuntimeException e) {
                undecodableScores.incrementAndGet();
                LOG.warnf("skipping undecodable scored account %s (%s): it keeps its previous figures", accountId, e.getMessage());
            }
        }
        pendingScores.clear();
    }

    private String shared(String value) {
        if (value == null) {
            return null;
        }
        String known = sharedStrings.get(value);
        if (known != null) {
            return known;
        }
        if (sharedStrings.size() < MAX_SHARED_STRINGS) {
            sharedStrings.put(value, value);
        }
        return value;
    }

    private void applyPolicy(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            if (record.key() != null) {
                // a tombstone: the team goes back to the default policy
                policies.remove(new String(record.key(), java.nio.charset.StandardCharsets.UTF_8));
            }
            return;
        }
        try {
            TeamPolicy policy = policyReader.deserialize(record.topic(), record.value());
            var mapped = BookMapping.teamPolicy(policy);
            policies.compute(policy.getTeam(), (team, current) -> current != null && current.version() >= policy.getVersion()
                    ? current : new PolicyVersion(policy.getVersion(), mapped));
        } catch (RuntimeException e) {
            // a policy that cannot be read or is out of range leaves the team's previous one in force
            rejectedPolicies.incrementAndGet();
            LOG.warnf("skipping team policy record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close();
    }
}
