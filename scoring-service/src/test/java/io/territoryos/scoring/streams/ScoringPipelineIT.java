package io.territoryos.scoring.streams;

import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.ScoringWeights;
import io.territoryos.scoring.CrmEvents;
import io.territoryos.scoring.CrmEvents.Decimals;
import io.territoryos.scoring.WeightsVersions;
import io.territoryos.testkit.EmbeddedKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import io.territoryos.scoring.streams.ScoringTopologyConfig.AsDelivered;
import io.territoryos.scoring.streams.ScoringTopologyConfig.ByAccountId;
import io.territoryos.scoring.streams.ScoringTopologyConfig.Placement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.territoryos.scoring.CrmEvents.account;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scoring topology on a real broker with exactly_once_v2: 4 input partitions, dead letters, two weights versions
 * copied to every task, and a restart that must restore every store from its changelog (the local state directory
 * is wiped). Once per placement, each on its own broker: placed as delivered, an account's changes keep their key
 * bytes, as Debezium's do; placed by account id, the key bytes change with the converter setting mid-stream.
 */
class ScoringPipelineIT {

    private static final int ACCOUNTS = 120;
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static EmbeddedKafka kafka;
    private static final ScoringSerdes SERDES = ScoringSerdes.registry(Map.of());

    @TempDir
    Path stateDir;

    static Stream<Placement> placements() {
        return Stream.of(new AsDelivered(Topics.CRM_ACCOUNTS.partitions()), new ByAccountId());
    }

    @AfterEach
    void stopBroker() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    private KafkaStreams start(Placement placement, RecordingMetrics metrics) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "scoring-service-it");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // Streams keeps its members in the group after close; the restart waits for them to expire
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6_000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1_000);
        KafkaStreams streams = new KafkaStreams(
                ScoringTopology.build(ScoringTopologyConfig.defaults().withPlacement(placement), SERDES, metrics,
                        Clock.systemUTC()), props);
        streams.start();
        return streams;
    }

    @ParameterizedTest
    @MethodSource("placements")
    void shouldScoreRescoreAndRestoreExactlyOnceAcrossPartitionsAndARestart(Placement placement) throws Exception {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(Topics.ALL);
        // placed by account id, the key bytes may change for one account: later events use the other key form
        boolean otherKeys = placement instanceof ByAccountId;
        RecordingMetrics metrics = new RecordingMetrics();
        KafkaStreams streams = start(placement, metrics);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            // every account twice: created, then re-snapshotted in the wrapped envelope with precise decimals (and,
            // by account id, under the other key converter: other bytes, another partition); the second is a no-op
            for (int i = 1; i <= ACCOUNTS; i++) {
                CrmEvents created = account(id(i)).set("icp_fit", i % 101).op("c");
                send(producer, created.key(), created.value());
                CrmEvents resnapshot = account(id(i)).set("icp_fit", i % 101).op("r")
                        .wrapped(true).wrappedKey(otherKeys).decimals(Decimals.PRECISE);
                send(producer, resnapshot.key(), resnapshot.value());
            }
            send(producer, account("BAD-1").key(), CrmEvents.utf8("{oops"));
            send(producer, account("BAD-2").key(), account("BAD-2").set("renewal_risk", 1.7).value());
            send(producer, null, account("BAD-3").without("account_id").value());
            producer.flush();
            waitUntil(() -> metrics.scored.get() + metrics.unchanged.get() == 2L * ACCOUNTS);
            assertThat(metrics.scored.get()).as("re-snapshot is the same account").isEqualTo(ACCOUNTS);

            // Debezium writes a delete and its tombstone together, under the converter setting of the moment
            send(producer, account(id(1)).wrappedKey(otherKeys).key(), account(id(1)).op("d").value());
            send(producer, account(id(1)).wrappedKey(otherKeys).key(), CrmEvents.tombstone());
            producer.flush();
            waitUntil(() -> metrics.removed.get() + metrics.unchanged.get() == ACCOUNTS + 2L);
            assertThat(metrics.removed.get()).isEqualTo(1);

            publish(producer, WeightsVersions.fitOnly(1));
            publish(producer, WeightsVersions.fitOnly(1)); // the same version again: a replay, changes nothing
            publish(producer, WeightsVersions.version(1).build()); // version 1 with other weights: dead letter, v1 stays
            waitForScores(v -> v == 1, ACCOUNTS - 1);

            stop(streams);
            wipe(stateDir); // nothing local survives: the stores must come back from their changelogs
            RecordingMetrics afterRestart = new RecordingMetrics();
            streams = start(placement, afterRestart);

            CrmEvents changed = account(id(5)).set("icp_fit", 77).op("u");
            send(producer, changed.key(), changed.value());
            CrmEvents redelivered = account(id(6)).set("icp_fit", 6).op("c").wrappedKey(otherKeys);
            send(producer, redelivered.key(), redelivered.value());
            producer.flush();
            waitUntil(() -> afterRestart.scored.get() + afterRestart.unchanged.get() == 2);
            assertThat(afterRestart.unchanged.get()).as("account store restored: re-delivery is a no-op").isEqualTo(1);

            publish(producer, WeightsVersions.version(2).build());
            waitForScores(v -> v == 2, ACCOUNTS - 1);
            ScoringQueries queries = new ScoringQueries(streams);
            waitUntil(() -> queries.weights().rescoreComplete() && queries.weights().inForce().version() == 2);
            assertThat(queries.weights().tasks()).isEqualTo(Topics.CRM_ACCOUNTS.partitions());
            assertThat(queries.accountScore(id(5))).hasValueSatisfying(s -> {
                assertThat(s.weightsVersion()).isEqualTo(2);
                assertThat(s.inputs().icpFit()).isEqualTo(77.0);
            });
            assertThat(queries.accountScore(id(1))).as("deleted").isEmpty();
        } finally {
            stop(streams);
        }

        // with every transaction finished, read all that was ever committed
        List<ConsumerRecord<String, ScoredAccount>> all = readAll(Topics.ACCOUNTS_SCORED.name(), SERDES.scored());
        Map<String, List<ScoredAccount>> byAccount = all.stream().filter(r -> r.value() != null)
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.mapping(ConsumerRecord::value, Collectors.toList())));
        assertThat(byAccount).hasSize(ACCOUNTS);
        assertThat(byAccount.get(id(1))).extracting(ScoredAccount::getWeightsVersion).containsExactly(0);
        assertThat(all.stream().filter(r -> r.value() == null).map(ConsumerRecord::key)).containsExactly(id(1));
        for (int i = 2; i <= ACCOUNTS; i++) {
            List<Integer> versions = byAccount.get(id(i)).stream().map(ScoredAccount::getWeightsVersion).toList();
            // exactly once: one output per account and version; account 5 changed once more under version 1
            assertThat(versions).as(id(i)).containsExactlyElementsOf(i == 5 ? List.of(0, 1, 1, 2) : List.of(0, 1, 2));
        }
        assertThat(byAccount.get(id(5)).get(2).getScore()).as("scored with restored weights v1").isEqualTo(77.0);
        assertThat(byAccount.values().stream().flatMap(List::stream).map(ScoredAccount::getEventId).distinct().count())
                .isEqualTo(byAccount.values().stream().mapToLong(List::size).sum());

        List<ConsumerRecord<String, DeadLetter>> accountLetters = readAll(Topics.CRM_ACCOUNTS_DLQ.name(), SERDES.deadLetters());
        assertThat(accountLetters).extracting(r -> r.value().getErrorType().toString())
                .containsExactlyInAnyOrder("PARSE", "RANGE", "MISSING_KEY");
        List<ConsumerRecord<String, DeadLetter>> weightLetters = readAll(Topics.SCORING_WEIGHTS_DLQ.name(), SERDES.deadLetters());
        assertThat(weightLetters).singleElement().satisfies(r -> assertThat(r.value().getReason()).contains("not newer"));
    }

    private static void stop(KafkaStreams streams) {
        streams.close(Duration.ofSeconds(30));
    }

    private static String id(int i) {
        return String.format("A-%04d", i);
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, byte[] key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.CRM_ACCOUNTS.name(), key, value)).get();
    }

    private static void publish(KafkaProducer<byte[], byte[]> producer, ScoringWeights weights) throws Exception {
        byte[] value = SERDES.weights().serializer().serialize(Topics.SCORING_WEIGHTS.name(), weights);
        producer.send(new ProducerRecord<>(Topics.SCORING_WEIGHTS.name(), CrmEvents.utf8(weights.getFormulaVersion()), value)).get();
    }

    private void waitForScores(Predicate<Integer> version, int expected) throws InterruptedException {
        waitUntil(() -> readAll(Topics.ACCOUNTS_SCORED.name(), SERDES.scored()).stream()
                .filter(r -> r.value() != null && version.test(r.value().getWeightsVersion())).count() >= expected);
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

    /** Everything committed to the topic so far (read_committed stops at the last stable offset). */
    private static <V> List<ConsumerRecord<String, V>> readAll(String topic,
                                                              org.apache.kafka.common.serialization.Serde<V> serde) {
        List<ConsumerRecord<String, V>> records = new ArrayList<>(
                kafka.readCommitted(topic, new StringDeserializer(), serde.deserializer(), Map.of()));
        records.sort(Comparator.comparingLong(ConsumerRecord::timestamp));
        return records;
    }

    private static void wipe(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
        }
    }
}
