package io.territoryos.optimizer.workflow;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.territoryos.contracts.avro.Evidence;
import io.territoryos.contracts.avro.HeadcountAnswer;
import io.territoryos.contracts.avro.ProposalStatus;
import io.territoryos.contracts.avro.RebalanceCommand;
import io.territoryos.contracts.avro.RebalanceProposal;
import io.territoryos.contracts.avro.Scope;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.avro.SolverStatus;
import io.territoryos.contracts.avro.TriggerType;
import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.Proposal.DecisionRefused;
import io.territoryos.optimizer.domain.Proposal.Refusal;
import io.territoryos.optimizer.domain.RebalanceOptions;
import io.territoryos.optimizer.domain.Rep;
import io.territoryos.optimizer.domain.RepStatus;
import io.territoryos.optimizer.domain.TeamPolicy;
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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Team policy, supersede and the headcount answer, on the real solver and the Mongo wire server. */
class ProposalServiceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    private MongoServer server;
    private MongoClient client;
    private MongoProposalStore store;
    private ApprovalServiceTest.RecordingSink sink;
    private ListBooks books;
    private ProposalService proposals;
    private ApprovalService approvals;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        var address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        store = new MongoProposalStore(client.getDatabase("territory_os"));
        sink = new ApprovalServiceTest.RecordingSink();
        books = new ListBooks();
        // East: R1 holds six accounts of 100k, R2 two; both MID_MARKET NA-EAST, quota 1M; R3 ENTERPRISE NA-EAST, quota 2M
        books.reps.addAll(List.of(rep("R1", "MID_MARKET", "NA-EAST", 1_000_000), rep("R2", "MID_MARKET", "NA-EAST", 1_000_000),
                rep("R3", "ENTERPRISE", "NA-EAST", 2_000_000)));
        for (int i = 1; i <= 6; i++) {
            books.accounts.add(account("R1-A" + i, "MID_MARKET", "NA-EAST", "R1"));
        }
        books.accounts.add(account("R2-A1", "MID_MARKET", "NA-EAST", "R2"));
        books.accounts.add(account("R2-A2", "MID_MARKET", "NA-EAST", "R2"));
        books.accounts.add(account("R3-A1", "ENTERPRISE", "NA-EAST", "R3"));
        RebalanceOptions options = RebalanceOptions.defaults().withTimeLimit(Duration.ofSeconds(5)).reproducible(1.0);
        proposals = new ProposalService(books, new CpSatRebalancer(), store, sink, options, Map.of("ENTERPRISE", 0.4),
                Duration.ofSeconds(1), CLOCK);
        approvals = new ApprovalService(store, sink, p -> proposals.problemFor(p.getCommand()).snapshotFingerprint(), CLOCK);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void shouldTakeTheBudgetFromTheTeamPolicyUnlessTheCommandSetsOne() throws Exception {
        books.policies.put("East", new TeamPolicy("East", false, 0.01, 0.5, TeamPolicy.OnLeave.KEEP_BOOK, true));

        RebalanceProposal byPolicy = proposals.handle(command("DRIFT:East:1", TriggerType.DRIFT, null, null, "cv", 0.4));
        RebalanceProposal byCommand = proposals.handle(withBudget(command("DRIFT:East:2", TriggerType.DRIFT, null, null, "cv", 0.4), 0.1));

        assertThat(byPolicy.getBudget().getMaxMoveFraction()).isEqualTo(0.5);
        assertThat(byCommand.getBudget().getMaxMoveFraction()).isEqualTo(0.1);
        assertThat(proposals.problemFor(command("DRIFT:West:1", TriggerType.DRIFT, null, null, "cv", 0.1)).options()
                .maxMoveFraction()).isEqualTo(TeamPolicy.DEFAULT_MAX_MOVE_FRACTION);
    }

    @Test
    void shouldSupersedeThePendingProposalOfTheTeamWithTheEvidenceOfBoth() throws Exception {
        RebalanceProposal first = proposals.handle(command("DRIFT:East:1", TriggerType.DRIFT, null, null, "coverage_cv", 0.4));
        RebalanceProposal second = proposals.handle(command("WHALE_CHURN:East:2", TriggerType.WHALE_CHURN, null, null,
                "lost_potential", 900_000));

        assertThat(first.getStatus()).isEqualTo(ProposalStatus.PENDING_APPROVAL);
        assertThat(second.getStatus()).isEqualTo(ProposalStatus.PENDING_APPROVAL);
        assertThat(second.getSupersedes()).containsExactly(first.getProposalId());
        assertThat(second.getCommand().getEvidence()).extracting(Evidence::getName)
                .containsExactly("lost_potential", "coverage_cv");
        RebalanceProposal superseded = store.find(first.getProposalId()).orElseThrow();
        assertThat(superseded.getStatus()).isEqualTo(ProposalStatus.SUPERSEDED);
        assertThat(superseded.getSupersededBy()).isEqualTo(second.getProposalId());
        assertThat(store.auditTrail(first.getProposalId())).extracting(AuditEntry::action).containsExactly("REQUESTED", "SOLVED", "SUPERSEDED");
        assertThat(sink.proposals).extracting(p -> p.getProposalId() + " " + p.getStatus()).containsExactly(
                first.getProposalId() + " PENDING_APPROVAL", first.getProposalId() + " SUPERSEDED",
                second.getProposalId() + " PENDING_APPROVAL");

        assertThatThrownBy(() -> approvals.approve(first.getProposalId(), "bob", "ok"))
                .isInstanceOfSatisfying(DecisionRefused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.SUPERSEDED))
                .hasMessageContaining(second.getProposalId());
        assertThatThrownBy(() -> approvals.reject(first.getProposalId(), "bob", "no"))
                .isInstanceOfSatisfying(DecisionRefused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.SUPERSEDED));
        assertThat(approvals.approve(second.getProposalId(), "bob", "ok").getStatus()).isEqualTo(ProposalStatus.APPLIED);
    }

    @Test
    void shouldNotRepeatASupersedeWhenTheCommandIsRedelivered() throws Exception {
        RebalanceProposal first = proposals.handle(command("DRIFT:East:1", TriggerType.DRIFT, null, null, "coverage_cv", 0.4));
        RebalanceProposal second = proposals.handle(command("DRIFT:East:2", TriggerType.DRIFT, null, null, "coverage_cv", 0.5));
        RebalanceProposal again = proposals.handle(command("DRIFT:East:2", TriggerType.DRIFT, null, null, "coverage_cv", 0.5));

        assertThat(again.getSupersedes()).containsExactly(first.getProposalId());
        assertThat(again.getCreatedAt()).isEqualTo(second.getCreatedAt());
        assertThat(store.auditTrail(first.getProposalId())).extracting(AuditEntry::action).containsExactly("REQUESTED", "SOLVED", "SUPERSEDED");
    }

    @Test
    void shouldLeaveThePendingProposalWhenTheNewOneFails() throws Exception {
        RebalanceProposal first = proposals.handle(command("DRIFT:East:1", TriggerType.DRIFT, null, null, "coverage_cv", 0.4));
        books.accounts.add(account("U-EMEA", "ENTERPRISE", "EMEA", null));
        books.policies.put("East", TeamPolicy.defaults("East").withRegional(true));

        RebalanceProposal failed = proposals.handle(command("NEW_MARKET:ENTERPRISE/EMEA:3", TriggerType.NEW_MARKET,
                Segment.ENTERPRISE, "EMEA", "uncovered_accounts", 1));

        assertThat(failed.getStatus()).isEqualTo(ProposalStatus.FAILED);
        assertThat(failed.getSupersedes()).isEmpty();
        assertThat(store.find(first.getProposalId()).orElseThrow().getStatus()).isEqualTo(ProposalStatus.PENDING_APPROVAL);
    }

    @Test
    void shouldAnswerANewMarketNoRepCanTakeWithWhatARepThereWouldHold() throws Exception {
        books.policies.put("East", TeamPolicy.defaults("East").withRegional(true));
        books.accounts.add(account("U-EMEA-1", "ENTERPRISE", "EMEA", null));
        books.accounts.add(account("U-EMEA-2", "ENTERPRISE", "EMEA", null));

        RebalanceProposal proposal = proposals.handle(command("NEW_MARKET:ENTERPRISE/EMEA:1", TriggerType.NEW_MARKET,
                Segment.ENTERPRISE, "EMEA", "uncovered_accounts", 2));

        assertThat(proposal.getStatus()).isEqualTo(ProposalStatus.FAILED);
        assertThat(proposal.getSolver().getStatus()).isEqualTo(SolverStatus.INFEASIBLE);
        assertThat(proposal.getSolver().getExplanation()).contains("U-EMEA-1", "no active rep");
        HeadcountAnswer headcount = proposal.getHeadcount();
        assertThat(headcount).isNotNull();
        assertThat(headcount.getSegment()).isEqualTo("ENTERPRISE");
        assertThat(headcount.getRegion()).isEqualTo("EMEA");
        assertThat(headcount.getQuota()).isEqualTo(1_000_000); // median of 1M, 1M, 2M
        assertThat(headcount.getAccounts()).isEqualTo(2);
        assertThat(headcount.getPotential()).isEqualTo(200_000);
        assertThat(headcount.getCoverageAfter()).isCloseTo(0.2, within(1e-9));
        assertThat(headcount.getProjectedYield()).isCloseTo(200_000 * 0.4, within(1e-6));
        assertThat(headcount.getAfter().getRepCount()).isEqualTo(4);
    }

    @Test
    void shouldCarryNoHeadcountWhenTheMarketCanBeTaken() throws Exception {
        books.accounts.add(account("U-EMEA-1", "ENTERPRISE", "EMEA", null));

        RebalanceProposal proposal = proposals.handle(command("NEW_MARKET:ENTERPRISE/EMEA:1", TriggerType.NEW_MARKET,
                Segment.ENTERPRISE, "EMEA", "uncovered_accounts", 1));

        assertThat(proposal.getStatus()).isEqualTo(ProposalStatus.PENDING_APPROVAL);
        assertThat(proposal.getHeadcount()).isNull();
        assertThat(proposal.getMoves()).anySatisfy(m -> {
            assertThat(m.getAccountId()).isEqualTo("U-EMEA-1");
            assertThat(m.getToRepId()).isEqualTo("R3");
            assertThat(m.getReason().name()).isEqualTo("NEW_MARKET");
        });
        assertThat(proposal.getPools()).isNotEmpty().allSatisfy(pool -> assertThat(pool.getRepIds()).isNotEmpty());
    }

    @Test
    void shouldRejectACommandWithoutATeam() {
        RebalanceCommand command = RebalanceCommand.newBuilder(command("DRIFT:x:1", TriggerType.DRIFT, null, null, "cv", 0.4))
                .setScope(Scope.newBuilder().build()).build();

        assertThatThrownBy(() -> proposals.handle(command)).isInstanceOfSatisfying(CommandRejected.class,
                e -> assertThat(e.errorType()).isEqualTo("INVALID"));
    }

    @Test
    void shouldTellMedianQuotas() {
        assertThat(ProposalService.medianQuota(List.of())).isZero();
        assertThat(ProposalService.medianQuota(List.of(rep("a", "SMB", "X", 3), rep("b", "SMB", "X", 1),
                rep("c", "SMB", "X", 2).withStatus(RepStatus.EXITED)))).isEqualTo(2);
    }

    private static RebalanceCommand command(String id, TriggerType type, Segment segment, String region,
                                            String evidence, double value) {
        return RebalanceCommand.newBuilder()
                .setCommandId(id)
                .setType(type)
                .setScope(Scope.newBuilder().setTeam(id.split(":")[1].contains("/") ? "East" : id.split(":")[1])
                        .setSegment(segment).setRegion(region).build())
                .setEvidence(List.of(Evidence.newBuilder().setName(evidence).setValue(value).setSubject("East").build()))
                .setSummary(type + " in East")
                .setRequestedBy("trigger-service")
                .setSourceEventTime(Instant.parse("2026-11-23T09:00:00Z"))
                .setIssuedAt(Instant.parse("2026-11-23T09:00:01Z"))
                .build();
    }

    private static RebalanceCommand withBudget(RebalanceCommand command, double fraction) {
        return RebalanceCommand.newBuilder(command).setMaxMoveFraction(fraction).build();
    }

    private static Account account(String id, String segment, String region, String owner) {
        return new Account(id, id, segment, region, 100_000, 50_000, Tier.DEVELOP, owner, false);
    }

    private static Rep rep(String id, String segment, String region, double quota) {
        return new Rep(id, id, "East", segment, region, RepStatus.ACTIVE, quota, 20);
    }
}
