package io.territoryos.demo.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.AssignmentChange;
import io.territoryos.contracts.avro.MoveReason;
import io.territoryos.contracts.cdc.ChangeEvent;
import io.territoryos.contracts.cdc.ChangeOp;
import io.territoryos.contracts.cdc.DebeziumDecoder;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.demo.DemoConfig;
import io.territoryos.demo.DemoCrm;
import io.territoryos.demo.cdc.CdcFormat;
import io.territoryos.demo.cdc.CdcRecord;
import io.territoryos.demo.domain.SeedTeam;
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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class CrmWriteBackIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNTS = Topics.CRM_ACCOUNTS.name();
    private static final String ASSIGNMENTS = Topics.TERRITORY_ASSIGNMENTS.name();

    private static EmbeddedKafka kafka;
    private static DemoCrm demo;
    private static KafkaCdcPublisher publisher;
    private static KafkaProducer<String, AssignmentChange> approvals;

    @BeforeAll
    static void loadTheDemoCrm() {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(Topics.ALL);
        demo = DemoCrm.generate(DemoConfig.of(42, 1_000));
        publisher = KafkaCdcPublisher.connect(kafka.bootstrapServers());
        publisher.publish("accounts", demo.accountSnapshotEvents(), report -> { });
        // the optimizer's way: every change of an approval in one transaction
        approvals = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "crm-writeback-it",
                ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), AvroSerdes.valueSerde(AssignmentChange.class, Map.of()).serializer());
        approvals.initTransactions();
    }

    @AfterAll
    static void stopKafka() {
        approvals.close();
        publisher.close();
        kafka.close();
    }

    @Test
    void shouldWriteBackAnApprovedOwnerChangeOnceAndRejectAStaleOne() throws Exception {
        SeedTeam team = demo.seedTeam();
        CrmAccount moved = demo.book(team.overloadedRepId()).get(0);
        CrmAccount changedSince = demo.book(team.overloadedRepId()).get(1);
        String thirdRep = team.repIds().stream()
                .filter(r -> !r.equals(team.overloadedRepId()) && !r.equals(team.starvedRepId())).findFirst().orElseThrow();
        AssignmentChange move = change(moved, team.overloadedRepId(), team.starvedRepId());
        AssignmentChange stale = change(changedSince, thirdRep, team.starvedRepId());
        Map<TopicPartition, Long> snapshotEnd = endOffsets(ACCOUNTS);
        ByteArrayOutputStream firstOutput = new ByteArrayOutputStream();

        Running first = start(firstOutput);
        approve(move, stale);
        awaitAllChangesCommitted();
        List<ConsumerRecord<byte[], byte[]>> afterApproval = readSince(snapshotEnd);
        approve(move); // redelivered while running
        awaitAllChangesCommitted();
        first.stop();
        List<ConsumerRecord<byte[], byte[]>> afterRedelivery = readSince(snapshotEnd);

        ByteArrayOutputStream secondOutput = new ByteArrayOutputStream();
        Running second = start(secondOutput);
        approve(move); // and again after a restart, which rebuilds the view from crm.accounts
        awaitAllChangesCommitted();
        second.stop();
        List<ConsumerRecord<byte[], byte[]>> afterRestart = readSince(snapshotEnd);

        assertThat(afterApproval).hasSize(1);
        ConsumerRecord<byte[], byte[]> update = afterApproval.get(0);
        ChangeEvent event = DebeziumDecoder.decode(update.key(), update.value(), CrmAccount.ID_FIELD);
        JsonNode value = JSON.readTree(update.value());
        JsonNode snapshotRow = JSON.readTree(snapshotRecord(moved.accountId()).value()).path("after");
        assertThat(event.id()).isEqualTo(moved.accountId());
        assertThat(event.op()).isEqualTo(ChangeOp.UPDATE);
        assertThat(value.get("before").isNull()).isTrue();
        assertThat(value.path("after").path("owner_rep_id").asText()).isEqualTo(team.starvedRepId());
        assertThat(withoutOwner(value.path("after"))).isEqualTo(withoutOwner(snapshotRow));
        assertThat(value.path("source").path("connector").asText()).isEqualTo("demo-crm");
        assertThat(value.path("source").path("change_id").asText()).isEqualTo(move.getChangeId());
        assertThat(update.key()).isEqualTo(snapshotRecord(moved.accountId()).key());
        assertThat(afterRedelivery).hasSize(1);
        assertThat(afterRestart).hasSize(1);
        assertThat(firstOutput.toString(StandardCharsets.UTF_8))
                .contains("applied 1 owner change of proposal P-IT-1 (approved by bob); 1 rejected")
                .contains("stale: " + changedSince.accountId() + " is owned by " + team.overloadedRepId())
                .contains("applied 0 owner changes of proposal P-IT-1 (approved by bob); 1 already applied");
        assertThat(secondOutput.toString(StandardCharsets.UTF_8))
                .contains("1,000 accounts")
                .contains("applied 0 owner changes of proposal P-IT-1 (approved by bob); 1 already applied");
    }

    private static AssignmentChange change(CrmAccount account, String fromRepId, String toRepId) {
        return AssignmentChange.newBuilder()
                .setChangeId("P-IT-1:" + account.accountId())
                .setProposalId("P-IT-1")
                .setAccountId(account.accountId())
                .setFromRepId(fromRepId)
                .setToRepId(toRepId)
                .setReason(MoveReason.RELIEVE_OVERLOAD)
                .setRequestedBy("alice")
                .setApprovedBy("bob")
                .setApprovedAt(Instant.parse("2026-01-06T10:00:00Z"))
                .build();
    }

    private static void approve(AssignmentChange... changes) {
        approvals.beginTransaction();
        for (AssignmentChange change : changes) {
            approvals.send(new ProducerRecord<>(ASSIGNMENTS, change.getAccountId(), change));
        }
        approvals.commitTransaction();
    }

    /** A write-back on its own thread, as the CLI runs it. */
    private record Running(CrmWriteBack writeBack, Thread thread) {
        void stop() throws InterruptedException {
            writeBack.stop();
            assertThat(writeBack.awaitStopped(Duration.ofSeconds(30))).isTrue();
            thread.join();
        }
    }

    private static Running start(ByteArrayOutputStream output) {
        CrmWriteBack writeBack = new CrmWriteBack(WriteBackConfig.of(kafka.bootstrapServers(), CdcFormat.defaults()),
                publisher, new PrintStream(output, true, StandardCharsets.UTF_8));
        Thread thread = new Thread(writeBack, "crm-writeback-it");
        thread.start();
        return new Running(writeBack, thread);
    }

    /**
     * Waits until the group's committed offsets reach the end of territory.assignments: the write-back commits only
     * after its updates are acknowledged, so from then on crm.accounts holds everything it will ever write for them.
     */
    private static void awaitAllChangesCommitted() throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(ASSIGNMENTS);
        long deadline = System.currentTimeMillis() + 60_000; // a guard against hanging, not a timed assertion
        try (Admin admin = kafka.admin()) {
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets(WriteBackConfig.DEFAULT_GROUP_ID).partitionsToOffsetAndMetadata().get();
                boolean caughtUp = ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                        || (committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue()));
                if (caughtUp) {
                    return;
                }
                assertThat(System.currentTimeMillis()).as("write-back committed %s of %s", committed, ends).isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    private static Map<TopicPartition, Long> endOffsets(String topic) throws ExecutionException, InterruptedException {
        int partitions = Topics.ALL.stream().filter(t -> t.name().equals(topic)).findFirst().orElseThrow().partitions();
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetSpec> request = IntStream.range(0, partitions).boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
            return admin.listOffsets(request).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    /** Every record of crm.accounts written after {@code from}, up to the end as of now. */
    private static List<ConsumerRecord<byte[], byte[]>> readSince(Map<TopicPartition, Long> from) throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(ACCOUNTS);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static CdcRecord snapshotRecord(String accountId) {
        return demo.accountSnapshotEvents()
                .filter(r -> DebeziumDecoder.decode(r.key(), r.value(), CrmAccount.ID_FIELD).id().equals(accountId))
                .findFirst().orElseThrow();
    }

    private static JsonNode withoutOwner(JsonNode row) {
        ObjectNode copy = row.deepCopy();
        copy.remove("owner_rep_id");
        return copy;
    }
}
