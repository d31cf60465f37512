package io.territoryos.localstack.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.territoryos.contracts.serde.SchemaCatalog;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves {@link CatalogRegistryApi} over HTTP on the local stack, where no registry server runs, so that standard
 * Confluent-compatible readers (kcat built with Avro support, Confluent's deserializers) and Apicurio's own
 * deserializer can decode our topics. Read-only, no state, JDK HTTP server only.
 *
 * <pre>  CatalogRegistryServer --port 8085</pre>
 */
public final class CatalogRegistryServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private CatalogRegistryServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts serving on {@code port} (0: any free port) on every interface. */
    public static CatalogRegistryServer start(int port) throws IOException {
        CatalogRegistryApi api = new CatalogRegistryApi(SchemaCatalog.compiled());
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/", exchange -> answer(exchange, api));
        ExecutorService executor = Executors.newFixedThreadPool(2);
        server.setExecutor(executor);
        server.start();
        return new CatalogRegistryServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, CatalogRegistryApi api) throws IOException {
        try (exchange) {
            CatalogRegistryApi.Answer answer = api.handle(exchange.getRequestMethod(), exchange.getRequestURI().getPath());
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(answer.status(), head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    public static void main(String[] args) throws IOException {
        int port = 8085;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--port")) {
                port = Integer.parseInt(args[i + 1]);
            }
        }
        CatalogRegistryServer server = start(port);
        System.out.printf("schema catalogue served read-only on http://localhost:%d%s (Confluent-compatible)"
                + " and %s/ids/contentIds/{id}%n", server.port(), CatalogRegistryApi.CCOMPAT, CatalogRegistryApi.CORE_V3);
    }
}
