package io.territoryos.optimizer.api;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.territoryos.contracts.Topics;
import io.territoryos.testkit.EmbeddedKafka;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/** A real in-process broker with the product's topics and a Mongo wire server for the packaged service under test. */
public class ServiceStackResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedKafka kafka;
    private MongoServer mongo;

    @Override
    public Map<String, String> start() {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(Topics.ALL);
        Map<String, String> config = new HashMap<>();
        config.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        try {
            config.put("KAFKA_STREAMS_STATE_DIR", Files.createTempDirectory("optimizer-service-it").toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        mongo = new MongoServer(new MemoryBackend());
        config.put("MONGO_URI", "mongodb://127.0.0.1:" + mongo.bind().getPort());
        return config;
    }

    @Override
    public void stop() {
        if (mongo != null) {
            mongo.shutdownNow();
        }
        if (kafka != null) {
            kafka.close();
        }
    }
}
