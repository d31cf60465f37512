package io.territoryos.optimizer.workflow;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.territoryos.contracts.avro.AssignmentChange;
import io.territoryos.contracts.avro.ProposalStatus;
import io.territoryos.contracts.avro.RebalanceCommand;
import io.territoryos.contracts.avro.RebalanceProposal;
import io.territoryos.contracts.avro.Scope;
import io.territoryos.contracts.avro.TriggerType;
import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.Proposal.DecisionRefused;
import io.territoryos.optimizer.domain.Proposal.Refusal;
import io.territoryos.optimizer.domain.RebalanceOptions;
import io.territoryos.optimizer.domain.Rep;
import io.territoryos.optimizer.domain.RepStatus;
import io.territoryos.optimizer.domain.Tier;
import io.territoryos.optimizer.persistence.AuditEntry;
import io.territoryos.optimizer.persistence.MongoProposalStore;
import io.territoryos.optimizer.solver.CpSatRebalancer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The maker-checker rules, on the real solver and the Mongo wire server through the official driver. */
class ApprovalServiceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    /** Records what the workflow publishes, in place of the Kafka producer. */
    static final class RecordingSink implements ProposalSink {
        final List<RebalanceProposal> proposals = new ArrayList<>();
        final List<List<AssignmentChange>> assignmentBatches = new ArrayList<>();

        @Override
        public void publish(RebalanceProposal proposal) {
            proposals.add(proposal);
        }

        @Override
        public void publishAssignments(List<AssignmentChange> changes) {
            assignmentBatches.add(List.copyOf(changes));
        }
    }

    /** A fixed book: rep r1 exited holding two accounts, r2 and r3 are active. */
    static final class FixedBooks implements BookSource {
        List<Account> accounts = new ArrayList<>(List.of(
                account("a1", "r1", 100), account("a2", "r1", 60),
                account("a3", "r2", 50), account("a4", "r3", 40)));
        final List<Rep> reps = List.of(rep("r1", RepStatus.EXITED), rep("r2", RepStatus.ACTIVE), rep("r3", RepStatus.ACTIVE));

        @Override
        public Books snapshot(String team, String segment, String region, Duration timeout) {
            return new Books(List.copyOf(accounts), reps);
        }
    }

    private MongoServer server;
    private MongoClient client;
    private MongoProposalStore store;
    private RecordingSink sink;
    private FixedBooks books;
    private ProposalService proposals;
    private ApprovalService approvals;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + hostAndPort(server.bind()));
        store = new MongoProposalStore(client.getDatabase("territory_os"));
        sink = new RecordingSink();
        books = new FixedBooks();
        RebalanceOptions options = RebalanceOptions.defaults().withWorkers(1).withTimeLimit(Duration.ofSeconds(5));
        proposals = new ProposalService(books, new CpSatRebalancer(), store, sink, options, Duration.ofSeconds(1), CLOCK);
        approvals = new ApprovalService(store, sink, p -> proposals.problemFor(p.getCommand()).snapshotFingerprint(), CLOCK);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void shouldSolveACommandOnceAndRepublishTheSameProposalOnRedelivery() throws Exception {
        RebalanceProposal first = proposals.handle(command("trigger-service"));
        RebalanceProposal again = proposals.handle(command("trigger-service"));

        assertThat(first.getStatus()).isEqualTo(ProposalStatus.PENDING_APPROVAL);
        assertThat(first.getMoves()).extracting(m -> m.getAccountId()).containsExactlyInAnyOrder("a1", "a2");
        assertThat(again.getCreatedAt()).isEqualTo(first.getCreatedAt());
        assertThat(sink.proposals).hasSize(2).allSatisfy(p -> assertThat(p.getProposalId()).isEqualTo(first.getProposalId()));
        assertThat(store.auditTrail(first.getProposalId())).extracting(AuditEntry::action).containsExactly("REQUESTED", "SOLVED");
    }

    @Test
    void shouldRefuseApprovalByTheRequester() throws Exception {
        RebalanceProposal proposal = proposals.handle(command("alice"));

        assertThatThrownBy(() -> approvals.approve(proposal.getProposalId(), "alice", "looks fine"))
                .isInstanceOfSatisfying(DecisionRefused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.SELF_DECISION));
        assertThat(store.find(proposal.getProposalId()).orElseThrow().getStatus()).isEqualTo(ProposalStatus.PENDING_APPROVAL);
        assertThat(sink.assignmentBatches).isEmpty();
        assertThat(store.auditTrail(proposal.getProposalId())).extracting(AuditEntry::action).contains("REFUSED_SELF_DECISION");
    }

    @Test
    void shouldPublishEveryMoveOnceWhenApprovalIsRepeated() throws Exception {
        RebalanceProposal proposal = proposals.handle(command("alice"));

        RebalanceProposal applied = approvals.approve(proposal.getProposalId(), "bob", "ok");
        RebalanceProposal again = approvals.approve(proposal.getProposalId(), "bob", "ok, clicked twice");

        assertThat(applied.getStatus()).isEqualTo(ProposalStatus.APPLIED);
        assertThat(applied.getDecidedBy()).isEqualTo("bob");
        assertThat(again.getStatus()).isEqualTo(ProposalStatus.APPLIED);
        assertThat(sink.assignmentBatches).hasSize(1);
        assertThat(sink.proposals).extracting(RebalanceProposal::getStatus)
                .containsExactly(ProposalStatus.PENDING_APPROVAL, ProposalStatus.APPLIED);
        assertThat(sink.assignmentBatches.get(0)).extracting(AssignmentChange::getChangeId)
                .containsExactlyInAnyOrder(proposal.getProposalId() + "/a1", proposal.getProposalId() + "/a2");
        assertThat(sink.assignmentBatches.get(0)).allSatisfy(c -> {
            assertThat(c.getApprovedBy()).isEqualTo("bob");
            assertThat(c.getRequestedBy()).isEqualTo("alice");
            assertThat(c.getFromRepId()).isEqualTo("r1");
        });
        assertThat(store.auditTrail(proposal.getProposalId())).extracting(AuditEntry::action)
                .containsExactly("REQUESTED", "SOLVED", "APPROVED", "APPLIED", "APPROVAL_REPEATED");
    }

    @Test
    void shouldRefuseAProposalWhoseBooksChangedSinceItWasSolved() throws Exception {
        RebalanceProposal proposal = proposals.handle(command("trigger-service"));
        books.accounts.set(2, books.accounts.get(2).withOwner("r3")); // a3 moved in the CRM meanwhile

        assertThatThrownBy(() -> approvals.approve(proposal.getProposalId(), "bob", "ok"))
                .isInstanceOfSatisfying(DecisionRefused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.STALE));
        assertThat(store.find(proposal.getProposalId()).orElseThrow().getStatus()).isEqualTo(ProposalStatus.STALE);
        assertThat(sink.assignmentBatches).isEmpty();
        assertThat(sink.proposals).extracting(RebalanceProposal::getStatus)
                .containsExactly(ProposalStatus.PENDING_APPROVAL, ProposalStatus.STALE);
    }

    @Test
    void shouldNotApplyARejectedProposal() throws Exception {
        RebalanceProposal proposal = proposals.handle(command("trigger-service"));
        approvals.reject(proposal.getProposalId(), "bob", "wait for the QBR");

        assertThatThrownBy(() -> approvals.approve(proposal.getProposalId(), "alice", "ok"))
                .isInstanceOfSatisfying(DecisionRefused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.NOT_PENDING));
        assertThat(sink.assignmentBatches).isEmpty();
        assertThat(store.find(proposal.getProposalId()).orElseThrow().getDecisionComment()).isEqualTo("wait for the QBR");
    }

    @Test
    void shouldAnswerAnUnknownProposalWithNotFound() {
        assertThatThrownBy(() -> approvals.approve("P-nope", "bob", null))
                .isInstanceOfSatisfying(DecisionRefused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.NOT_FOUND));
    }

    private static RebalanceCommand command(String requestedBy) {
        return RebalanceCommand.newBuilder()
                .setCommandId("REP_EXIT:r1:1")
                .setType(TriggerType.REP_EXIT)
                .setScope(Scope.newBuilder().setTeam("t1").setRepIds(List.of("r1")).build())
                .setEvidence(List.of())
                .setSummary("r1 exited")
                .setRequestedBy(requestedBy)
                .setSourceEventTime(Instant.parse("2026-11-23T09:00:00Z"))
                .setIssuedAt(Instant.parse("2026-11-23T09:00:01Z"))
                .build();
    }

    private static Account account(String id, String owner, double potential) {
        return new Account(id, id, "MID_MARKET", "NA-EAST", potential, potential / 2, Tier.DEVELOP, owner, false);
    }

    private static Rep rep(String id, RepStatus status) {
        return new Rep(id, id, "t1", "MID_MARKET", "NA-EAST", status, 100, 10);
    }

    private static String hostAndPort(java.net.InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}
