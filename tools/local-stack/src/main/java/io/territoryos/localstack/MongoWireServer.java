package io.territoryos.localstack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The local stack's stand-in for MongoDB: mongo-java-server speaking the wire protocol to the official driver,
 * with its H2 file backend so history, proposals and the audit trail survive a restart. Not MongoDB: it has no
 * transactions and no change streams, which is why the services rely on idempotent upserts only.
 * Production points {@code *_MONGO_URI} at a real MongoDB.
 */
public final class MongoWireServer {

    public static void main(String[] args) throws Exception {
        String host = option(args, "--host", "127.0.0.1");
        int port = Integer.parseInt(option(args, "--port", "27017"));
        Path file = Path.of(option(args, "--file", ".local/mongo/territory-os.mv"));
        Files.createDirectories(file.toAbsolutePath().getParent());

        H2Backend backend = new H2Backend(file.toString());
        MongoServer server = new MongoServer(backend);
        server.bind(host, port);
        System.out.printf("Mongo wire server (mongo-java-server, H2 file %s) listening on %s:%d%n", file, host, port);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // closing the backend flushes the H2 store, so a second `up` finds the data
            server.shutdownNow();
            stopped.countDown();
        }, "mongo-wire-shutdown"));
        stopped.await();
    }

    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private MongoWireServer() {
    }
}
