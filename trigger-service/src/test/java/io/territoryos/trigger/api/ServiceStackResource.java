package io.territoryos.trigger.api;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.territoryos.contracts.Topics;
import io.territoryos.testkit.EmbeddedKafka;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/** A real in-process broker with the product's topics for the packaged service under test. */
public class ServiceStackResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedKafka kafka;

    @Override
    public Map<String, String> start() {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(Topics.ALL);
        Map<String, String> config = new HashMap<>();
        config.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        try {
            config.put("KAFKA_STREAMS_STATE_DIR", Files.createTempDirectory("trigger-service-it").toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return config;
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }
}
