package io.territoryos.optimizer.workflow;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.territoryos.contracts.avro.AssignmentChange;
import io.territoryos.contracts.avro.ProposalStatus;
import io.territoryos.contracts.avro.RebalanceCommand;
import io.territoryos.contracts.avro.RebalanceProposal;
import io.territoryos.contracts.avro.TriggerType;
import io.territoryos.contracts.balance.Balance;
import io.territoryos.optimizer.domain.Proposal.DecisionRefused;
import io.territoryos.optimizer.domain.Proposal.Refusal;
import io.territoryos.optimizer.persistence.MongoProposalStore;
import io.territoryos.optimizer.solver.CpSatRebalancer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** A maker's rebalance request: a MANUAL command with the team's CV as evidence, which the maker cannot approve. */
class RebalanceRequestServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final TeamBooks books = new TeamBooks();
    private final List<RebalanceCommand> published = new ArrayList<>();
    private final RebalanceRequestService requests =
            new RebalanceRequestService(books, published::add, Duration.ofSeconds(1), CLOCK);

    @Test
    void shouldPublishAManualCommandForTheTeamWithTheRequesterAndTheTeamsCoverageCv() throws Exception {
        RebalanceCommand command = requests.request("East", 0.3, "Q4 planning", "carol");

        assertThat(published).containsExactly(command);
        assertThat(command.getCommandId()).isEqualTo("MANUAL:East:carol:" + NOW.toEpochMilli());
        assertThat(command.getType()).isEqualTo(TriggerType.MANUAL);
        assertThat(command.getScope().getTeam()).isEqualTo("East");
        assertThat(command.getRequestedBy()).isEqualTo("carol");
        assertThat(command.getMaxMoveFraction()).isEqualTo(0.3);
        assertThat(command.getSummary()).contains("Q4 planning");
        // East's coverage ratios are 0.6, 0.2 and 0.3 (West's rep does not count)
        assertThat(command.getEvidence()).singleElement().satisfies(evidence -> {
            assertThat(evidence.getName()).isEqualTo("coverage_cv");
            assertThat(evidence.getValue()).isCloseTo(Balance.coefficientOfVariation(new double[] {0.6, 0.2, 0.3}), within(1e-12));
        });
    }

    @Test
    void shouldRefuseABudgetOutsideZeroToOneOrATeamWithoutRepsAndPublishNothing() {
        assertThatThrownBy(() -> requests.request("East", 1.5, null, "carol"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max_move_fraction");
        assertThatThrownBy(() -> requests.request("North", null, null, "carol"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("North");
        assertThat(published).isEmpty();
    }

    @Test
    void shouldLetAnotherCheckerButNotTheMakerApproveTheManualRebalance() throws Exception {
        MongoServer server = new MongoServer(new MemoryBackend());
        var address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort())) {
            MongoProposalStore store = new MongoProposalStore(client.getDatabase("territory_os"));
            ApprovalServiceTest.RecordingSink sink = new ApprovalServiceTest.RecordingSink();
            ProposalService proposals = new ProposalService(books, new CpSatRebalancer(), store, sink,
                    TeamBooks.options(), Duration.ofSeconds(1), CLOCK);
            ApprovalService approvals = new ApprovalService(store, sink,
                    p -> proposals.problemFor(p.getCommand()).snapshotFingerprint(), CLOCK);

            RebalanceProposal proposal = proposals.handle(requests.request("East", null, "E1 is overloaded", "alice"));

            assertThat(proposal.getStatus()).isEqualTo(ProposalStatus.PENDING_APPROVAL);
            assertThatThrownBy(() -> approvals.approve(proposal.getProposalId(), "alice", "mine, fine"))
                    .isInstanceOfSatisfying(DecisionRefused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.SELF_DECISION));
            assertThat(sink.assignmentBatches).isEmpty();

            approvals.approve(proposal.getProposalId(), "bob", "agreed");

            assertThat(sink.assignmentBatches).singleElement().satisfies(batch -> assertThat(batch)
                    .hasSize(proposal.getMoves().size())
                    .allSatisfy((AssignmentChange change) -> {
                        assertThat(change.getRequestedBy()).isEqualTo("alice");
                        assertThat(change.getApprovedBy()).isEqualTo("bob");
                    }));
        } finally {
            server.shutdownNow();
        }
    }
}
