package io.territoryos.scoring.api;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.territoryos.contracts.Topics;
import io.territoryos.testkit.EmbeddedKafka;

import java.nio.file.Files;
import java.util.Map;

/** A real in-process broker with the product's topics for the packaged service under test. */
public class EmbeddedKafkaResource implements QuarkusTestResourceLifecycleManager {

    static final String INSTANCE_ID = "scoring-service-it-1";
    static EmbeddedKafka kafka;

    @Override
    public Map<String, String> start() {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(Topics.ALL);
        try {
            return Map.of(
                    "kafka.bootstrap.servers", kafka.bootstrapServers(),
                    "KAFKA_GROUP_INSTANCE_ID", INSTANCE_ID,
                    "kafka-streams.state.dir", Files.createTempDirectory("scoring-service-it").toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }
}
