package io.territoryos.territory.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.territoryos.contracts.avro.TeamBalance;
import io.territoryos.contracts.avro.TerritoryHealth;
import io.territoryos.territory.domain.HealthPolicy;
import io.territoryos.territory.domain.HistoryResolution;
import io.territoryos.territory.domain.RepProfile;
import io.territoryos.territory.domain.SegmentConversion;
import io.territoryos.territory.domain.TeamBalanceReport;
import io.territoryos.territory.domain.TerritoryAccumulator;
import io.territoryos.territory.domain.TerritoryHealthCalculator;
import io.territoryos.territory.domain.AccountContribution;
import io.territoryos.territory.domain.Money;
import io.territoryos.territory.mapping.AvroMapping;
import io.territoryos.territory.mapping.Documents;
import io.territoryos.contracts.avro.Motion;
import io.territoryos.contracts.avro.RepStatus;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.avro.Tier;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TerritoryHistoryRepositoryTest {

    private static final Instant MARCH_1 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant MARCH_5 = Instant.parse("2026-03-05T00:00:00Z");
    private static final Instant MARCH_9 = Instant.parse("2026-03-09T00:00:00Z");

    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;
    private TerritoryHistoryRepository repository;

    @BeforeEach
    void startMongo() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        database = client.getDatabase("territory_os");
        repository = new TerritoryHistoryRepository(database);
        repository.ensureIndexes();
    }

    @AfterEach
    void stopMongo() {
        client.close();
        server.shutdownNow();
    }

    private static TerritoryHealth health(String repId, String team, double potential, Instant at) {
        RepProfile rep = new RepProfile(repId, "Rep " + repId, RepStatus.ACTIVE, Motion.NEW_BUSINESS, Segment.MID_MARKET,
                "NA-EAST", team, 100_000, 100);
        TerritoryAccumulator book = TerritoryAccumulator.empty(repId).plus(
                new AccountContribution("A-" + repId, repId, Money.toCents(potential), 0, 0, Tier.TIER_1, false, 1));
        var report = new TerritoryHealthCalculator(HealthPolicy.defaults()).health(book, rep, SegmentConversion::defaults);
        return AvroMapping.territoryHealth(report, at.toEpochMilli(), at.toEpochMilli());
    }

    private static HistoryEntry entry(TerritoryHealth health, int partition, long offset) {
        return new HistoryEntry(health.getRepId(), health.getSourceEventTime(), new SourcePosition(partition, offset),
                Documents.toDocument(health));
    }

    @Test
    void shouldDropAForgottenRepFromTheCurrentViewButKeepItsHistory() {
        repository.recordHealth(List.of(entry(health("R1", "EAST", 300_000, MARCH_1), 0, 10),
                entry(health("R2", "EAST", 200_000, MARCH_1), 0, 11)));

        repository.forgetHealth("R1");

        assertThat(repository.currentHealthOf("R1")).isEmpty();
        assertThat(repository.currentHealth("EAST")).extracting(d -> d.getString("_id")).containsExactly("R2");
        assertThat(repository.healthHistory("R1", null, null)).hasSize(1);
    }

    @Test
    void shouldKeepOneDocumentPerRecordWhenATopicIsReplayed() {
        List<HistoryEntry> batch = List.of(
                entry(health("R1", "EAST", 300_000, MARCH_1), 0, 10),
                entry(health("R1", "EAST", 500_000, MARCH_5), 0, 11));

        repository.recordHealth(batch);
        repository.recordHealth(batch); // a consumer restart re-reads from its last committed offset

        assertThat(database.getCollection(TerritoryHistoryRepository.HEALTH_HISTORY).countDocuments()).isEqualTo(2);
        assertThat(database.getCollection(TerritoryHistoryRepository.HEALTH).countDocuments()).isEqualTo(1);
        assertThat(repository.currentHealthOf("R1")).get()
                .satisfies(d -> assertThat(d.getDouble("potential_total")).isEqualTo(500_000.0));
    }

    @Test
    void shouldKeepOnePointPerRepPerSecondHoldingTheLastRecordOfThatSecond() {
        TerritoryHistoryRepository perSecond = new TerritoryHistoryRepository(database, new HistoryResolution(Duration.ofSeconds(1)));
        Instant second = Instant.parse("2026-03-01T10:00:00Z");
        List<HistoryEntry> first = List.of(
                entry(health("R1", "EAST", 100_000, second.plusMillis(100)), 0, 10),
                entry(health("R1", "EAST", 200_000, second.plusMillis(600)), 0, 11),
                entry(health("R2", "EAST", 900_000, second.plusMillis(700)), 1, 4),
                entry(health("R1", "EAST", 300_000, second.plusMillis(1_200)), 0, 12));
        List<HistoryEntry> next = List.of(entry(health("R1", "EAST", 400_000, second.plusMillis(1_900)), 0, 13));

        perSecond.recordHealth(first);
        perSecond.recordHealth(next); // a later poll: its record replaces the same second's earlier one
        perSecond.recordHealth(next); // a restart re-reads from the last committed offset

        assertThat(perSecond.healthHistory("R1", null, null)).extracting(d -> d.getDouble("potential_total"))
                .containsExactly(200_000.0, 400_000.0);
        assertThat(perSecond.healthHistory("R2", null, null)).hasSize(1);
        assertThat(database.getCollection(TerritoryHistoryRepository.HEALTH_HISTORY).countDocuments()).isEqualTo(3);
        assertThat(perSecond.healthAsOf("R1", second.plusMillis(999))).get()
                .satisfies(d -> assertThat(d.getLong("kafka_offset")).isEqualTo(11L));
        assertThat(perSecond.currentHealthOf("R1")).get()
                .satisfies(d -> assertThat(d.getDouble("potential_total")).isEqualTo(400_000.0));

        perSecond.recordHealth(java.util.stream.Stream.concat(first.stream(), next.stream()).toList()); // a replay from the start

        assertThat(perSecond.healthHistory("R1", null, null)).extracting(d -> d.getDouble("potential_total"))
                .containsExactly(200_000.0, 400_000.0);
    }

    @Test
    void shouldTakeRecordsAlreadyStoredUnderTheOtherIdSchemeAsStoredWhenTheResolutionChanges() {
        Instant second = Instant.parse("2026-03-01T10:00:00Z");
        List<HistoryEntry> batch = List.of(entry(health("R1", "EAST", 100_000, second.plusMillis(100)), 0, 10),
                entry(health("R1", "EAST", 200_000, second.plusMillis(600)), 0, 11));
        repository.recordHealth(batch); // one document per record
        TerritoryHistoryRepository perSecond = new TerritoryHistoryRepository(database, new HistoryResolution(Duration.ofSeconds(1)));

        perSecond.recordHealth(batch); // re-read after an upgrade to one point per second: the same positions again

        assertThat(perSecond.healthHistory("R1", null, null)).extracting(d -> d.getLong("kafka_offset")).containsExactly(10L, 11L);
        assertThat(perSecond.currentHealthOf("R1")).get()
                .satisfies(d -> assertThat(d.getDouble("potential_total")).isEqualTo(200_000.0));
    }

    @Test
    void shouldRefuseASecondDocumentForTheSameRepAndPosition() {
        repository.recordHealth(List.of(entry(health("R1", "EAST", 300_000, MARCH_1), 0, 10)));
        Document duplicate = new Document("_id", "other-id").append("rep_id", "R1")
                .append("kafka_partition", 0).append("kafka_offset", 10L);

        assertThatThrownBy(() -> database.getCollection(TerritoryHistoryRepository.HEALTH_HISTORY).insertOne(duplicate))
                .hasMessageContaining("duplicate key");
    }

    @Test
    void shouldAnswerWhatATerritoryLookedLikeOnADate() {
        repository.recordHealth(List.of(
                entry(health("R1", "EAST", 300_000, MARCH_1), 0, 10),
                entry(health("R2", "EAST", 900_000, MARCH_5), 1, 3),
                entry(health("R1", "EAST", 500_000, MARCH_9), 0, 11)));

        assertThat(repository.healthAsOf("R1", MARCH_5)).get()
                .satisfies(d -> assertThat(d.getDouble("potential_total")).isEqualTo(300_000.0));
        assertThat(repository.healthAsOf("R1", MARCH_9)).get()
                .satisfies(d -> assertThat(d.getDouble("potential_total")).isEqualTo(500_000.0));
        assertThat(repository.healthAsOf("R1", MARCH_1.minusSeconds(1))).isEmpty();
        assertThat(repository.healthHistory("R1", MARCH_1, MARCH_5)).hasSize(1);
        assertThat(repository.healthHistory("R1", null, null))
                .extracting(d -> d.getDouble("potential_total")).containsExactly(300_000.0, 500_000.0);
    }

    @Test
    void shouldListCurrentHealthByTeamWithItsQuotaChecks() {
        repository.recordHealth(List.of(
                entry(health("R1", "EAST", 300_000, MARCH_1), 0, 10),
                entry(health("R2", "WEST", 900_000, MARCH_1), 1, 3)));

        List<Document> east = repository.currentHealth("EAST");
        assertThat(east).extracting(d -> d.getString("rep_id")).containsExactly("R1");
        Map<String, Object> json = Documents.toJson(east.get(0));
        assertThat(json).containsEntry("band", "ADEQUATE").containsEntry("source_event_time", "2026-03-01T00:00:00Z")
                .doesNotContainKey("_id");
        assertThat(json.get("quota_validation")).isInstanceOfSatisfying(Map.class,
                check -> assertThat(check).containsEntry("win_rate", 0.25));
        assertThat(repository.currentHealth(null)).hasSize(2);
    }

    @Test
    void shouldKeepTeamBalanceHistoryAndTheCurrentBalance() {
        TeamBalanceReport report = new TeamBalanceReport("EAST", 2, 1_000_000, 500_000, 0.2, 0.2, 0.1, 0.1, 1.5, 0);
        TeamBalance march1 = AvroMapping.teamBalance(report, MARCH_1.toEpochMilli(), MARCH_1.toEpochMilli());
        TeamBalance march5 = AvroMapping.teamBalance(
                new TeamBalanceReport("EAST", 2, 1_000_000, 500_000, 0.0, 0.0, 0.0, 0.0, 1.0, 0),
                MARCH_5.toEpochMilli(), MARCH_5.toEpochMilli());
        repository.recordBalance(List.of(
                new HistoryEntry("EAST", MARCH_1, new SourcePosition(0, 1), Documents.toDocument(march1)),
                new HistoryEntry("EAST", MARCH_5, new SourcePosition(0, 2), Documents.toDocument(march5))));

        assertThat(repository.currentBalanceOf("EAST")).get().satisfies(d -> assertThat(d.getDouble("cv_coverage")).isZero());
        assertThat(repository.balanceHistory("EAST", null, MARCH_1)).extracting(d -> d.getDouble("cv_coverage")).containsExactly(0.2);
        assertThat(repository.currentBalances()).extracting(d -> d.getString("team")).containsExactly("EAST");
    }
}
