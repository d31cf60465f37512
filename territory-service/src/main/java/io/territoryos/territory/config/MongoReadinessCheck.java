package io.territoryos.territory.config;

import com.mongodb.client.MongoClient;
import org.bson.Document;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import jakarta.enterprise.context.ApplicationScoped;

/** Ready only when the MongoDB read model answers a ping (the REST API reads from it). */
@Readiness
@ApplicationScoped
public class MongoReadinessCheck implements HealthCheck {

    private final MongoClient client;
    private final TerritoryServiceConfig config;

    MongoReadinessCheck(MongoClient client, TerritoryServiceConfig config) {
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
