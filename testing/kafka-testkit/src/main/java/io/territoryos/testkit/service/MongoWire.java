package io.territoryos.testkit.service;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * An in-memory Mongo wire server. Apart from {@link ServiceStackResource} so that a service without MongoDB (and so
 * without mongo-java-server on its test class path) never loads it.
 */
final class MongoWire implements AutoCloseable {

    private final MongoServer server;
    private final String uri;

    private MongoWire(MongoServer server, String uri) {
        this.server = server;
        this.uri = uri;
    }

    static MongoWire start() {
        MongoServer server = new MongoServer(new MemoryBackend());
        return new MongoWire(server, "mongodb://127.0.0.1:" + server.bind().getPort());
    }

    String uri() {
        return uri;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
