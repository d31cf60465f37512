package io.territoryos.territory.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.territoryos.territory.domain.HistoryRetention;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The retention policy applied to the history collections through the official driver, against the Mongo wire server. */
class HistoryRetentionIT {

    private static final Instant NOW = Instant.parse("2026-03-31T12:00:00Z");

    private static MongoServer mongo;
    private static MongoClient client;

    @BeforeAll
    static void start() {
        mongo = new MongoServer(new MemoryBackend());
        client = MongoClients.create(mongo.bindAndGetConnectionString());
    }

    @AfterAll
    static void stop() {
        client.close();
        mongo.shutdown();
    }

    @Test
    void shouldThinOldHistoryToOnePointPerRepPerHourThenPerDayAndKeepRecentDetail() {
        TerritoryHistoryRepository repository = new TerritoryHistoryRepository(client.getDatabase("retention_it"));
        repository.ensureIndexes();
        List<HistoryEntry> health = new ArrayList<>();
        long offset = 0;
        // 12 points in one hour 10 days ago, 24 points over one day 60 days ago, 5 points today
        for (int minute = 0; minute < 60; minute += 5) {
            health.add(entry("R-1", NOW.minus(Duration.ofDays(10)).plus(Duration.ofMinutes(minute)), offset++));
        }
        for (int hour = 0; hour < 24; hour++) {
            health.add(entry("R-1", Instant.parse("2026-01-30T00:30:00Z").plus(Duration.ofHours(hour)), offset++));
        }
        for (int minute = 0; minute < 5; minute++) {
            health.add(entry("R-1", NOW.minus(Duration.ofMinutes(minute + 1)), offset++));
        }
        HistoryEntry lastOfTheOldDay = health.get(12 + 23);
        repository.recordHealth(health);
        repository.recordBalance(List.of(balance("TEAM-A", NOW.minus(Duration.ofDays(40)), offset++),
                balance("TEAM-A", NOW.minus(Duration.ofDays(40)).plusSeconds(60), offset++)));

        long deleted = repository.applyRetention(new HistoryRetention(Duration.ofDays(7), Duration.ofDays(7), Duration.ofDays(30)), NOW);

        assertThat(deleted).isEqualTo(11 + 23 + 1);
        assertThat(repository.healthHistory("R-1", null, null)).hasSize(1 + 1 + 5);
        assertThat(repository.healthAsOf("R-1", Instant.parse("2026-01-31T00:00:00Z")))
                .get().extracting(d -> d.get("kafka_offset")).isEqualTo(lastOfTheOldDay.position().offset());
        assertThat(repository.balanceHistory("TEAM-A", null, null)).hasSize(1);
        // applying it again finds nothing more to thin
        assertThat(repository.applyRetention(new HistoryRetention(Duration.ofDays(7), Duration.ofDays(7), Duration.ofDays(30)), NOW)).isZero();
    }

    private static HistoryEntry entry(String rep, Instant at, long offset) {
        return new HistoryEntry(rep, at, new SourcePosition(0, offset), new Document("rep_id", rep).append("team", "TEAM-A"));
    }

    private static HistoryEntry balance(String team, Instant at, long offset) {
        return new HistoryEntry(team, at, new SourcePosition(0, offset), new Document("team", team));
    }
}
