package io.territoryos.demo.messaging;

import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.RepStatus;
import io.territoryos.contracts.cdc.ChangeEvent;
import io.territoryos.contracts.cdc.DebeziumDecoder;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.contracts.crm.CrmRep;
import io.territoryos.demo.DemoConfig;
import io.territoryos.demo.DemoCrm;
import io.territoryos.demo.cdc.DecimalMode;
import io.territoryos.demo.cdc.Envelope;
import io.territoryos.demo.domain.StoryStep;
import io.territoryos.testkit.EmbeddedKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaCdcPublisherIT {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void shouldPublishTheSnapshotAndStorySoThatEveryRecordDecodesOnTheOtherSide() {
        DemoCrm demo = DemoCrm.generate(DemoConfig.of(42, 1_000).with(Envelope.WRAPPED, DecimalMode.PRECISE));
        PublishReport snapshot;
        PublishReport story;
        try (KafkaCdcPublisher publisher = KafkaCdcPublisher.connect(kafka.bootstrapServers())) {
            List<String> created = publisher.ensureTopics(List.of(Topics.CRM_REPS, Topics.CRM_ACCOUNTS, Topics.SCORING_WEIGHTS));
            assertThat(created).containsExactly("crm.reps", "crm.accounts", "config.scoring-weights");
            snapshot = publisher.publish("snapshot", demo.snapshotEvents(), report -> { });
            story = publisher.publish("story", Stream.concat(Stream.of(demo.initialWeightsEvent()),
                    demo.storyEvents().stream()), report -> { });
        }

        List<ConsumerRecord<byte[], byte[]>> accounts = consumeAll("crm.accounts", 1_000 + 3);
        List<ConsumerRecord<byte[], byte[]>> reps = consumeAll("crm.reps", demo.reps().size() + 1);
        List<ConsumerRecord<byte[], byte[]>> weights = consumeAll("config.scoring-weights", 2);

        assertThat(snapshot.records()).isEqualTo(demo.snapshotSize());
        assertThat(story.tombstones()).isEqualTo(1);
        assertThat(accounts).hasSize(1_003).allSatisfy(r -> {
            ChangeEvent event = DebeziumDecoder.decode(r.key(), r.value(), CrmAccount.ID_FIELD);
            if (event.after() != null) {
                CrmAccount.from(event.id(), event.after());
            }
        });
        assertThat(accounts).filteredOn(r -> r.value() == null).hasSize(1);
        ConsumerRecord<byte[], byte[]> exit = reps.stream()
                .filter(r -> DebeziumDecoder.decode(r.key(), r.value(), CrmRep.ID_FIELD).id().equals(demo.story().exitingRepId()))
                .reduce((first, second) -> second).orElseThrow();
        ChangeEvent exitEvent = DebeziumDecoder.decode(exit.key(), exit.value(), CrmRep.ID_FIELD);
        assertThat(CrmRep.from(exitEvent.id(), exitEvent.after()).status()).isEqualTo(RepStatus.EXITED);
        assertThat(weights).hasSize(2);
        assertThat(demo.storyEvents(StoryStep.WHALE_CHURN)).hasSize(3);
    }

    @Test
    void shouldNameTheBrokerItCannotReach() {
        assertThatThrownBy(() -> KafkaCdcPublisher.connect("127.0.0.1:1", 2_000, Map.of()))
                .isInstanceOf(PublishException.class)
                .hasMessageContaining("127.0.0.1:1");
    }

    private static List<ConsumerRecord<byte[], byte[]>> consumeAll(String topic, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "demo-crm-it-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (records.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
