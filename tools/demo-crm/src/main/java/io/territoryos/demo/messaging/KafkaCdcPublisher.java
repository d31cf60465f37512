package io.territoryos.demo.messaging;

import io.territoryos.contracts.Topic;
import io.territoryos.demo.cdc.CdcRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Sends change-event records to Kafka in order, as a connector would: idempotent producer, acks=all, large
 * batches with a short linger for throughput. Stops at the first failed send and says which broker and topic.
 * Reports progress about once a second and the rate at the end.
 */
public final class KafkaCdcPublisher implements AutoCloseable {

    private static final long PROGRESS_EVERY_MS = 1_000;

    private final String bootstrapServers;
    private final Producer<byte[], byte[]> producer;

    private KafkaCdcPublisher(String bootstrapServers, Producer<byte[], byte[]> producer) {
        this.bootstrapServers = bootstrapServers;
        this.producer = producer;
    }

    /**
     * Checks that the broker answers (within {@code timeoutMs}), then opens the producer.
     *
     * @param overrides extra producer settings (security, compression, ...), applied last
     */
    public static KafkaCdcPublisher connect(String bootstrapServers, long timeoutMs, Map<String, Object> overrides) {
        checkReachable(bootstrapServers, timeoutMs);
        return new KafkaCdcPublisher(bootstrapServers, new KafkaProducer<>(producerConfig(bootstrapServers, overrides)));
    }

    public static KafkaCdcPublisher connect(String bootstrapServers) {
        return connect(bootstrapServers, 15_000, Map.of());
    }

    static Map<String, Object> producerConfig(String bootstrapServers, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5); // ordered with idempotence
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 131_072);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "demo-crm");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        config.putAll(overrides);
        return config;
    }

    private static void checkReachable(String bootstrapServers, long timeoutMs) {
        try (Admin admin = admin(bootstrapServers, timeoutMs)) {
            admin.describeCluster().clusterId().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new PublishException("cannot reach Kafka at " + bootstrapServers + ": no answer within "
                    + timeoutMs + " ms (is the broker running? try --bootstrap host:port)", e);
        } catch (ExecutionException e) {
            throw new PublishException("cannot reach Kafka at " + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while connecting to Kafka at " + bootstrapServers, e);
        }
    }

    private static Admin admin(String bootstrapServers, long timeoutMs) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "demo-crm-admin");
        return Admin.create(config);
    }

    /**
     * Creates the topics that do not exist yet, with the catalogue's partitions and configuration (replication
     * factor: the broker's default). Returns the names it created; existing topics are left alone.
     */
    public List<String> ensureTopics(List<Topic<?, ?>> topics) {
        List<String> created = new ArrayList<>();
        try (Admin admin = admin(bootstrapServers, 15_000)) {
            Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            for (Topic<?, ?> topic : topics) {
                if (existing.contains(topic.name())) {
                    continue;
                }
                try {
                    admin.createTopics(List.of(new NewTopic(topic.name(), Optional.of(topic.partitions()),
                            Optional.empty()).configs(topic.config()))).all().get(15, TimeUnit.SECONDS);
                    created.add(topic.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new PublishException("cannot create topic " + topic.name() + " on " + bootstrapServers
                                + ": " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new PublishException("cannot list topics on " + bootstrapServers + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while creating topics on " + bootstrapServers, e);
        }
        return created;
    }

    /** Fails fast, naming the topics, when any of them does not exist (instead of blocking in the producer). */
    public void requireTopics(List<String> names) {
        try (Admin admin = admin(bootstrapServers, 15_000)) {
            Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            List<String> missing = names.stream().filter(n -> !existing.contains(n)).toList();
            if (!missing.isEmpty()) {
                throw new PublishException("topic(s) " + missing + " do not exist on " + bootstrapServers, null);
            }
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new PublishException("cannot list topics on " + bootstrapServers + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while listing topics on " + bootstrapServers, e);
        }
    }

    /**
     * Sends every record in stream order and waits until all are acknowledged.
     *
     * @param progress called about once a second with the running report (may be a no-op)
     */
    public PublishReport publish(String label, Stream<CdcRecord> records, Consumer<PublishReport> progress) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicReference<String> failedTopic = new AtomicReference<>();
        long start = System.nanoTime();
        long lastProgress = System.currentTimeMillis();
        long count = 0;
        long tombstones = 0;
        long bytes = 0;
        Iterator<CdcRecord> iterator = records.iterator();
        try {
            while (iterator.hasNext()) {
                CdcRecord record = iterator.next();
                throwIfFailed(failure, failedTopic);
                producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value()), (metadata, error) -> {
                    if (error != null && failure.compareAndSet(null, error)) {
                        failedTopic.set(record.topic());
                    }
                });
                count++;
                bytes += record.sizeInBytes();
                if (record.tombstone()) {
                    tombstones++;
                }
                if ((count & 1023) == 0 && System.currentTimeMillis() - lastProgress >= PROGRESS_EVERY_MS) {
                    lastProgress = System.currentTimeMillis();
                    progress.accept(new PublishReport(label, count, tombstones, bytes, elapsedMs(start)));
                }
            }
            producer.flush();
        } catch (KafkaException e) {
            throw new PublishException("could not publish " + label + " to Kafka at " + bootstrapServers + ": "
                    + e.getMessage(), e);
        }
        throwIfFailed(failure, failedTopic);
        return new PublishReport(label, count, tombstones, bytes, elapsedMs(start));
    }

    private void throwIfFailed(AtomicReference<Exception> failure, AtomicReference<String> topic) {
        Exception error = failure.get();
        if (error != null) {
            throw new PublishException("could not publish to topic " + topic.get() + " on Kafka at "
                    + bootstrapServers + ": " + error.getMessage(), error);
        }
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
