package io.territoryos.scoring.api;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.territoryos.contracts.Topics;
import io.territoryos.testkit.EmbeddedKafka;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

/** An in-process broker that takes only SASL, with a SCRAM-SHA-256 user for the packaged service under test. */
public class SaslKafkaResource implements QuarkusTestResourceLifecycleManager {

    static final String USER = "scoring-service";
    static final String PASSWORD = "scoring-secret-for-the-test";

    static EmbeddedKafka kafka;

    @Override
    public Map<String, String> start() {
        kafka = EmbeddedKafka.startWithSasl();
        kafka.createScramUser(USER, PASSWORD);
        kafka.createTopics(Topics.ALL);
        Map<String, String> scram = EmbeddedKafka.scramClientProperties(USER, PASSWORD);
        try {
            return Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "KAFKA_SECURITY_PROTOCOL", scram.get("security.protocol"),
                    "KAFKA_SASL_MECHANISM", scram.get("sasl.mechanism"),
                    "KAFKA_SASL_JAAS_CONFIG", scram.get("sasl.jaas.config"),
                    "KAFKA_STREAMS_STATE_DIR", Files.createTempDirectory("scoring-service-sasl-it").toString());
        } catch (IOException e) {
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
