package io.territoryos.territory.messaging;

import com.mongodb.MongoException;
import io.territoryos.contracts.avro.TeamBalance;
import io.territoryos.contracts.avro.TerritoryHealth;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.territory.mapping.Documents;
import io.territoryos.territory.persistence.HistoryEntry;
import io.territoryos.territory.persistence.SourcePosition;
import io.territoryos.territory.persistence.TerritoryHistoryRepository;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads committed territory.health and team.balance records and writes them to the MongoDB history and current
 * collections, then commits the offsets: Kafka is the outbox, the documents are keyed by topic position, so a
 * replay after a crash rewrites the same documents instead of adding new ones.
 */
public final class HistoryRecorder implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryRecorder.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String healthTopic;
    private final String balanceTopic;
    private final Deserializer<TerritoryHealth> healthDeserializer;
    private final Deserializer<TeamBalance> balanceDeserializer;
    private final TerritoryHistoryRepository repository;
    private final AtomicLong recorded = new AtomicLong();
    private volatile boolean running = true;

    public HistoryRecorder(String bootstrapServers, String groupId, String healthTopic, String balanceTopic,
                           Deserializer<TerritoryHealth> healthDeserializer, Deserializer<TeamBalance> balanceDeserializer,
                           TerritoryHistoryRepository repository) {
        this(bootstrapServers, groupId, healthTopic, balanceTopic, healthDeserializer, balanceDeserializer, repository, Map.of());
    }

    /**
     * @param settings further consumer settings: SASL/TLS ({@code KafkaClientSecurity}) and the static member id
     *                 ({@code group.instance.id}) when the instance has one; empty for a dynamic PLAINTEXT member
     */
    public HistoryRecorder(String bootstrapServers, String groupId, String healthTopic, String balanceTopic,
                           Deserializer<TerritoryHealth> healthDeserializer, Deserializer<TeamBalance> balanceDeserializer,
                           TerritoryHistoryRepository repository, Map<String, String> settings) {
        Map<String, Object> props = new HashMap<>(settings);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // never record an aborted update
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // one bulk write per poll: larger polls mean fewer round trips to the store for the same records
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 200);
        // a crashed instance's partitions move to another within ~10 s (the default 45 s session stalled them)
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 8_000);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.healthTopic = healthTopic;
        this.balanceTopic = balanceTopic;
        this.healthDeserializer = healthDeserializer;
        this.balanceDeserializer = balanceDeserializer;
        this.repository = repository;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(healthTopic, balanceTopic));
            boolean indexed = false;
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    if (!indexed) {
                        repository.ensureIndexes();
                        indexed = true;
                    }
                    record(records);
                    consumer.commitSync();
                } catch (MongoException | StoreUnavailable e) {
                    // the store (or the registry) is away: keep the offsets, read the same records again once it is back
                    LOG.warn("cannot write territory history ({}); retrying from the last committed offsets", e.toString());
                    rewindToCommitted();
                    pause(Duration.ofSeconds(1));
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("territory history recorder stopped", e);
            throw e;
        } finally {
            consumer.close();
        }
    }

    /** Records written so far, for metrics. */
    public long recordedCount() {
        return recorded.get();
    }

    private void record(ConsumerRecords<byte[], byte[]> records) {
        List<HistoryEntry> health = new ArrayList<>();
        List<HistoryEntry> balances = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.value() == null) {
                if (record.topic().equals(healthTopic) && record.key() != null) {
                    // a tombstone: the rep is gone. Write what came before it, then drop its current health
                    flush(health, balances);
                    repository.forgetHealth(new String(record.key(), StandardCharsets.UTF_8));
                }
                continue;
            }
            SourcePosition position = new SourcePosition(record.partition(), record.offset());
            try {
                if (record.topic().equals(healthTopic)) {
                    TerritoryHealth value = healthDeserializer.deserialize(record.topic(), record.value());
                    health.add(new HistoryEntry(value.getRepId(), value.getSourceEventTime(), position, Documents.toDocument(value)));
                } else {
                    TeamBalance value = balanceDeserializer.deserialize(record.topic(), record.value());
                    balances.add(new HistoryEntry(value.getTeam(), value.getSourceEventTime(), position, Documents.toDocument(value)));
                }
            } catch (RuntimeException e) {
                if (AvroSerdes.isRegistryUnavailable(e)) {
                    throw new StoreUnavailable("schema registry unreachable", e); // no record's fault: read it again later
                }
                // our own output topic: an unreadable record is a bug upstream, not a reason to stop the read model
                LOG.error("skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
            }
        }
        flush(health, balances);
    }

    private void flush(List<HistoryEntry> health, List<HistoryEntry> balances) {
        repository.recordHealth(health);
        repository.recordBalance(balances);
        recorded.addAndGet(health.size() + balances.size());
        health.clear();
        balances.clear();
    }

    private void rewindToCommitted() {
        Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
        for (TopicPartition partition : assigned) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, offset.offset());
            }
        }
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** A dependency other than MongoDB is away (the schema registry): handled like a store outage. */
    private static final class StoreUnavailable extends RuntimeException {
        StoreUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public void stop() {
        running = false;
        consumer.wakeup();
    }

    @Override
    public void close() {
        stop();
    }

}
