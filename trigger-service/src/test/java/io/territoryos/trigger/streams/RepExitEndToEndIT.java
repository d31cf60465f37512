package io.territoryos.trigger.streams;

import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.avro.RebalanceCommand;
import io.territoryos.contracts.avro.RepStatus;
import io.territoryos.contracts.avro.TerritoryHealth;
import io.territoryos.testkit.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import static io.territoryos.trigger.streams.Inputs.T0;
import static io.territoryos.trigger.streams.Inputs.health;
import static io.territoryos.trigger.streams.Inputs.rep;
import static io.territoryos.trigger.streams.Inputs.repChange;
import static io.territoryos.trigger.streams.Inputs.repKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topology on a real broker with exactly-once processing and the production (Apicurio) serdes: a rep exit
 * delivered twice yields one committed REP_EXIT command; after a restart that rebuilds every store from its
 * changelog, the exit replayed yields none, an unreadable contract record is dead-lettered in a committed
 * transaction, and the next exit still yields its command.
 */
class RepExitEndToEndIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static EmbeddedKafka kafka;

    @TempDir
    static Path stateDir;

    @TempDir
    static Path restartedStateDir;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(Topics.ALL);
        // the inputs carry fixed timestamps from 2026-03: without this, time retention deletes the commands and
        // letters they cause (Kafka rolls and deletes even the active segment) before the test re-reads them
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            AlterConfigOp keepForever = new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "-1"), AlterConfigOp.OpType.SET);
            admin.incrementalAlterConfigs(Map.of(
                    new ConfigResource(ConfigResource.Type.TOPIC, Topics.REBALANCE_COMMANDS.name()), List.of(keepForever),
                    new ConfigResource(ConfigResource.Type.TOPIC, Topics.ACCOUNTS_SCORED_DLQ.name()), List.of(keepForever)))
                    .all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot keep the test's topics", e);
        }
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldCommitOneRepExitCommandPerExitAcrossRedeliveryAndARestartFromChangelogs() throws Exception {
        TriggerSerdes serdes = TriggerSerdes.registry(Map.of());
        Instant exit = T0.plusSeconds(3600);
        Instant secondExit = exit.plusSeconds(60);
        Instant laterExit = exit.plusSeconds(120);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new ByteArraySerializer(), new ByteArraySerializer())) {
            try (KafkaStreams streams = runningTrigger(serdes, stateDir)) {
                String healthTopic = Topics.TERRITORY_HEALTH.name();
                TerritoryHealth r1Health = health("R-1", "East", 42, 3_200_000, T0);
                producer.send(new ProducerRecord<>(healthTopic, null, T0.toEpochMilli(), bytes("R-1"),
                        serdes.territoryHealth().serializer().serialize(healthTopic, r1Health))).get();
                // one partition for the rep changes, so their order is the order sent
                sendRep(producer, "R-1", RepStatus.ACTIVE, T0);
                sendRep(producer, "R-2", RepStatus.ACTIVE, T0);
                sendRep(producer, "R-3", RepStatus.ACTIVE, T0);
                await("rep R-1's health and R-3 reached the hub",
                        () -> hubHas(streams, StoreNames.TERRITORIES, "R-1") && hubHas(streams, StoreNames.REPS, "R-3"));

                sendRep(producer, "R-1", RepStatus.EXITED, exit);
                sendRep(producer, "R-1", RepStatus.EXITED, exit); // a connector restart re-sends the change
                sendRep(producer, "R-2", RepStatus.EXITED, secondExit); // marks the end of the input

                List<RebalanceCommand> committed = readCommandsUntil(serdes, "REP_EXIT:R-2:" + secondExit.toEpochMilli());

                assertThat(committed).extracting(RebalanceCommand::getCommandId).containsExactly(
                        "REP_EXIT:R-1:" + exit.toEpochMilli(), "REP_EXIT:R-2:" + secondExit.toEpochMilli());
                RebalanceCommand first = committed.get(0);
                assertThat(first.getScope().getTeam()).isEqualTo("East");
                assertThat(first.getEvidence()).anySatisfy(e -> {
                    assertThat(e.getName()).isEqualTo("orphaned_potential");
                    assertThat(e.getValue()).isEqualTo(3_200_000);
                });
            }

            // a restart on an empty state directory: every store is rebuilt from its changelog
            try (KafkaStreams ignored = runningTrigger(serdes, restartedStateDir)) {
                sendRep(producer, "R-1", RepStatus.EXITED, exit); // the connector replays the exit once more
                byte[] unreadable = "not a scored account".getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(Topics.ACCOUNTS_SCORED.name(), 0, exit.toEpochMilli(), bytes("A-9"), unreadable)).get();
                sendRep(producer, "R-3", RepStatus.EXITED, laterExit);

                List<RebalanceCommand> committed = readCommandsUntil(serdes, "REP_EXIT:R-3:" + laterExit.toEpochMilli());

                assertThat(committed).extracting(RebalanceCommand::getCommandId).containsExactly(
                        "REP_EXIT:R-1:" + exit.toEpochMilli(), "REP_EXIT:R-2:" + secondExit.toEpochMilli(),
                        "REP_EXIT:R-3:" + laterExit.toEpochMilli());
                List<DeadLetter> letters = readCommitted(Topics.ACCOUNTS_SCORED_DLQ.name(), serdes.deadLetter().deserializer(),
                        seen -> !seen.isEmpty());
                assertThat(letters).singleElement().satisfies(letter -> {
                    assertThat(letter.getService()).isEqualTo("trigger-service");
                    assertThat(letter.getErrorType()).isEqualTo("PARSE");
                    assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(unreadable));
                });
            }
        }
    }

    /** The topology with exactly-once on the test broker, started and running, its state in {@code stateDir}. */
    private static KafkaStreams runningTrigger(TriggerSerdes serdes, Path stateDir) throws InterruptedException {
        Properties props = TriggerStreamsProperties.of(kafka.bootstrapServers(), "trigger-service-it", stateDir.toString(), 1);
        // a closed instance does not leave its group: the restarted one waits out its session, so keep that short
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6_000);
        KafkaStreams streams = new KafkaStreams(TriggerTopology.build(TriggerTopologyConfig.defaults(), serdes), props);
        streams.start();
        await("streams running", () -> streams.state() == KafkaStreams.State.RUNNING);
        return streams;
    }

    private static List<RebalanceCommand> readCommandsUntil(TriggerSerdes serdes, String lastId) {
        return readCommitted(Topics.REBALANCE_COMMANDS.name(), serdes.rebalanceCommand().deserializer(),
                seen -> seen.stream().anyMatch(c -> c.getCommandId().equals(lastId)));
    }

    /** Every committed value of a topic from its start, read until {@code enough} holds and then to the end. */
    private static <V> List<V> readCommitted(String topic, Deserializer<V> values, Predicate<List<V>> enough) {
        List<V> seen = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "rep-exit-it-" + UUID.randomUUID(), // each read starts from the beginning
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!enough.test(seen) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
            }
            drain(consumer, seen);
        }
        return seen;
    }

    /** Reads on until every assigned partition is read to its end: the last record awaited may not be the last one. */
    private static <V> void drain(KafkaConsumer<String, V> consumer, List<V> seen) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Map<org.apache.kafka.common.TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            if (!consumer.assignment().isEmpty() && ends.entrySet().stream()
                    .allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
                return;
            }
            consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
        }
    }

    private static void sendRep(KafkaProducer<byte[], byte[]> producer, String id, RepStatus status, Instant at)
            throws Exception {
        producer.send(new ProducerRecord<>(Topics.CRM_REPS.name(), 0, at.toEpochMilli(), repKey(id),
                repChange(rep(id, "East", status), "u", at))).get();
    }

    private static boolean hubHas(KafkaStreams streams, String store, String key) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, Object>keyValueStore()))
                    .get(key) != null;
        } catch (InvalidStateStoreException notYet) {
            return false;
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for: " + what);
            }
            Thread.sleep(100);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
