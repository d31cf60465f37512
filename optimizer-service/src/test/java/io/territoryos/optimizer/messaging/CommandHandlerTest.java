package io.territoryos.optimizer.messaging;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.AssignmentChange;
import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.avro.RebalanceCommand;
import io.territoryos.contracts.avro.RebalanceProposal;
import io.territoryos.contracts.avro.Scope;
import io.territoryos.contracts.avro.TriggerType;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.RebalanceOptions;
import io.territoryos.optimizer.domain.Rep;
import io.territoryos.optimizer.domain.RepStatus;
import io.territoryos.optimizer.domain.Tier;
import io.territoryos.optimizer.persistence.MongoProposalStore;
import io.territoryos.optimizer.solver.CpSatRebalancer;
import io.territoryos.optimizer.workflow.BookSource;
import io.territoryos.optimizer.workflow.CommandScheduler;
import io.territoryos.optimizer.workflow.ProposalService;
import io.territoryos.optimizer.workflow.ProposalSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One command record from bytes to an answer, on the real solver and the Mongo wire server: an unreadable record
 * and an invalid command are dead-lettered and answered; a MongoDB that is down is waited out, not dead-lettered.
 */
class CommandHandlerTest {

    private final List<RebalanceProposal> published = new CopyOnWriteArrayList<>();
    private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    private int port;
    private MongoServer server;
    private MongoClient client;
    private CommandScheduler scheduler;
    private CommandHandler handler;

    @BeforeEach
    void setUp() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", port);
        client = MongoClients.create("mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=3000&connectTimeoutMS=3000");
        MongoProposalStore store = new MongoProposalStore(client.getDatabase("territory_os"));
        BookSource books = (team, segment, region, timeout) -> new BookSource.Books(
                List.of(account("a1", "r1"), account("a2", "r1"), account("a3", "r2")),
                List.of(rep("r1", RepStatus.EXITED), rep("r2", RepStatus.ACTIVE), rep("r3", RepStatus.ACTIVE)));
        ProposalSink sink = new ProposalSink() {
            @Override
            public void publish(RebalanceProposal proposal) {
                published.add(proposal);
            }

            @Override
            public void publishAssignments(List<AssignmentChange> changes) {
            }
        };
        ProposalService proposals = new ProposalService(books, new CpSatRebalancer(), store, sink,
                RebalanceOptions.defaults().withWorkers(1).withTimeLimit(Duration.ofSeconds(5)), Duration.ofSeconds(1),
                Clock.systemUTC());
        scheduler = new CommandScheduler(2, 10, Duration.ofMillis(100), Duration.ofMillis(200), null);
        handler = new CommandHandler(proposals, scheduler, (topic, key, letter) -> {
            assertThat(topic).isEqualTo(Topics.REBALANCE_COMMANDS_DLQ.name());
            deadLetters.add(letter);
        }, Map.of(), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        scheduler.close();
        client.close();
        server.shutdownNow();
    }

    @Test
    void shouldAnswerACommandWithAStoredAndPublishedProposal() throws Exception {
        handler.handle("rebalance.commands", 0, 7, "t1", bytes(command("REP_EXIT:r1:1", "t1"))).get(30, TimeUnit.SECONDS);

        assertThat(published).extracting(RebalanceProposal::getProposalId).containsExactly("P-REP_EXIT.r1.1");
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void shouldDeadLetterARecordThatCannotBeRead() throws Exception {
        handler.handle("rebalance.commands", 1, 8, "t1", new byte[]{1, 2, 3}).get(10, TimeUnit.SECONDS);

        assertThat(deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.getErrorType()).isEqualTo("PARSE");
            assertThat(letter.getSourcePartition()).isEqualTo(1);
            assertThat(letter.getSourceOffset()).isEqualTo(8);
            assertThat(letter.getOriginalValue().array()).containsExactly(1, 2, 3);
        });
        assertThat(published).isEmpty();
    }

    @Test
    void shouldDeadLetterACommandThatNamesNoTeam() throws Exception {
        RebalanceCommand noTeam = RebalanceCommand.newBuilder(command("DRIFT:x:1", "t1"))
                .setScope(Scope.newBuilder().build()).build();

        handler.handle("rebalance.commands", 0, 9, null, bytes(noTeam)).get(10, TimeUnit.SECONDS);

        assertThat(deadLetters).singleElement().satisfies(letter -> assertThat(letter.getErrorType()).isEqualTo("INVALID"));
    }

    @Test
    void shouldWaitOutAMongoDbThatIsDownInsteadOfDeadLetteringTheCommand() throws Exception {
        server.shutdownNow();

        CompletableFuture<Void> answered = handler.handle("rebalance.commands", 0, 10, "t1",
                bytes(command("REP_EXIT:r1:2", "t1")));
        Thread.sleep(1_500); // several attempts fail meanwhile

        assertThat(answered).isNotDone();
        assertThat(deadLetters).isEmpty();
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", port);
        answered.get(30, TimeUnit.SECONDS);
        assertThat(published).extracting(RebalanceProposal::getProposalId).containsExactly("P-REP_EXIT.r1.2");
        assertThat(deadLetters).isEmpty();
    }

    private static byte[] bytes(RebalanceCommand command) {
        return AvroSerdes.valueSerde(RebalanceCommand.class, Map.of()).serializer().serialize("rebalance.commands", command);
    }

    private static RebalanceCommand command(String id, String team) {
        return RebalanceCommand.newBuilder()
                .setCommandId(id)
                .setType(TriggerType.REP_EXIT)
                .setScope(Scope.newBuilder().setTeam(team).setRepIds(List.of("r1")).build())
                .setEvidence(List.of())
                .setSummary("r1 exited")
                .setRequestedBy("trigger-service")
                .setSourceEventTime(Instant.parse("2026-11-23T09:00:00Z"))
                .setIssuedAt(Instant.parse("2026-11-23T09:00:01Z"))
                .build();
    }

    private static Account account(String id, String owner) {
        return new Account(id, id, "MID_MARKET", "NA-EAST", 100, 50, Tier.DEVELOP, owner, false);
    }

    private static Rep rep(String id, RepStatus status) {
        return new Rep(id, id, "t1", "MID_MARKET", "NA-EAST", status, 100, 10);
    }
}
