package io.territoryos.testkit.service;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.territoryos.contracts.Topics;
import io.territoryos.testkit.EmbeddedKafka;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * For a packaged service under test ({@code @QuarkusIntegrationTest}): a real in-process broker with the product's
 * topics, a fresh Kafka Streams state directory, a static group member id ({@link #instanceId()}) and, with
 * {@code mongo=true}, a Mongo wire server. Init args:
 * {@value #SERVICE} (names the state directory) and {@value #MONGO}.
 */
public class ServiceStackResource implements QuarkusTestResourceLifecycleManager {

    public static final String SERVICE = "service";
    public static final String MONGO = "mongo";

    /** The broker of the service under test (one at a time per test JVM). */
    private static volatile String bootstrapServers;
    /** The static group member id the service under test is started with ({@code KAFKA_GROUP_INSTANCE_ID}). */
    private static volatile String instanceId;

    private String service = "service";
    private boolean withMongo;
    private EmbeddedKafka kafka;
    private MongoWire mongo;

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.getOrDefault(SERVICE, service);
        withMongo = Boolean.parseBoolean(initArgs.getOrDefault(MONGO, "false"));
    }

    @Override
    public Map<String, String> start() {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(Topics.ALL);
        Map<String, String> config = new HashMap<>();
        config.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        bootstrapServers = kafka.bootstrapServers();
        instanceId = service + "-it-1";
        config.put("KAFKA_GROUP_INSTANCE_ID", instanceId);
        try {
            config.put("KAFKA_STREAMS_STATE_DIR", Files.createTempDirectory(service + "-it").toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (withMongo) {
            mongo = MongoWire.start();
            config.put("MONGO_URI", mongo.uri());
        }
        return config;
    }

    public static String bootstrapServers() {
        return bootstrapServers;
    }

    public static String instanceId() {
        return instanceId;
    }

    @Override
    public void stop() {
        if (mongo != null) {
            mongo.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }
}
