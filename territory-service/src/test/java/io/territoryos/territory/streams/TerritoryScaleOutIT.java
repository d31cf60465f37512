package io.territoryos.territory.streams;

import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.TeamBalance;
import io.territoryos.contracts.avro.TerritoryHealth;
import io.territoryos.territory.domain.Territories;
import io.territoryos.testkit.EmbeddedKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;

import static io.territoryos.territory.streams.TestRecords.repKey;
import static io.territoryos.territory.streams.TestRecords.repRow;
import static io.territoryos.territory.streams.TestRecords.scored;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the territory topology share the team-keyed partitions on a real broker with exactly-once
 * processing: they publish the same figures one instance would (every territory's potential is the sum of its
 * accounts', Σ territory potential = Σ account potential, team balances add up), and when one stops the other
 * takes over its tasks and keeps the figures right, a rep changing team included.
 */
class TerritoryScaleOutIT {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String[] REPS = {"R1", "R2", "R3", "R4", "R5", "R6"};
    private static final Map<String, String> TEAM_OF = new HashMap<>(Map.of(
            "R1", "EAST", "R2", "EAST", "R3", "WEST", "R4", "WEST", "R5", "NORTH", "R6", "NORTH"));

    private static EmbeddedKafka kafka;

    @TempDir
    static Path stateRoot;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(Topics.ALL);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void shouldShareTheTeamsBetweenTwoInstancesAndLetOneTakeOverWhenTheOtherStops() throws Exception {
        TerritorySerdes serdes = TerritorySerdes.registry(Map.of());
        TerritoryTopologyConfig config = TerritoryTopologyConfig.defaults().withAggregation(4, Duration.ofMillis(50));
        Map<String, Long> accountCents = new TreeMap<>();
        Map<String, String> accountOwner = new TreeMap<>();
        Random random = new Random(7);

        try (KafkaProducer<byte[], byte[]> repProducer = new KafkaProducer<>(producerProps(), new ByteArraySerializer(), new ByteArraySerializer());
             KafkaProducer<String, ScoredAccount> accountProducer = new KafkaProducer<>(producerProps(), new StringSerializer(),
                     serdes.scoredAccount().serializer());
             KafkaConsumer<String, TerritoryHealth> health = consumer("scale-health", serdes.territoryHealth().deserializer());
             KafkaConsumer<String, TeamBalance> balance = consumer("scale-balance", serdes.teamBalance().deserializer())) {
            health.subscribe(java.util.List.of(config.healthTopic()));
            balance.subscribe(java.util.List.of(config.teamBalanceTopic()));
            KafkaStreams first = startStreams(config, serdes, "a");
            KafkaStreams second = startStreams(config, serdes, "b");

            for (String rep : REPS) {
                repProducer.send(new ProducerRecord<>(Topics.CRM_REPS.name(), repKey(rep), repRow(rep, TEAM_OF.get(rep), 100_000, 1_000L)));
            }
            repProducer.flush();
            // accounts at once, moves inside and across teams, some to the pool, some deleted
            for (int i = 0; i < 600; i++) {
                change(accountProducer, random, accountCents, accountOwner, "A" + random.nextInt(150), 2_000L + i);
            }
            accountProducer.flush();

            Map<String, TerritoryHealth> latest = new HashMap<>();
            Map<String, TeamBalance> balances = new HashMap<>();
            readUntilSettled(health, balance, latest, balances, accountCents, accountOwner);
            assertThat(activeTasks(first)).as("first instance works").isPositive();
            assertThat(activeTasks(second)).as("second instance works").isPositive();

            // one instance stops: the other takes over its tasks and its state from the changelogs
            first.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(30)));
            TEAM_OF.put("R3", "EAST");
            repProducer.send(new ProducerRecord<>(Topics.CRM_REPS.name(), repKey("R3"), repRow("R3", "EAST", 100_000, 5_000L))).get();
            for (int i = 0; i < 300; i++) {
                change(accountProducer, random, accountCents, accountOwner, "A" + random.nextInt(150), 6_000L + i);
            }
            accountProducer.flush();
            readUntilSettled(health, balance, latest, balances, accountCents, accountOwner);
            assertThat(latest.get("R3").getTeam()).isEqualTo("EAST");
            assertThat(balances.get("WEST").getRepCount()).isEqualTo(1);
            assertThat(activeTasks(second)).as("the survivor runs every task").isGreaterThan(4);
            second.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(30)));
        }
    }

    private static void change(KafkaProducer<String, ScoredAccount> producer, Random random, Map<String, Long> cents,
                               Map<String, String> owners, String accountId, long eventTime) {
        if (random.nextInt(10) == 0) {
            producer.send(new ProducerRecord<>(Topics.ACCOUNTS_SCORED.name(), accountId, null));
            cents.remove(accountId);
            owners.remove(accountId);
            return;
        }
        String owner = random.nextInt(8) == 0 ? null : REPS[random.nextInt(REPS.length)];
        long potential = 100 * (1 + random.nextInt(1_000_000)); // whole dollars, so sums compare exactly in cents
        producer.send(new ProducerRecord<>(Topics.ACCOUNTS_SCORED.name(), accountId, scored(accountId, owner, potential / 100.0, eventTime)));
        cents.put(accountId, potential);
        owners.put(accountId, Territories.territoryOf(owner));
    }

    /** Reads until every territory and team shows exactly what its accounts add up to. */
    private static void readUntilSettled(KafkaConsumer<String, TerritoryHealth> health, KafkaConsumer<String, TeamBalance> balance,
                                         Map<String, TerritoryHealth> latest, Map<String, TeamBalance> balances,
                                         Map<String, Long> accountCents, Map<String, String> accountOwner) {
        Map<String, Long> expected = new TreeMap<>();
        accountCents.forEach((account, cents) -> expected.merge(accountOwner.get(account), cents, Long::sum));
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            for (ConsumerRecord<String, TerritoryHealth> record : health.poll(Duration.ofMillis(200))) {
                latest.put(record.key(), record.value());
            }
            balance.poll(Duration.ofMillis(50)).forEach(r -> balances.put(r.key(), r.value()));
            Map<String, Long> published = new TreeMap<>();
            latest.forEach((rep, h) -> {
                if (h != null && h.getAccountCount() > 0) {
                    published.put(rep, Math.round(h.getPotentialTotal() * 100));
                }
            });
            boolean teamsAddUp = TEAM_OF.values().stream().distinct().allMatch(team -> {
                TeamBalance b = balances.get(team);
                long want = TEAM_OF.entrySet().stream().filter(e -> e.getValue().equals(team))
                        .mapToLong(e -> expected.getOrDefault(e.getKey(), 0L)).sum();
                return b != null && Math.round(b.getPotentialTotal() * 100) == want;
            });
            TeamBalance org = balances.get(Territories.ORG);
            long assigned = expected.entrySet().stream().filter(e -> !e.getKey().equals(Territories.UNASSIGNED))
                    .mapToLong(Map.Entry::getValue).sum();
            if (published.equals(withoutZeros(expected)) && teamsAddUp && org != null && Math.round(org.getPotentialTotal() * 100) == assigned) {
                break;
            }
            assertThat(System.nanoTime()).as("figures settled in time; published %s, expected %s", published, expected)
                    .isLessThan(deadline);
        }
        long territories = latest.values().stream().filter(h -> h != null).mapToLong(h -> Math.round(h.getPotentialTotal() * 100)).sum();
        assertThat(territories).as("Σ territory potential = Σ account potential")
                .isEqualTo(accountCents.values().stream().mapToLong(Long::longValue).sum());
    }

    private static Map<String, Long> withoutZeros(Map<String, Long> expected) {
        Map<String, Long> copy = new TreeMap<>(expected);
        copy.values().removeIf(v -> v == 0L);
        return copy;
    }

    private static int activeTasks(KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream().mapToInt((ThreadMetadata t) -> t.activeTasks().size()).sum();
    }

    private KafkaStreams startStreams(TerritoryTopologyConfig config, TerritorySerdes serdes, String instance) throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "territory-scale-it");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(stateRoot.resolve(instance)).toString());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
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

    private static <V> KafkaConsumer<String, V> consumer(String group, Deserializer<V> values) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new StringDeserializer(), values);
    }
}
