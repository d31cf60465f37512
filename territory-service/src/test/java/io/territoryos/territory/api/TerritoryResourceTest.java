package io.territoryos.territory.api;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.territoryos.territory.persistence.HistoryEntry;
import io.territoryos.territory.persistence.SourcePosition;
import io.territoryos.territory.persistence.TerritoryHistoryRepository;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class TerritoryResourceTest {

    private MongoServer server;
    private String connectionString;
    private MongoClient client;
    private TerritoryResource territories;
    private TeamResource teams;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        connectionString = server.bindAndGetConnectionString();
        client = MongoClients.create(connectionString);
        TerritoryHistoryRepository repository = new TerritoryHistoryRepository(client.getDatabase("territory_os"));
        repository.ensureIndexes();
        repository.recordHealth(List.of(
                health("R1", "EAST", 100_000, "2026-03-01T10:00:00Z", 1),
                health("R1", "EAST", 200_000, "2026-03-02T10:00:00Z", 2),
                health("R2", "WEST", 700_000, "2026-03-02T11:00:00Z", 3)));
        repository.recordBalance(List.of(new HistoryEntry("EAST", Instant.parse("2026-03-02T10:00:00Z"), new SourcePosition(0, 1),
                new Document("team", "EAST").append("cv_coverage", 0.12))));
        territories = new TerritoryResource(repository);
        teams = new TeamResource(repository);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private static HistoryEntry health(String repId, String team, double potential, String at, long offset) {
        return new HistoryEntry(repId, Instant.parse(at), new SourcePosition(0, offset),
                new Document("rep_id", repId).append("team", team).append("potential_total", potential));
    }

    @Test
    void shouldAnswer503NamingTheStoreWhileItIsUnreachable() {
        server.shutdownNow();
        MongoClientSettings settings = MongoClientSettings.builder().applyConnectionString(new ConnectionString(connectionString))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(300, TimeUnit.MILLISECONDS)).build();
        try (MongoClient unreachable = MongoClients.create(settings)) {
            TerritoryResource resource = new TerritoryResource(new TerritoryHistoryRepository(unreachable.getDatabase("territory_os")));

            Throwable failure = catchThrowable(() -> resource.territory("R1"));

            assertThat(failure).isInstanceOf(MongoTimeoutException.class);
            Response answer = new StoreUnreachableMapper().toResponse((MongoTimeoutException) failure);
            assertThat(answer.getStatus()).isEqualTo(503);
            assertThat(answer.getHeaderString("Retry-After")).isEqualTo("5");
            @SuppressWarnings("unchecked") Map<String, Object> body = (Map<String, Object>) answer.getEntity();
            assertThat(body).containsEntry("error", "unavailable")
                    .hasEntrySatisfying("reason", reason -> assertThat(reason.toString()).startsWith("the MongoDB store is unreachable"));
        }
    }

    @Test
    void shouldFilterCurrentTerritoriesByTeam() {
        assertThat(territories.territories("WEST")).extracting(m -> m.get("rep_id")).containsExactly("R2");
        assertThat(territories.territories(null)).hasSize(2);
        assertThat(territories.territory("R1")).containsEntry("potential_total", 200_000.0);
    }

    @Test
    void shouldReadADateAsTheEndOfThatDay() {
        assertThat(territories.asOf("R1", "2026-03-01")).containsEntry("potential_total", 100_000.0);
        assertThat(territories.asOf("R1", "2026-03-02T09:59:59Z")).containsEntry("potential_total", 100_000.0);
        assertThat(territories.asOf("R1", "2026-03-02")).containsEntry("potential_total", 200_000.0);
    }

    @Test
    void shouldLimitHistoryToTheRequestedDays() {
        assertThat(territories.history("R1", "2026-03-02", "2026-03-02")).extracting(m -> m.get("potential_total"))
                .containsExactly(200_000.0);
        assertThat(territories.history("R1", null, null)).hasSize(2);
    }

    @Test
    void shouldAnswerNotFoundAndBadRequest() {
        assertThatThrownBy(() -> territories.territory("nobody")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> territories.asOf("R1", "2026-02-01")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> territories.asOf("R1", null)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> territories.asOf("R1", "last tuesday")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> teams.balance("NORTH")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void shouldServeTeamBalances() {
        assertThat(teams.teams()).extracting(m -> m.get("team")).containsExactly("EAST");
        assertThat(teams.balance("EAST")).containsEntry("cv_coverage", 0.12);
        assertThat(teams.history("EAST", "2026-03-02", null)).hasSize(1);
    }
}
