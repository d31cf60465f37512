package io.territoryos.scoring.streams;

import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.ScoringWeights;
import io.territoryos.scoring.CrmEvents;
import io.territoryos.scoring.WeightsVersions;
import io.territoryos.scoring.domain.AccountInputs;
import io.territoryos.scoring.domain.AccountStatus;
import io.territoryos.scoring.domain.PotentialFormula;
import io.territoryos.scoring.domain.Score;
import io.territoryos.scoring.domain.Segment;
import io.territoryos.scoring.domain.Tier;
import io.territoryos.scoring.domain.Weights;
import io.territoryos.scoring.mapping.ScoringMapping;
import io.territoryos.testkit.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.territoryos.scoring.CrmEvents.account;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the scoring topology share the four account partitions on a real broker with exactly-once
 * processing: every account's scores, read committed, are exactly the outputs one instance would publish (one per
 * change of its inputs, none for a re-delivery or an unscored column, a tombstone per delete, one re-score per live
 * account when a weights version arrives), each equal to potential-v1 on the inputs last sent. Then one instance
 * stops while the feed goes on: the other takes over its tasks and their stores from the changelogs, and the
 * outputs stay exactly those, nothing lost and nothing published twice.
 */
class ScoringScaleOutIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String APPLICATION_ID = "scoring-scale-it";
    private static final int ACCOUNTS = 60;
    private static final int EVENTS_PER_HALF = 200;
    private static final ScoringSerdes SERDES = ScoringSerdes.registry(Map.of());
    private static final String[] REPS = {"R-1", "R-2", "R-3", "R-4"};

    private static EmbeddedKafka kafka;
    private static Admin admin;

    @TempDir
    static Path stateRoot;

    /** The CRM columns the feed varies; the others keep {@link CrmEvents#account}'s values. */
    private record Row(Segment segment, AccountStatus status, String owner, double currentArr, double whitespaceArr,
                       double buyingCapacity, double renewalRisk, double icpFit, double propensity, String country) {

        CrmEvents event(String id) {
            return account(id).set("segment", segment.name()).set("status", status.name()).set("owner_rep_id", owner)
                    .set("current_arr", currentArr).set("whitespace_arr", whitespaceArr)
                    .set("buying_capacity", buyingCapacity).set("renewal_risk", renewalRisk).set("icp_fit", icpFit)
                    .set("propensity", propensity).set("country", country);
        }

        /** What scoring should read from {@link #event}: CrmEvents' fixed columns plus these. */
        AccountInputs inputs(String id) {
            return new AccountInputs(id, "Account " + id, owner, segment, "NA-EAST", "Software", status, false,
                    currentArr, whitespaceArr, buyingCapacity, renewalRisk, icpFit, propensity,
                    1_699_000_000_000L, LocalDate.ofEpochDay(20_000));
        }
    }

    /** One published record as the test can predict it: the inputs scored and the weights version, or a tombstone. */
    private record Output(AccountInputs inputs, int weightsVersion, Score score) {

        static final Output TOMBSTONE = new Output(null, -1, null);

        static Output of(ScoredAccount r) {
            if (r == null) {
                return TOMBSTONE;
            }
            AccountInputs inputs = new AccountInputs(r.getAccountId(), r.getName(), r.getOwnerRepId(),
                    Segment.valueOf(r.getSegment().name()), r.getRegion(), r.getIndustry(),
                    AccountStatus.valueOf(r.getStatus().name()), r.getLocked(), r.getCurrentArr(), r.getWhitespaceArr(),
                    r.getBuyingCapacity(), r.getRenewalRisk(), r.getIcpFit(), r.getPropensity(),
                    r.getLastActivityAt() == null ? null : r.getLastActivityAt().toEpochMilli(), r.getRenewalDate());
            return new Output(inputs, r.getWeightsVersion(), new Score(r.getRetainedArr(), r.getRealizableWhitespace(),
                    r.getFitMultiplier(), r.getPotential(), r.getScore(), Tier.valueOf(r.getTier().name()), r.getCriticalRisk()));
        }
    }

    /** What one instance would publish for the feed so far, per account in order. */
    private static final class Expected {
        final Map<Integer, Weights> versions = new HashMap<>(Map.of(Weights.DEFAULT_VERSION, Weights.defaults()));
        final Map<String, Row> live = new TreeMap<>();
        final Map<String, List<Output>> outputs = new TreeMap<>();
        final Map<String, Integer> kinds = new TreeMap<>();
        int inForce = Weights.DEFAULT_VERSION;

        void sent(String kind) {
            kinds.merge(kind, 1, Integer::sum);
        }

        void scored(String id, Row row) {
            AccountInputs inputs = row.inputs(id);
            // the domain's formula, not a copy of it
            outputs.computeIfAbsent(id, k -> new ArrayList<>())
                    .add(new Output(inputs, inForce, PotentialFormula.score(inputs, versions.get(inForce))));
        }

        void removed(String id) {
            outputs.computeIfAbsent(id, k -> new ArrayList<>()).add(Output.TOMBSTONE);
        }

        /** A new version re-scores every live account once. */
        void weights(ScoringWeights avro) {
            Weights weights = ScoringMapping.weights(avro);
            versions.put(weights.version(), weights);
            inForce = weights.version();
            live.forEach(this::scored);
        }

        long count() {
            return outputs.values().stream().mapToLong(List::size).sum();
        }
    }

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(Topics.ALL);
        admin = kafka.admin();
    }

    @AfterAll
    static void stop() {
        admin.close();
        kafka.close();
    }

    @Test
    void shouldScoreExactlyOnceAcrossTwoInstancesAndLetOneTakeOverWhenTheOtherStops() throws Exception {
        assertThat(Topics.CRM_ACCOUNTS.partitions()).isEqualTo(4);
        Expected expected = new Expected();
        Random random = new Random(11);
        KafkaStreams first = startStreams("a");
        KafkaStreams second = startStreams("b");
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            // (a follow-up rebalance may still move a task: wait for a settled split rather than assert the first one)
            waitUntil("both instances run scoring tasks, together on every partition", () -> running(first) && running(second)
                    && !accountPartitions(first).isEmpty() && !accountPartitions(second).isEmpty()
                    && accountPartitions(first).size() + accountPartitions(second).size() == Topics.CRM_ACCOUNTS.partitions());
            Set<String> tasksOfFirst = taskIds(first);
            Set<String> tasksOfSecond = taskIds(second);
            assertThat(tasksOfFirst).as("the instances share the tasks").isNotEmpty().doesNotContainAnyElementsOf(tasksOfSecond);

            // the first half of the feed, under the built-in weights, both instances working
            for (int i = 0; i < EVENTS_PER_HALF; i++) {
                change(producer, random, expected, 1_700_000_000_000L + i);
            }
            producer.flush();
            settle(expected);
            assertScores(expected);

            // a weights version: every task of both instances re-scores its live accounts once
            ScoringWeights v1 = WeightsVersions.version(1).setFitWeight(0.5).setExpansionWeight(0.2).setRetentionWeight(0.1)
                    .setCapacityWeight(0.1).setPropensityWeight(0.1).setFitMultiplierMin(0.8).setFitMultiplierMax(1.2).build();
            producer.send(new ProducerRecord<>(Topics.SCORING_WEIGHTS.name(), CrmEvents.utf8(v1.getFormulaVersion()),
                    SERDES.weights().serializer().serialize(Topics.SCORING_WEIGHTS.name(), v1))).get();
            expected.weights(v1);
            settle(expected);
            assertScores(expected);
            // each instance answers for its own tasks only; together they cover every partition
            waitUntil("both instances report v1 on all their scoring tasks", () -> {
                ScoringQueries.WeightsStatus a = localWeights(first);
                ScoringQueries.WeightsStatus b = localWeights(second);
                return a != null && b != null && a.inForce().version() == 1 && b.inForce().version() == 1
                        && a.rescoreComplete() && b.rescoreComplete()
                        && a.tasks() + b.tasks() == Topics.CRM_ACCOUNTS.partitions();
            });

            // the first instance stops while the second half of the feed goes in
            CountDownLatch closing = new CountDownLatch(1);
            CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(() -> {
                closing.countDown();
                return first.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(30)));
            });
            closing.await();
            for (int i = 0; i < EVENTS_PER_HALF; i++) {
                change(producer, random, expected, 1_700_001_000_000L + i);
            }
            producer.flush();
            assertThat(closed.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the first instance closed cleanly").isTrue();

            // a dynamic member does not leave the group on close (leaveGroup acts on static members only): the
            // survivor gets the tasks once the session times out
            Set<String> allTasks = new HashSet<>(tasksOfFirst);
            allTasks.addAll(tasksOfSecond);
            waitUntil("the survivor runs every task", () -> running(second) && taskIds(second).containsAll(allTasks)
                    && accountPartitions(second).size() == Topics.CRM_ACCOUNTS.partitions());
            settle(expected);
            assertScores(expected);
            assertThat(expected.kinds).as("the feed has every kind of change")
                    .containsOnlyKeys("create", "update", "delete", "re-delivery", "unscored column", "repeated delete");
        } finally {
            first.close(Duration.ofSeconds(30));
            second.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(30)));
        }

        // with every transaction finished: still exactly the outputs expected, and no dead letter on the way
        assertScores(expected);
        assertThat(readAll(Topics.CRM_ACCOUNTS_DLQ.name(), SERDES.deadLetters())).isEmpty();
        assertThat(readAll(Topics.SCORING_WEIGHTS_DLQ.name(), SERDES.deadLetters())).isEmpty();
    }

    /**
     * One Debezium change of a random account: a create, an update of scored inputs, a delete with its tombstone,
     * or a change that must publish nothing (a re-delivered row, an update of an unscored column, a repeated delete).
     */
    private static void change(KafkaProducer<byte[], byte[]> producer, Random random, Expected expected, long tsMs) {
        String id = String.format("A-%03d", random.nextInt(ACCOUNTS));
        Row row = expected.live.get(id);
        int dice = random.nextInt(10);
        if (row == null) {
            if (dice == 0) { // a delete seen again: nothing to remove
                expected.sent("repeated delete");
                send(producer, account(id).key(), account(id).op("d").ts(tsMs).value());
                return;
            }
            Row created = new Row(Segment.values()[random.nextInt(3)], dice == 1 ? AccountStatus.PROSPECT : AccountStatus.CUSTOMER,
                    REPS[random.nextInt(REPS.length)], 1_000.0 * random.nextInt(500), 1_000.0 * random.nextInt(800),
                    random.nextInt(101) / 100.0, random.nextInt(101) / 100.0, random.nextInt(101), random.nextInt(101) / 100.0, "US");
            send(producer, created.event(id).key(), created.event(id).op("c").ts(tsMs).value());
            expected.sent("create");
            expected.live.put(id, created);
            expected.scored(id, created);
        } else if (dice <= 4) { // the fit always moves, so the inputs differ; owner, status, risk and ARR sometimes
            Row updated = new Row(row.segment(), random.nextInt(6) == 0 ? AccountStatus.CHURNED : row.status(),
                    random.nextBoolean() ? REPS[random.nextInt(REPS.length)] : row.owner(),
                    random.nextBoolean() ? 1_000.0 * random.nextInt(500) : row.currentArr(), row.whitespaceArr(),
                    row.buyingCapacity(), random.nextBoolean() ? random.nextInt(101) / 100.0 : row.renewalRisk(),
                    (row.icpFit() + 1 + random.nextInt(100)) % 101, row.propensity(), row.country());
            send(producer, updated.event(id).key(), updated.event(id).op("u").ts(tsMs).value());
            expected.sent("update");
            expected.live.put(id, updated);
            expected.scored(id, updated);
        } else if (dice == 5) { // re-delivered as it is (a connector restart, a re-snapshot): a no-op
            expected.sent("re-delivery");
            send(producer, row.event(id).key(), row.event(id).op(random.nextBoolean() ? "r" : "u").ts(tsMs).value());
        } else if (dice == 6) { // a column scoring does not read: a no-op
            Row moved = new Row(row.segment(), row.status(), row.owner(), row.currentArr(), row.whitespaceArr(),
                    row.buyingCapacity(), row.renewalRisk(), row.icpFit(), row.propensity(), row.country().equals("US") ? "CA" : "US");
            send(producer, moved.event(id).key(), moved.event(id).op("u").ts(tsMs).value());
            expected.sent("unscored column");
            expected.live.put(id, moved);
        } else { // Debezium writes a delete and its tombstone together
            send(producer, account(id).key(), account(id).op("d").ts(tsMs).value());
            send(producer, account(id).key(), CrmEvents.tombstone());
            expected.sent("delete");
            expected.live.remove(id);
            expected.removed(id);
        }
    }

    /** Waits until every input is committed by the application and as many outputs as expected are committed. */
    private static void settle(Expected expected) throws InterruptedException {
        long want = expected.count();
        try {
            waitUntil("all input consumed and " + want + " outputs committed",
                    () -> inputConsumed() && readAll(Topics.ACCOUNTS_SCORED.name(), SERDES.scored()).size() >= want);
        } catch (AssertionError notSettled) {
            assertScores(expected); // names the accounts whose outputs differ
            throw notSettled;
        }
    }

    /** Every account's committed outputs, in order, are exactly those one instance would publish. */
    private static void assertScores(Expected expected) {
        List<ConsumerRecord<String, ScoredAccount>> all = readAll(Topics.ACCOUNTS_SCORED.name(), SERDES.scored());
        Map<String, List<Output>> published = new TreeMap<>();
        for (ConsumerRecord<String, ScoredAccount> record : all) { // one account's outputs share a partition, in order
            published.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(Output.of(record.value()));
        }
        assertThat(published).as("per account, every output once, in order, equal to potential-v1 on its inputs")
                .isEqualTo(expected.outputs);
        assertThat(all).as("total outputs").hasSize((int) expected.count());
        List<String> eventIds = all.stream().filter(r -> r.value() != null).map(r -> r.value().getEventId()).toList();
        assertThat(eventIds).as("no event id twice").doesNotHaveDuplicates();
        // the latest output of each account: its last inputs under the last weights, or a tombstone if deleted
        Map<String, Output> latest = published.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(e.getValue().size() - 1), (x, y) -> y, TreeMap::new));
        Weights inForce = expected.versions.get(expected.inForce);
        expected.outputs.keySet().forEach(id -> {
            Row row = expected.live.get(id);
            Output last = latest.get(id);
            if (row == null) {
                assertThat(last).as(id + " deleted").isEqualTo(Output.TOMBSTONE);
            } else {
                assertThat(last.inputs()).as(id + " last inputs").isEqualTo(row.inputs(id));
                assertThat(last.score()).as(id + " score").isEqualTo(PotentialFormula.score(row.inputs(id), inForce));
            }
        });
    }

    /** The application's committed offsets on its source topics have reached their ends. */
    private static boolean inputConsumed() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APPLICATION_ID)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            IntStream.range(0, Topics.CRM_ACCOUNTS.partitions())
                    .forEach(p -> ends.put(new TopicPartition(Topics.CRM_ACCOUNTS.name(), p), OffsetSpec.latest()));
            ends.put(new TopicPartition(Topics.SCORING_WEIGHTS.name(), 0), OffsetSpec.latest());
            return admin.listOffsets(ends).all().get().entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                    || committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() == end.getValue().offset());
        } catch (Exception e) {
            return false;
        }
    }

    private static ScoringQueries.WeightsStatus localWeights(KafkaStreams streams) {
        try {
            return new ScoringQueries(streams).weights();
        } catch (InvalidStateStoreException e) {
            return null; // rebalancing: ask again
        }
    }

    private static boolean running(KafkaStreams streams) {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    private static Set<String> taskIds(KafkaStreams streams) {
        return tasks(streams, task -> task.taskId().toString());
    }

    private static Set<Integer> accountPartitions(KafkaStreams streams) {
        Set<Integer> partitions = new HashSet<>();
        streams.metadataForLocalThreads().forEach(thread -> thread.activeTasks().forEach(task -> task.topicPartitions()
                .stream().filter(tp -> tp.topic().equals(Topics.CRM_ACCOUNTS.name())).forEach(tp -> partitions.add(tp.partition()))));
        return partitions;
    }

    private static <T> Set<T> tasks(KafkaStreams streams, Function<TaskMetadata, T> what) {
        Set<T> out = new HashSet<>();
        streams.metadataForLocalThreads().forEach(thread -> thread.activeTasks().forEach(task -> out.add(what.apply(task))));
        return out;
    }

    private static KafkaStreams startStreams(String instance) throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(stateRoot.resolve(instance)).toString());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6_000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1_000);
        KafkaStreams streams = new KafkaStreams(ScoringTopology.build(ScoringTopologyConfig.defaults(), SERDES,
                ScoringMetrics.NONE, Clock.systemUTC()), props);
        streams.start();
        return streams;
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, byte[] key, byte[] value) {
        producer.send(new ProducerRecord<>(Topics.CRM_ACCOUNTS.name(), key, value));
    }

    private static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + PATIENCE);
            }
            Thread.sleep(200);
        }
    }

    /** Everything committed to the topic so far, each partition in offset order (read_committed stops at the LSO). */
    private static <V> List<ConsumerRecord<String, V>> readAll(String topic, Serde<V> serde) {
        return kafka.readCommitted(topic, new StringDeserializer(), serde.deserializer(), Map.of());
    }
}
