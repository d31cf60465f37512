package io.territoryos.localstack.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.avro.TerritoryHealth;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.localstack.topics.RecordJson;
import io.territoryos.localstack.topics.Samples;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read-only registry over real HTTP: the id in the frame of a record the project's serde wrote resolves to the
 * writer schema through the Confluent-compatible paths, subjects follow the topic catalogue, writes are refused,
 * and Apicurio's own deserializer, pointed at this server, decodes the record.
 */
class CatalogRegistryServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static CatalogRegistryServer server;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        server = CatalogRegistryServer.start(0);
        base = "http://localhost:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static byte[] framedHealth() {
        return AvroSerdes.valueSerde(TerritoryHealth.class, Map.of()).serializer()
                .serialize(Topics.TERRITORY_HEALTH.name(), Samples.health("R-1", 3_500_000, 1_000_000));
    }

    @Test
    void shouldServeTheWriterSchemaUnderTheContentIdOfTheRecordsFrame() throws Exception {
        long id = RecordJson.contentId(framedHealth());

        HttpResponse<String> byId = get(CatalogRegistryApi.CCOMPAT + "/schemas/ids/" + id);
        HttpResponse<String> raw = get(CatalogRegistryApi.CCOMPAT + "/schemas/ids/" + id + "/schema");

        assertThat(byId.statusCode()).isEqualTo(200);
        Schema served = new Schema.Parser().parse(JSON.readTree(byId.body()).get("schema").asText());
        assertThat(served).isEqualTo(TerritoryHealth.getClassSchema());
        assertThat(new Schema.Parser().parse(raw.body())).isEqualTo(TerritoryHealth.getClassSchema());
        assertThat(JSON.readTree(get(CatalogRegistryApi.CCOMPAT + "/schemas/ids/" + id + "/subjects").body()))
                .extracting(JsonNode::asText).containsExactly("territory.health-value");
    }

    @Test
    void shouldListOneSubjectPerAvroTopicWithItsLatestVersion() throws Exception {
        JsonNode subjects = JSON.readTree(get(CatalogRegistryApi.CCOMPAT + "/subjects").body());
        JsonNode latest = JSON.readTree(get(CatalogRegistryApi.CCOMPAT + "/subjects/crm.accounts.dlq-value/versions/latest").body());

        assertThat(subjects).extracting(JsonNode::asText)
                .contains("territory.health-value", "rebalance.proposals-value", "crm.accounts.dlq-value")
                .doesNotContain("crm.accounts-value", "crm.reps-value"); // CDC JSON has no Avro schema
        assertThat(latest.get("version").asInt()).isEqualTo(1);
        assertThat(latest.get("subject").asText()).isEqualTo("crm.accounts.dlq-value");
        assertThat(new Schema.Parser().parse(latest.get("schema").asText())).isEqualTo(DeadLetter.getClassSchema());
        assertThat(JSON.readTree(get(CatalogRegistryApi.CCOMPAT + "/schemas/ids/" + latest.get("id").asLong()).body())
                .get("schema").asText()).isEqualTo(latest.get("schema").asText());
        assertThat(JSON.readTree(get(CatalogRegistryApi.CCOMPAT + "/subjects/territory.health-value/versions").body()))
                .extracting(JsonNode::asInt).containsExactly(1);
    }

    @Test
    void shouldAnswerUnknownIdsAndSubjectsWith404AndWritesWith405InConfluentErrorBodies() throws Exception {
        HttpResponse<String> unknownId = get(CatalogRegistryApi.CCOMPAT + "/schemas/ids/1");
        HttpResponse<String> unknownSubject = get(CatalogRegistryApi.CCOMPAT + "/subjects/nope-value/versions/latest");
        HttpResponse<String> write = HTTP.send(HttpRequest.newBuilder(URI.create(base + CatalogRegistryApi.CCOMPAT
                        + "/subjects/territory.health-value/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"\\\"string\\\"\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(unknownId.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknownId.body()).get("error_code").asInt()).isEqualTo(40403);
        assertThat(unknownSubject.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknownSubject.body()).get("error_code").asInt()).isEqualTo(40401);
        assertThat(write.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(write.body()).get("message").asText()).contains("read-only");
    }

    @Test
    void shouldLetApicuriosOwnDeserializerDecodeARecordThroughThisServer() {
        var deserializer = AvroSerdes.genericDeserializer(Map.of("apicurio.registry.url", base + CatalogRegistryApi.CORE_V3));

        Object decoded = deserializer.deserialize(Topics.TERRITORY_HEALTH.name(), framedHealth());

        assertThat(decoded).isInstanceOf(GenericRecord.class);
        assertThat(((GenericRecord) decoded).get("rep_id").toString()).isEqualTo("R-1");
        assertThat(((GenericRecord) decoded).get("potential_total")).isEqualTo(3_500_000.0);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
