package io.territoryos.territory.config;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.territoryos.territory.domain.HistoryResolution;
import io.territoryos.territory.persistence.TerritoryHistoryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.concurrent.TimeUnit;

/** The MongoDB client (official sync driver) and the history repository on top of it. */
@ApplicationScoped
public class MongoProducer {

    @Produces
    @Singleton
    MongoClient mongoClient(TerritoryServiceConfig config) {
        // fail fast when the store is away, so readiness and REST answer instead of hanging for the driver's 30 s
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(config.mongo().uri()))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(2, TimeUnit.SECONDS))
                .build();
        return MongoClients.create(settings);
    }

    void close(@Disposes MongoClient client) {
        client.close();
    }

    @Produces
    @Singleton
    TerritoryHistoryRepository repository(MongoClient client, TerritoryServiceConfig config) {
        return new TerritoryHistoryRepository(client.getDatabase(config.mongo().database()),
                new HistoryResolution(config.history().resolution()));
    }
}
