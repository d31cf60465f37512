package io.territoryos.contracts.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.ScoredAccount;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** With apicurio.registry.url the serde talks HTTP to that registry and the catalogue is out of the picture. */
class AvroValueSerdeRegistryTest {

    private static final String SCORED = Topics.ACCOUNTS_SCORED.name();
    private static final String API = "/apis/registry/v3";
    private static final long REGISTRY_CONTENT_ID = 7;
    private static final int FAILING_CONTENT_ID = 500;

    private HttpServer registry;

    @AfterEach
    void stopRegistry() {
        if (registry != null) {
            registry.stop(0);
        }
    }

    @Test
    void shouldCallTheConfiguredRegistryInsteadOfTheCatalog() throws IOException {
        String url = "http://127.0.0.1:" + closedPort() + API;
        AvroValueSerde<ScoredAccount> serde = AvroSerdes.valueSerde(ScoredAccount.class, Map.of());
        assertThat(serde.serializer().serialize(SCORED, SampleRecords.scoredAccount())).isNotEmpty();

        // the same serde, configured again with a registry: a late URL must not leave the catalogue in charge
        serde.configure(Map.of("apicurio.registry.url", url, "apicurio.registry.retry-count", "0"), false);

        assertThatThrownBy(() -> serde.serializer().serialize(SCORED, SampleRecords.scoredAccount()))
                .hasRootCauseInstanceOf(ConnectException.class);
    }

    @Test
    void shouldRegisterAndFetchSchemasThroughTheRegistryApiAndFrameTheRegistryContentId() throws IOException {
        List<String> requests = new CopyOnWriteArrayList<>();
        List<String> registered = new CopyOnWriteArrayList<>();
        startRegistry(requests, registered);
        Map<String, String> config = Map.of("apicurio.registry.url", registryUrl());

        byte[] framed = AvroSerdes.valueSerde(ScoredAccount.class, config).serializer()
                .serialize(SCORED, SampleRecords.scoredAccount());
        // a fresh serde, as in the consuming service, knows nothing but the URL
        ScoredAccount read = AvroSerdes.valueSerde(ScoredAccount.class, config).deserializer().deserialize(SCORED, framed);

        assertThat(framed[0]).isEqualTo((byte) 0);
        assertThat(ByteBuffer.wrap(framed, 1, 4).getInt()).isEqualTo((int) REGISTRY_CONTENT_ID);
        assertThat(read).isEqualTo(SampleRecords.scoredAccount());
        assertThat(requests).contains(
                "POST " + API + "/groups/default/artifacts",
                "GET " + API + "/ids/contentIds/" + REGISTRY_CONTENT_ID);
        assertThat(registered).singleElement()
                .satisfies(schema -> assertThat(new Schema.Parser().parse(schema)).isEqualTo(ScoredAccount.getClassSchema()));
    }

    @Test
    void shouldReadASchemaThatIsNotOursFromTheRegistryIntoAGenericRecord() throws IOException {
        Schema envelope = SchemaBuilder.record("Envelope").namespace("dbserver1.public.accounts").fields()
                .requiredString("op").optionalLong("ts_ms").endRecord();
        List<String> requests = new CopyOnWriteArrayList<>();
        List<String> registered = new CopyOnWriteArrayList<>(List.of(envelope.toString()));
        startRegistry(requests, registered);
        GenericRecord written = new GenericRecordBuilder(envelope).set("op", "c").set("ts_ms", 1_700_000_000_000L).build();
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        framed.write(0);
        framed.writeBytes(ByteBuffer.allocate(4).putInt((int) REGISTRY_CONTENT_ID).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(framed, null);
        new GenericDatumWriter<GenericRecord>(envelope).write(written, encoder);
        encoder.flush();

        Object read = AvroSerdes.genericDeserializer(Map.of("apicurio.registry.url", registryUrl()))
                .deserialize("dbserver1.public.accounts", framed.toByteArray());

        assertThat(read).isInstanceOf(GenericRecord.class);
        assertThat(((GenericRecord) read).getSchema()).isEqualTo(envelope);
        assertThat(((GenericRecord) read).get("op")).hasToString("c");
        assertThat(((GenericRecord) read).get("ts_ms")).isEqualTo(1_700_000_000_000L);
        assertThat(requests).contains("GET " + API + "/ids/contentIds/" + REGISTRY_CONTENT_ID);
    }

    @Test
    void shouldBlameTheRegistryWhenItCannotBeReachedOrFailsButTheRecordWhenItsSchemaIsUnknown() throws IOException {
        startRegistry(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        Map<String, String> running = Map.of("apicurio.registry.url", registryUrl(), "apicurio.registry.retry-count", "0");
        Map<String, String> unreachable = Map.of("apicurio.registry.url", "http://127.0.0.1:" + closedPort() + API,
                "apicurio.registry.retry-count", "0");

        Throwable unknownId = catchThrowable(() -> AvroSerdes.genericDeserializer(running).deserialize(SCORED, framed(404)));
        Throwable serverError = catchThrowable(() -> AvroSerdes.genericDeserializer(running).deserialize(SCORED, framed(FAILING_CONTENT_ID)));
        Throwable refused = catchThrowable(() -> AvroSerdes.genericDeserializer(unreachable).deserialize(SCORED, framed(404)));

        assertThat(unknownId).isNotNull();
        assertThat(AvroSerdes.isRegistryUnavailable(unknownId)).isFalse();
        assertThat(serverError).isNotNull();
        assertThat(AvroSerdes.isRegistryUnavailable(serverError)).isTrue();
        assertThat(refused).hasRootCauseInstanceOf(ConnectException.class);
        assertThat(AvroSerdes.isRegistryUnavailable(refused)).isTrue();
    }

    private static byte[] framed(int contentId) {
        return ByteBuffer.allocate(8).put((byte) 0).putInt(contentId).put(new byte[] {2, 4, 6}).array();
    }

    @Test
    void shouldRefuseTheCatalogResolverTogetherWithARegistryUrl() {
        Map<String, Object> both = Map.of(
                "apicurio.registry.url", "http://registry:8080" + API,
                "apicurio.registry.schema-resolver", CatalogSchemaResolver.class.getName());

        assertThatThrownBy(() -> AvroSerdes.valueSerde(ScoredAccount.class, both))
                .hasMessageContaining("never calls a registry");
    }

    /**
     * Three endpoints of the Registry v3 REST API, enough for a write and a read: create an artifact (answering
     * with content id 7) and fetch content and references by content id.
     */
    private void startRegistry(List<String> requests, List<String> registered) throws IOException {
        ObjectMapper json = new ObjectMapper();
        registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry.createContext(API, exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            if (exchange.getRequestMethod().equals("POST") && path.matches(API + "/groups/[^/]+/artifacts")) {
                JsonNode create = json.readTree(exchange.getRequestBody());
                registered.add(create.path("firstVersion").path("content").path("content").asText());
                String group = path.split("/")[5];
                String artifact = create.path("artifactId").asText();
                respond(exchange, "application/json", json.createObjectNode()
                        .<ObjectNode>set("version", json.createObjectNode()
                                .put("groupId", group).put("artifactId", artifact).put("version", "1")
                                .put("globalId", 70).put("contentId", REGISTRY_CONTENT_ID).put("artifactType", "AVRO"))
                        .toString());
            } else if (path.equals(API + "/ids/contentIds/" + REGISTRY_CONTENT_ID) && !registered.isEmpty()) {
                respond(exchange, "application/json", registered.get(0));
            } else if (path.startsWith(API + "/ids/contentIds/" + FAILING_CONTENT_ID)) {
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
            } else if (path.equals(API + "/ids/contentIds/" + REGISTRY_CONTENT_ID + "/references")) {
                respond(exchange, "application/json", "[]");
            } else {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
            }
        });
        registry.start();
    }

    private String registryUrl() {
        return "http://127.0.0.1:" + registry.getAddress().getPort() + API;
    }

    private static void respond(HttpExchange exchange, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
