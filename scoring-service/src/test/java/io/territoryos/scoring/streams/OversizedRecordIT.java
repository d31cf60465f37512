package io.territoryos.scoring.streams;

import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.streams.DeadLetterProductionExceptionHandler;
import io.territoryos.contracts.streams.DeadLetterRefusalPolicy;
import io.territoryos.scoring.CrmEvents;
import io.territoryos.testkit.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static io.territoryos.scoring.CrmEvents.account;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record at the broker's limit on a real broker with exactly_once_v2: the dead letter of a value the broker took
 * (1,048,400 bytes, which used to become a 1,048,971-byte letter and stop scoring for good) is cut to fit, and the
 * valid records behind it are scored. A dead-letter topic that takes less than the letter: the refusal aborts the
 * transaction, the letter bound is lowered and the stream thread replaced (as in the services), and the records
 * behind it are scored once each.
 */
class OversizedRecordIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ScoringSerdes SERDES = ScoringSerdes.registry(Map.of());

    private EmbeddedKafka kafka;
    private KafkaStreams streams;

    @TempDir
    Path stateDir;

    @BeforeEach
    void start() {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(Topics.ALL);
    }

    @AfterEach
    void stop() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
        }
        kafka.close();
    }

    @Test
    void shouldDeadLetterARecordAtTheBrokersLimitCutToFitAndScoreTheRecordsBehindIt() throws Exception {
        streams = startStreams();
        byte[] oversized = new byte[1_048_400];
        Arrays.fill(oversized, (byte) '{');
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            send(producer, account("A-1").key(), account("A-1").value());
            send(producer, account("BIG").key(), oversized);
            send(producer, account("A-2").key(), account("A-2").value());
        }

        waitUntil(() -> scoredIds().contains("A-2"));

        List<ConsumerRecord<String, DeadLetter>> letters = readAll(Topics.CRM_ACCOUNTS_DLQ.name(), SERDES.deadLetters());
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.key()).isEqualTo("BIG");
            assertThat(letter.value().getTruncated()).isTrue();
            assertThat(letter.value().getOriginalValueSize()).isEqualTo(1_048_400);
            assertThat(letter.value().getOriginalValueSha256()).hasSize(64);
        });
        assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }

    @Test
    void shouldGoOnWhenTheDeadLetterTopicTakesLessThanALetterCuttingLaterLettersToFit() throws Exception {
        try (Admin admin = kafka.admin()) {
            ConfigResource dlq = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CRM_ACCOUNTS_DLQ.name());
            admin.incrementalAlterConfigs(Map.of(dlq, List.of(new AlterConfigOp(
                    new ConfigEntry("max.message.bytes", "100000"), AlterConfigOp.OpType.SET)))).all().get();
        }
        streams = startStreams();
        byte[] malformed = new byte[400_000];
        Arrays.fill(malformed, (byte) '{');
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            send(producer, account("A-1").key(), account("A-1").value());
            send(producer, account("BIG").key(), malformed);
            for (int i = 0; i < 50; i++) {
                send(producer, account("B-" + i).key(), account("B-" + i).value());
            }
        }

        waitUntil(() -> scoredIds().containsAll(IntStream.range(0, 50).mapToObj(i -> "B-" + i).toList()));

        List<ConsumerRecord<String, DeadLetter>> letters = readAll(Topics.CRM_ACCOUNTS_DLQ.name(), SERDES.deadLetters());
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.key()).isEqualTo("BIG");
            assertThat(letter.value().getTruncated()).isTrue();
            assertThat(letter.value().getOriginalValueSize()).isEqualTo(400_000);
            assertThat(letter.value().getOriginalValue().remaining()).isLessThan(100_000);
        });
        assertThat(scoredIds()).doesNotHaveDuplicates();
        assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }

    private KafkaStreams startStreams() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "scoring-oversized-it");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // as in application.properties
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 8_000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1_000);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionExceptionHandler.class.getName());
        KafkaStreams started = new KafkaStreams(ScoringTopology.build(ScoringTopologyConfig.defaults(), SERDES,
                ScoringMetrics.NONE, Clock.systemUTC()), props);
        started.setUncaughtExceptionHandler(new DeadLetterRefusalPolicy());
        started.start();
        return started;
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, byte[] key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.CRM_ACCOUNTS.name(), 0, key, value)).get();
    }

    private List<String> scoredIds() {
        return readAll(Topics.ACCOUNTS_SCORED.name(), SERDES.scored()).stream()
                .filter(r -> r.value() != null).map(r -> r.value().getAccountId()).toList();
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + PATIENCE);
            }
            Thread.sleep(200);
        }
    }

    private <V> List<ConsumerRecord<String, V>> readAll(String topic, Serde<V> serde) {
        return kafka.readCommitted(topic, new StringDeserializer(), serde.deserializer(),
                Map.of(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 2_000_000));
    }
}
