package io.territoryos.optimizer;

import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.RebalanceCommand;
import io.territoryos.contracts.avro.Scope;
import io.territoryos.contracts.avro.TriggerType;
import io.territoryos.optimizer.messaging.BookView;
import io.territoryos.optimizer.messaging.ProposalPublisher;
import io.territoryos.security.KafkaClientSecurity;
import io.territoryos.testkit.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The optimizer's hand-built Kafka clients (the book view's consumer and admin client, the proposal publisher's
 * producers, the transactional one included) log in with the configured SASL settings, against an in-process broker
 * whose only client listener takes SASL/SCRAM: the books are read, a command goes out and comes back. A client
 * without the settings is refused, so the login is what lets them in.
 */
class OptimizerClientsOverSaslIT {

    private static final String USER = "optimizer-service";
    private static final String PASSWORD = "optimizer-secret-for-the-test";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** SampleBooks' accounts: 4 + 5 + 3 + 2. */
    private static final int BOOK_ACCOUNTS = 14;

    private static EmbeddedKafka kafka;
    private static Map<String, String> scram;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.startWithSasl();
        kafka.createScramUser(USER, PASSWORD);
        kafka.createTopics(Topics.ALL);
        scram = EmbeddedKafka.scramClientProperties(USER, PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldReadTheBooksAndPublishACommandThroughSaslScram() throws Exception {
        Instant t0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        SampleBooks.publish(kafka.bootstrapServers(), scram, t0);

        try (BookView view = new BookView(kafka.bootstrapServers(), Topics.CRM_REPS.name(), Map.of(), scram).start();
             ProposalPublisher publisher = new ProposalPublisher(kafka.bootstrapServers(), Map.of(), "sasl-it", scram)) {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (view.accountCount() < BOOK_ACCOUNTS && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            assertThat(view.accountCount()).isEqualTo(BOOK_ACCOUNTS);
            assertThat(view.snapshot(SampleBooks.TEAM, null, null, PATIENCE).accounts())
                    .hasSize(BOOK_ACCOUNTS);

            RebalanceCommand command = RebalanceCommand.newBuilder()
                    .setCommandId("MANUAL:" + SampleBooks.TEAM + ":sasl-it")
                    .setType(TriggerType.MANUAL)
                    .setScope(Scope.newBuilder().setTeam(SampleBooks.TEAM).setRepIds(List.of()).build())
                    .setEvidence(List.of())
                    .setSummary("asked over SASL")
                    .setRequestedBy("carol")
                    .setSourceEventTime(t0)
                    .setIssuedAt(t0)
                    .build();
            publisher.publishCommand(command);
            assertThat(commandKeysOn(Topics.REBALANCE_COMMANDS.name())).containsExactly(SampleBooks.TEAM);
        }
    }

    @Test
    void shouldRefuseAClientWithoutTheSaslSettings() {
        try (Admin anonymous = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000))) {
            assertThatThrownBy(() -> anonymous.listTopics().names().get()).isInstanceOf(ExecutionException.class);
        }
        try (Admin loggedIn = Admin.create(KafkaClientSecurity.with(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), scram))) {
            assertThat(loggedIn.listTopics().names()).succeedsWithin(PATIENCE).asInstanceOf(
                    org.assertj.core.api.InstanceOfAssertFactories.collection(String.class))
                    .contains(Topics.REBALANCE_COMMANDS.name());
        }
    }

    private static List<String> commandKeysOn(String topic) {
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaClientSecurity.with(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), scram),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    keys.add(record.key());
                }
            }
        }
        return keys;
    }
}
