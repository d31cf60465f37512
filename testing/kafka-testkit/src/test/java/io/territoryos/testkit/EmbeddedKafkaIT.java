package io.territoryos.testkit;

import io.territoryos.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedKafkaIT {

    @Test
    void shouldCreateCatalogueTopicsAndCarryATransactionalRecordEndToEnd() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(Topics.ALL);
            try (Admin admin = kafka.admin()) {
                var described = admin.describeTopics(List.of(Topics.ACCOUNTS_SCORED.name())).allTopicNames().get();
                assertThat(described.get(Topics.ACCOUNTS_SCORED.name()).partitions())
                        .hasSize(Topics.ACCOUNTS_SCORED.partitions());
                assertThat(admin.listTopics().names().get()).containsAll(Topics.ALL.stream().map(t -> t.name()).toList());
            }
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, "testkit-smoke"),
                    new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(Topics.TERRITORY_HEALTH.name(), "rep-1", "hello"));
                producer.commitTransaction();
            }
            try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "testkit-smoke",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(Topics.TERRITORY_HEALTH.name()));
                List<ConsumerRecord<String, String>> seen = new ArrayList<>();
                long deadline = System.currentTimeMillis() + 30_000;
                while (seen.isEmpty() && System.currentTimeMillis() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                }
                assertThat(seen).extracting(ConsumerRecord::value).containsExactly("hello");
            }
        }
    }
}
