package io.territoryos.scoring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.avro.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two read endpoints of the Apicurio Registry v3 REST API a deserializer calls (the schema and its references
 * by content id), over schemas registered here first, as a connector would have registered them. Unknown ids get
 * a 404. Enough for Apicurio's real client; no real registry can be run on this machine (PLATFORM.md).
 */
public final class TestSchemaRegistry implements AutoCloseable {

    private static final String API = "/apis/registry/v3";

    private final Map<Integer, String> schemas = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(100);
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    public TestSchemaRegistry() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(API + "/ids/contentIds/", this::answer);
        server.start();
    }

    /** Registers a schema (once per distinct text) and returns its content id. */
    public synchronized int register(Schema schema) {
        String text = schema.toString();
        return schemas.entrySet().stream().filter(e -> e.getValue().equals(text)).map(Map.Entry::getKey).findFirst()
                .orElseGet(() -> {
                    int id = nextId.getAndIncrement();
                    schemas.put(id, text);
                    return id;
                });
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + API;
    }

    /** The serde settings that point at this registry, failing fast (no retries). */
    public Map<String, String> serdeConfig() {
        return Map.of("apicurio.registry.url", url(), "apicurio.registry.retry-count", "0");
    }

    public List<String> requests() {
        return requests;
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(exchange.getRequestMethod() + " " + path);
        String[] parts = path.substring((API + "/ids/contentIds/").length()).split("/");
        String schema = parts[0].matches("\\d+") ? schemas.get(Integer.parseInt(parts[0])) : null;
        if (schema == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        byte[] body = (parts.length > 1 ? "[]" : schema).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
