package io.territoryos.optimizer.config;

import com.mongodb.client.MongoClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the proposal store answers a ping: without it no command is solved and no proposal is served. */
@Readiness
@ApplicationScoped
public class MongoReadinessCheck implements HealthCheck {

    private final MongoClient client;
    private final OptimizerConfig config;

    MongoReadinessCheck(MongoClient client, OptimizerConfig config) {
        this.client = client;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            client.getDatabase(config.mongo().database()).runCommand(new Document("ping", 1));
            return HealthCheckResponse.up("mongodb");
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("mongodb").down().withData("error", e.toString()).build();
        }
    }
}
