package io.territoryos.contracts.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.ScoredAccount;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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

/** With apicurio.registry.url the serde talks HTTP to that registry and the catalogue is out of the picture. */
class AvroValueSerdeRegistryTest {

    private static final String SCORED = Topics.ACCOUNTS_SCORED.name();
    private static final String API = "/apis/registry/v3";
    private static final long REGISTRY_CONTENT_ID = 7;

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
