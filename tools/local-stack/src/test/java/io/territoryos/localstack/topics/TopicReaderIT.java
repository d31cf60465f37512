package io.territoryos.localstack.topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.avro.TerritoryHealth;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.contracts.serde.SchemaCatalog;
import io.territoryos.testkit.EmbeddedKafka;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The topic reader against a real KRaft broker, on records written the way the services write them: Avro values
 * through the project's Apicurio serde (registry frame, catalogue content id), CDC JSON, and dead letters whose
 * original bytes are JSON or binary.
 */
class TopicReaderIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(List.of(Topics.TERRITORY_HEALTH, Topics.CRM_ACCOUNTS, Topics.CRM_ACCOUNTS_DLQ));
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void shouldPrintAvroValuesDecodedWithTheCatalogueAndCdcJsonAsJson() throws Exception {
        var healthSerde = AvroSerdes.valueSerde(TerritoryHealth.class, Map.of());
        byte[] framed = healthSerde.serializer().serialize(Topics.TERRITORY_HEALTH.name(), Samples.health("R-7", 4_200_000, 1_000_000));
        byte[] cdcKey = "{\"account_id\":\"A-1\"}".getBytes(StandardCharsets.UTF_8);
        byte[] cdcValue = "{\"before\":null,\"after\":{\"account_id\":\"A-1\",\"current_arr\":100000},\"op\":\"c\",\"ts_ms\":1}"
                .getBytes(StandardCharsets.UTF_8);
        send(Topics.TERRITORY_HEALTH.name(), "R-7".getBytes(StandardCharsets.UTF_8), framed);
        send(Topics.CRM_ACCOUNTS.name(), cdcKey, cdcValue);
        send(Topics.CRM_ACCOUNTS.name(), cdcKey, null); // the tombstone after a delete

        List<JsonNode> health = read(Topics.TERRITORY_HEALTH.name(), Long.MAX_VALUE);
        List<JsonNode> cdc = read(Topics.CRM_ACCOUNTS.name(), Long.MAX_VALUE);

        assertThat(health).hasSize(1);
        JsonNode line = health.get(0);
        assertThat(line.get("key").asText()).isEqualTo("R-7");
        assertThat(line.get("schema").asText()).isEqualTo("TerritoryHealth");
        assertThat(line.get("content_id").asLong())
                .isEqualTo(SchemaCatalog.contentIdOf(TerritoryHealth.getClassSchema()));
        assertThat(line.get("value").get("rep_id").asText()).isEqualTo("R-7");
        assertThat(line.get("value").get("potential_total").asDouble()).isEqualTo(4_200_000);
        assertThat(line.get("value").get("coverage_ratio").asDouble()).isEqualTo(4.2);
        assertThat(line.get("value").get("band").asText()).isEqualTo("HEALTHY");
        assertThat(line.get("value").get("updated_at").asText()).isEqualTo(Samples.T0.toString());
        assertThat(line.get("value").get("quota_validation").isNull()).isTrue();
        assertThat(line.has("partition") && line.has("offset") && line.has("timestamp")).isTrue();

        assertThat(cdc).hasSize(2);
        assertThat(cdc.get(0).get("key").get("account_id").asText()).isEqualTo("A-1");
        assertThat(cdc.get(0).get("value").get("after").get("current_arr").asInt()).isEqualTo(100000);
        assertThat(cdc.get(0).has("schema")).isFalse();
        assertThat(cdc.get(1).get("value").isNull()).as("a tombstone prints as null").isTrue();
        assertThat(cdc.get(1).get("offset").asLong()).isEqualTo(cdc.get(0).get("offset").asLong() + 1);
    }

    @Test
    void shouldShowDeadLettersOriginalBytesAsJsonWhenTheyAreJsonAndAsBase64WhenTheyAreBinary() throws Exception {
        var letterSerde = AvroSerdes.valueSerde(DeadLetter.class, Map.of());
        byte[] garbage = {(byte) 0xC3, 0x28, 0x00, (byte) 0xFF, 0x01};
        byte[] jsonValue = "{\"after\":{\"account_id\":\"A-2\",\"renewal_risk\":1.7}}".getBytes(StandardCharsets.UTF_8);
        String dlq = Topics.CRM_ACCOUNTS_DLQ.name();
        send(dlq, "A-9".getBytes(StandardCharsets.UTF_8), letterSerde.serializer().serialize(dlq,
                Samples.deadLetter("A-9".getBytes(StandardCharsets.UTF_8), garbage, "not JSON")));
        send(dlq, "A-2".getBytes(StandardCharsets.UTF_8), letterSerde.serializer().serialize(dlq,
                Samples.deadLetter("{\"account_id\":\"A-2\"}".getBytes(StandardCharsets.UTF_8), jsonValue,
                        "renewal_risk 1.7 outside 0..1")));

        List<JsonNode> letters = read(dlq, Long.MAX_VALUE);

        assertThat(letters).hasSize(2);
        JsonNode binary = letters.get(0).get("value");
        assertThat(letters.get(0).get("schema").asText()).isEqualTo("DeadLetter");
        assertThat(binary.get("reason").asText()).isEqualTo("not JSON");
        assertThat(binary.get("original_key").asText()).isEqualTo("A-9");
        assertThat(Base64.getDecoder().decode(binary.get("original_value").get("base64").asText())).isEqualTo(garbage);
        JsonNode json = letters.get(1).get("value");
        assertThat(json.get("original_key").get("account_id").asText()).isEqualTo("A-2");
        assertThat(json.get("original_value").get("after").get("renewal_risk").asDouble()).isEqualTo(1.7);
        assertThat(json.get("source_offset").asLong()).isEqualTo(41);
        assertThat(json.get("failed_at").asText()).isEqualTo(Samples.T0.toString());
    }

    @Test
    void shouldStopAfterMaxRecordsAndRefuseATopicThatDoesNotExist() throws Exception {
        String topic = "reader.max-records";
        kafka.createTopics(List.of(new NewTopic(topic, 2, (short) 1)));
        for (int i = 0; i < 5; i++) {
            send(topic, ("{\"account_id\":\"M-" + i + "\"}").getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(read(topic, 3)).hasSize(3);
        assertThatThrownBy(() -> TopicReader.read(new TopicReader.Request(kafka.bootstrapServers(), "no.such.topic",
                true, false, 1), new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no.such.topic");
    }

    private static void send(String topic, byte[] key, byte[] value) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static List<JsonNode> read(String topic, long max) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            TopicReader.read(new TopicReader.Request(kafka.bootstrapServers(), topic, true, false, max), out);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }
}
