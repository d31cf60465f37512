package io.territoryos.demo.messaging;

import io.territoryos.contracts.avro.AssignmentChange;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.contracts.serde.AvroValueSerde;
import io.territoryos.demo.cdc.CdcRecord;
import io.territoryos.demo.cdc.DebeziumEventWriter;
import io.territoryos.demo.domain.OwnerChange;
import io.territoryos.demo.domain.OwnerChangeRule;
import io.territoryos.demo.domain.OwnerChangeRule.AlreadyApplied;
import io.territoryos.demo.domain.OwnerChangeRule.Apply;
import io.territoryos.demo.domain.OwnerChangeRule.Decision;
import io.territoryos.demo.domain.OwnerChangeRule.Rejected;
import io.territoryos.demo.mapping.AssignmentChangeMapping;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The CRM's side of write-back, standing in for "the CRM plus its Debezium connector": reads approved owner changes
 * from territory.assignments and writes each one back as a Debezium update ({@code op u}) of the account on
 * crm.accounts, unless the CRM's current row (folded from crm.accounts itself) shows it is already done, or the
 * account is unknown or has changed owner since (then it is reported and skipped, as a real CRM would reject it).
 *
 * <p>At least once, made safe by idempotency: offsets are committed only after the updates are acknowledged, and
 * before deciding, the view reads crm.accounts up to its end, its own earlier updates included (their
 * {@code source.change_id} names the change), so a redelivered or restarted change emits nothing.
 */
public final class CrmWriteBack implements Runnable {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_LISTED_PROBLEMS = 20;

    private final WriteBackConfig config;
    private final KafkaCdcPublisher publisher;
    private final PrintStream out;
    private final Clock clock;
    private final DebeziumEventWriter writer;
    private final AccountView view = new AccountView();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile KafkaConsumer<byte[], byte[]> feedConsumer;
    private volatile KafkaConsumer<String, byte[]> changeConsumer;
    private long listedProblems;

    /**
     * @param publisher sends the updates (not closed here: the caller owns it)
     * @param out       one line per applied proposal batch, and every rejected change with its reason
     */
    public CrmWriteBack(WriteBackConfig config, KafkaCdcPublisher publisher, PrintStream out, Clock clock) {
        this.config = config;
        this.publisher = publisher;
        this.out = out;
        this.clock = clock;
        this.writer = new DebeziumEventWriter(config.format());
    }

    public CrmWriteBack(WriteBackConfig config, KafkaCdcPublisher publisher, PrintStream out) {
        this(config, publisher, out, Clock.systemUTC());
    }

    /**
     * Rebuilds the view from the start of crm.accounts, then applies owner changes until {@link #stop()}. Runs once.
     *
     * @throws PublishException when Kafka fails (the message names the broker); nothing is committed then, so the
     *                          changes in flight are redelivered on the next start
     */
    @Override
    public void run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a write-back runs once; create a new one to restart");
        }
        try (AvroValueSerde<AssignmentChange> serde = AvroSerdes.valueSerde(AssignmentChange.class, Map.of());
             KafkaConsumer<byte[], byte[]> feed = new KafkaConsumer<>(feedConfig());
             KafkaConsumer<String, byte[]> changes = new KafkaConsumer<>(changeConfig())) {
            feedConsumer = feed;
            changeConsumer = changes;
            if (!running.get()) {
                return;
            }
            rebuildView(feed);
            changes.subscribe(List.of(config.assignmentsTopic()));
            Deserializer<AssignmentChange> deserializer = serde.deserializer();
            while (running.get()) {
                readFeed(feed, Duration.ZERO);
                ConsumerRecords<String, byte[]> batch = changes.poll(POLL);
                if (!batch.isEmpty()) {
                    catchUp(feed);
                    if (!running.get()) {
                        break; // stopped while catching up: decide nothing on a view that may be behind
                    }
                    apply(batch, deserializer);
                }
                commitPositions(changes);
            }
        } catch (WakeupException | InterruptException e) {
            if (running.get()) {
                throw new PublishException("the write-back was interrupted on Kafka at " + config.bootstrapServers(), e);
            }
        } catch (PublishException e) {
            throw e;
        } catch (KafkaException e) {
            throw new PublishException("the write-back failed on Kafka at " + config.bootstrapServers() + ": "
                    + e.getMessage(), e);
        } finally {
            feedConsumer = null;
            changeConsumer = null;
            stopped.countDown();
        }
    }

    /** Asks {@link #run()} to return; changes already being applied finish first or are redelivered later. */
    public void stop() {
        running.set(false);
        KafkaConsumer<byte[], byte[]> feed = feedConsumer;
        KafkaConsumer<String, byte[]> changes = changeConsumer;
        if (feed != null) {
            feed.wakeup();
        }
        if (changes != null) {
            changes.wakeup();
        }
    }

    /** True once {@link #run()} has returned and its consumers are closed. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- the view of crm.accounts -------------------------------------------------------------------------

    private void rebuildView(KafkaConsumer<byte[], byte[]> feed) {
        long start = System.nanoTime();
        String topic = config.format().accountsTopic();
        List<PartitionInfo> infos = feed.partitionsFor(topic, METADATA_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new PublishException("topic " + topic + " does not exist on " + config.bootstrapServers(), null);
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        feed.assign(partitions);
        feed.seekToBeginning(partitions);
        catchUp(feed);
        out.printf("write-back: %,d accounts from %,d change events of %s in %.1f s; applying owner changes from %s"
                        + " (group %s)%n", view.size(), view.events(), topic, (System.nanoTime() - start) / 1e9,
                config.assignmentsTopic(), config.groupId());
    }

    /** Reads crm.accounts up to its end as of now, so that every update acknowledged so far is in the view. */
    private void catchUp(KafkaConsumer<byte[], byte[]> feed) {
        Map<TopicPartition, Long> ends = feed.endOffsets(feed.assignment());
        while (running.get() && ends.entrySet().stream().anyMatch(e -> feed.position(e.getKey()) < e.getValue())) {
            readFeed(feed, POLL);
        }
    }

    private void readFeed(KafkaConsumer<byte[], byte[]> feed, Duration timeout) {
        for (ConsumerRecord<byte[], byte[]> record : feed.poll(timeout)) {
            String problem = view.apply(record.key(), record.value());
            if (problem != null) {
                report("skipped " + record.topic() + "-" + record.partition() + "@" + record.offset() + ": " + problem);
            }
        }
    }

    // ---- owner changes ------------------------------------------------------------------------------------

    private void apply(ConsumerRecords<String, byte[]> batch, Deserializer<AssignmentChange> deserializer) {
        Map<String, ProposalBatch> proposals = new LinkedHashMap<>();
        List<CdcRecord> updates = new ArrayList<>();
        long now = clock.millis();
        for (ConsumerRecord<String, byte[]> record : batch) {
            OwnerChange change = read(record, deserializer);
            if (change == null) {
                continue;
            }
            ProposalBatch proposal = proposals.computeIfAbsent(change.proposalId(),
                    id -> new ProposalBatch(id, change.approvedBy()));
            Decision decision = OwnerChangeRule.decide(change, view.account(change.accountId()),
                    view.wasApplied(change.changeId()));
            if (decision instanceof Apply apply) {
                updates.add(writer.accountUpdateFor(change.changeId(), apply.after(), now));
                // the next change of this batch for the same account must see this one before the feed does
                view.applyOwnUpdate(apply.after(), change.changeId());
                proposal.applied++;
            } else if (decision instanceof AlreadyApplied) {
                proposal.alreadyApplied++;
            } else if (decision instanceof Rejected rejected) {
                String unreadable = view.unreadableReason(change.accountId());
                proposal.rejections.add("rejected change " + change.changeId() + ": " + rejected.explanation()
                        + (unreadable == null ? "" : "; its latest row cannot be read: " + unreadable));
            }
        }
        if (!updates.isEmpty()) {
            publisher.publish("owner changes", updates.stream(), progress -> { });
        }
        proposals.values().forEach(proposal -> proposal.print(out));
    }

    private OwnerChange read(ConsumerRecord<String, byte[]> record, Deserializer<AssignmentChange> deserializer) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        if (record.value() == null) {
            out.println("skipped " + where + ": no value (tombstone)");
            return null;
        }
        try {
            return AssignmentChangeMapping.toDomain(deserializer.deserialize(record.topic(), record.value()));
        } catch (RuntimeException e) {
            // a poison record is reported and passed over; blocking the queue would stop every later approval
            out.println("skipped " + where + ": not a readable AssignmentChange (" + e.getMessage() + ")");
            return null;
        }
    }

    /** Commits where the consumer stands: everything before it has been applied and acknowledged, or rejected. */
    private void commitPositions(KafkaConsumer<String, byte[]> changes) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : changes.assignment()) {
            long position = changes.position(partition);
            Long last = committed.get(partition);
            if (last == null || last != position) {
                offsets.put(partition, new OffsetAndMetadata(position));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            changes.commitSync(offsets);
            offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // the new owner of these partitions gets the changes again and finds them applied
            committed.clear();
            out.println("could not commit (the group is rebalancing): the last changes will be redelivered and found applied");
        }
    }

    private void report(String problem) {
        listedProblems++;
        if (listedProblems <= MAX_LISTED_PROBLEMS) {
            out.println(problem);
        } else if (listedProblems == MAX_LISTED_PROBLEMS + 1) {
            out.println("(further unreadable records of " + config.format().accountsTopic() + " are skipped silently)");
        }
    }

    private Map<String, Object> feedConfig() {
        Map<String, Object> consumer = new HashMap<>();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, "demo-crm-writeback-feed");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false); // no group: the view is rebuilt on every start
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return consumer;
    }

    private Map<String, Object> changeConfig() {
        Map<String, Object> consumer = new HashMap<>();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, "demo-crm-writeback");
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // a proposal's changes: all or none
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");     // approvals made before the first start
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return consumer;
    }

    /** What one poll did with one proposal's changes. */
    private static final class ProposalBatch {
        private final String proposalId;
        private final String approvedBy;
        private final List<String> rejections = new ArrayList<>();
        private int applied;
        private int alreadyApplied;

        ProposalBatch(String proposalId, String approvedBy) {
            this.proposalId = proposalId;
            this.approvedBy = approvedBy;
        }

        void print(PrintStream out) {
            StringBuilder line = new StringBuilder().append("applied ").append(applied)
                    .append(applied == 1 ? " owner change" : " owner changes").append(" of proposal ").append(proposalId)
                    .append(" (approved by ").append(approvedBy).append(')');
            List<String> skipped = new ArrayList<>();
            if (alreadyApplied > 0) {
                skipped.add(alreadyApplied + " already applied");
            }
            if (!rejections.isEmpty()) {
                skipped.add(rejections.size() + " rejected");
            }
            if (!skipped.isEmpty()) {
                line.append("; ").append(String.join(", ", skipped));
            }
            out.println(line);
            rejections.forEach(rejection -> out.println("  " + rejection));
        }
    }
}
