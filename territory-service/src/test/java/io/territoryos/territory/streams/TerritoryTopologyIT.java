package io.territoryos.territory.streams;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.TeamBalance;
import io.territoryos.contracts.avro.TerritoryHealth;
import io.territoryos.territory.domain.Territories;
import io.territoryos.territory.messaging.HistoryRecorder;
import io.territoryos.territory.persistence.TerritoryHistoryRepository;
import io.territoryos.testkit.EmbeddedKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

import static io.territoryos.territory.streams.TestRecords.repKey;
import static io.territoryos.territory.streams.TestRecords.repRow;
import static io.territoryos.territory.streams.TestRecords.scored;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topology on a real broker with exactly-once processing and the registry-framed serdes: an owner change
 * comes out as both territories' health in one committed update, the sums survive a restart that rebuilds the
 * state from the changelogs, and the history recorder copies what was committed into MongoDB.
 */
class TerritoryTopologyIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static EmbeddedKafka kafka;
    private static MongoServer mongo;
    private static MongoClient mongoClient;

    @TempDir
    static Path stateRoot;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(Topics.ALL);
        mongo = new MongoServer(new MemoryBackend());
        mongoClient = MongoClients.create(mongo.bindAndGetConnectionString());
    }

    @AfterAll
    static void stop() {
        mongoClient.close();
        mongo.shutdownNow();
        kafka.close();
    }

    @Test
    void shouldPublishBothSidesOfAMoveInOneCommittedUpdateAndSurviveARestart() throws Exception {
        TerritorySerdes serdes = TerritorySerdes.registry(Map.of());
        TerritoryTopologyConfig config = TerritoryTopologyConfig.defaults();

        try (KafkaProducer<byte[], byte[]> repProducer = new KafkaProducer<>(producerProps(), new ByteArraySerializer(), new ByteArraySerializer());
             KafkaProducer<String, ScoredAccount> accountProducer = new KafkaProducer<>(producerProps(), new StringSerializer(),
                     serdes.scoredAccount().serializer());
             KafkaConsumer<String, TerritoryHealth> health = consumer("it-health", serdes.territoryHealth().deserializer());
             KafkaConsumer<String, TeamBalance> balance = consumer("it-balance", serdes.teamBalance().deserializer())) {
            health.subscribe(List.of(config.healthTopic()));
            balance.subscribe(List.of(config.teamBalanceTopic()));

            KafkaStreams streams = startStreams(config, serdes, "first");
            repProducer.send(new ProducerRecord<>(Topics.CRM_REPS.name(), repKey("R1"), repRow("R1", "EAST", 100_000, 1_000L)));
            repProducer.send(new ProducerRecord<>(Topics.CRM_REPS.name(), repKey("R2"), repRow("R2", "EAST", 100_000, 1_000L)));
            repProducer.flush();
            accountProducer.send(new ProducerRecord<>(Topics.ACCOUNTS_SCORED.name(), "A1", scored("A1", "R1", 400_000, 2_000L)));
            accountProducer.send(new ProducerRecord<>(Topics.ACCOUNTS_SCORED.name(), "A2", scored("A2", "R1", 100_000.55, 2_000L)));
            accountProducer.send(new ProducerRecord<>(Topics.ACCOUNTS_SCORED.name(), "A3", scored("A3", "R2", 50_000, 2_000L)));
            accountProducer.flush();
            Map<String, TerritoryHealth> latest = new HashMap<>();
            readUntil(health, latest, l -> potential(l, "R1") == 500_000.55 && potential(l, "R2") == 50_000.0);

            java.time.Instant r1Before = latest.get("R1").getSourceEventTime();
            java.time.Instant r2Before = latest.get("R2").getSourceEventTime();
            accountProducer.send(new ProducerRecord<>(Topics.ACCOUNTS_SCORED.name(), "A1", scored("A1", "R2", 400_000, 3_000L))).get();
            // both sides are committed together but sit on different partitions, which one poll need not both return:
            // wait for both (a lost side times out below)
            List<ConsumerRecord<String, TerritoryHealth>> move = readUntil(health, latest,
                    l -> potential(l, "R2") == 450_000.0 && potential(l, "R1") == 100_000.55);
            ConsumerRecord<String, TerritoryHealth> r1 = lastOf(move, "R1");
            ConsumerRecord<String, TerritoryHealth> r2 = lastOf(move, "R2");
            assertThat(r1.value().getPotentialTotal()).isEqualTo(100_000.55);
            // the same input record produced both, in one transaction. Each side carries at least the move's time and
            // never less than it published before (event times only rise), not necessarily the same time: a side may
            // already carry a later time from another input of a window in between
            assertThat(r1.value().getSourceEventTime()).isAfterOrEqualTo(latestOf(r1Before, java.time.Instant.ofEpochMilli(3_000L)));
            assertThat(r2.value().getSourceEventTime()).isAfterOrEqualTo(latestOf(r2Before, java.time.Instant.ofEpochMilli(3_000L)));
            assertThat(sumOfPotential(latest)).isEqualTo(550_000.55);

            // restart on an empty state directory: the aggregation must rebuild its sums from the changelogs
            streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(30)));
            streams = startStreams(config, serdes, "second");
            accountProducer.send(new ProducerRecord<>(Topics.ACCOUNTS_SCORED.name(), "A2", scored("A2", null, 100_000.55, 4_000L))).get();
            // R1 can only drop to zero if the restarted instance restored A2's previous owner from the changelog
            readUntil(health, latest, l -> potential(l, Territories.UNASSIGNED) == 100_000.55 && potential(l, "R1") == 0.0);
            assertThat(potential(latest, "R1")).isZero();
            assertThat(potential(latest, "R2")).isEqualTo(450_000.0);
            assertThat(sumOfPotential(latest)).isEqualTo(550_000.55);

            Map<String, TeamBalance> balances = new HashMap<>();
            readBalancesUntil(balance, balances, b -> b.containsKey(Territories.ORG) && b.get(Territories.ORG).getPotentialTotal() == 450_000.0);
            assertThat(balances.get("EAST").getRepCount()).isEqualTo(2);

            TerritoryHistoryRepository repository = new TerritoryHistoryRepository(mongoClient.getDatabase("territory_os"));
            HistoryRecorder recorder = new HistoryRecorder(kafka.bootstrapServers(), "it-history", config.healthTopic(),
                    config.teamBalanceTopic(), serdes.territoryHealth().deserializer(), serdes.teamBalance().deserializer(), repository);
            Thread thread = new Thread(recorder, "it-history");
            thread.start();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (repository.currentHealthOf(Territories.UNASSIGNED).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            recorder.stop();
            thread.join();
            assertThat(repository.currentHealthOf("R2")).get().satisfies(d -> assertThat(d.getDouble("potential_total")).isEqualTo(450_000.0));
            assertThat(repository.healthHistory("R1", null, null)).extracting(d -> d.getDouble("potential_total"))
                    .contains(500_000.55, 100_000.55, 0.0);
            streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(30)));
        }
    }

    private KafkaStreams startStreams(TerritoryTopologyConfig config, TerritorySerdes serdes, String run) throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "territory-service-it");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(stateRoot.resolve(run)).toString());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // static membership: the restarted instance takes over its predecessor's place instead of waiting out its session
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), "territory-it-1");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6_000);
        KafkaStreams streams = new KafkaStreams(TerritoryTopology.build(config, serdes), props);
        streams.start();
        return streams;
    }

    private static Map<String, Object> producerProps() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    private static <V> KafkaConsumer<String, V> consumer(String group, org.apache.kafka.common.serialization.Deserializer<V> values) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new StringDeserializer(), values);
    }

    private static List<ConsumerRecord<String, TerritoryHealth>> readUntil(KafkaConsumer<String, TerritoryHealth> consumer,
            Map<String, TerritoryHealth> latest, Predicate<Map<String, TerritoryHealth>> done) {
        List<ConsumerRecord<String, TerritoryHealth>> seen = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!done.test(latest)) {
            assertThat(System.nanoTime()).as("territory.health reached the expected state in time").isLessThan(deadline);
            for (ConsumerRecord<String, TerritoryHealth> record : consumer.poll(Duration.ofMillis(200))) {
                seen.add(record);
                latest.put(record.key(), record.value());
            }
        }
        return seen;
    }

    private static void readBalancesUntil(KafkaConsumer<String, TeamBalance> consumer, Map<String, TeamBalance> latest,
                                          Predicate<Map<String, TeamBalance>> done) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!done.test(latest)) {
            assertThat(System.nanoTime()).as("team.balance reached the expected state in time").isLessThan(deadline);
            consumer.poll(Duration.ofMillis(200)).forEach(r -> latest.put(r.key(), r.value()));
        }
    }

    private static ConsumerRecord<String, TerritoryHealth> lastOf(List<ConsumerRecord<String, TerritoryHealth>> records, String repId) {
        return records.stream().filter(r -> r.key().equals(repId)).reduce((a, b) -> b).orElseThrow();
    }

    private static double potential(Map<String, TerritoryHealth> latest, String repId) {
        TerritoryHealth health = latest.get(repId);
        return health == null ? -1 : health.getPotentialTotal();
    }

    private static double sumOfPotential(Map<String, TerritoryHealth> latest) {
        return latest.values().stream().mapToLong(h -> Math.round(h.getPotentialTotal() * 100)).sum() / 100.0;
    }

    private static java.time.Instant latestOf(java.time.Instant a, java.time.Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
