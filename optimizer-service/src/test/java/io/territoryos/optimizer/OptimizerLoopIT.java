package io.territoryos.optimizer;

import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.Evidence;
import io.territoryos.contracts.avro.HeadcountAnswer;
import io.territoryos.contracts.avro.Move;
import io.territoryos.contracts.avro.MoveReason;
import io.territoryos.contracts.avro.PoolFigures;
import io.territoryos.contracts.avro.ProposalStatus;
import io.territoryos.contracts.avro.RebalanceCommand;
import io.territoryos.contracts.avro.RebalanceProposal;
import io.territoryos.contracts.avro.RepImpact;
import io.territoryos.contracts.avro.RepStatus;
import io.territoryos.contracts.avro.Scope;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.avro.SolverStatus;
import io.territoryos.contracts.avro.TriggerType;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.optimizer.domain.Proposal.DecisionRefused;
import io.territoryos.optimizer.domain.Proposal.Refusal;
import io.territoryos.optimizer.mapping.ProposalMapping;
import io.territoryos.optimizer.testing.OptimizerLoop;
import io.territoryos.testkit.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import io.territoryos.optimizer.messaging.CommandHandler;
import io.territoryos.optimizer.workflow.CommandScheduler;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The optimizer's loop on a real in-process broker and the Mongo wire server, with a two-segment, three-region
 * organisation. North is regional (by its policy on config.team-policies): MID_MARKET reps in NA-EAST, NA-WEST
 * and EMEA, one NA-WEST rep exited with four accounts, ENTERPRISE in NA-EAST only, one of them on leave with a
 * locked account. South is not regional: ENTERPRISE reps in NA-WEST and NA-EAST. Two ENTERPRISE accounts in EMEA
 * are unassigned (a new market), one MID_MARKET account names an owner the CRM does not know.
 * <p>
 * Commands go through {@link CommandHandler} and {@link CommandScheduler} (two solver threads) as in the service;
 * this test's consumer commits an offset once every record before it is answered, as the throttled strategy does.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OptimizerLoopIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
    private static final String GROUP = "optimizer-loop-it";
    private static final int SOLVERS = 2;

    private static EmbeddedKafka kafka;
    private static OptimizerLoop loop;
    private static KafkaProducer<String, RebalanceCommand> commands;
    private static final List<String> started = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(Topics.ALL);
        loop = OptimizerLoop.start(kafka.bootstrapServers(), new OptimizerLoop.Settings(GROUP, "optimizer-loop-it",
                Duration.ofSeconds(1), Map.of("ENTERPRISE", 0.20), PATIENCE, SOLVERS,
                (team, label, urgency, attempt, waited) -> started.add(label)));
        commands = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), AvroSerdes.valueSerde(RebalanceCommand.class, Map.of()).serializer());
        publishOrganisation();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (loop != null) {
            loop.close();
        }
        if (commands != null) {
            commands.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private static void publishOrganisation() throws Exception {
        try (OrgBooks org = new OrgBooks(kafka.bootstrapServers(), T0)) {
            org.rep("N-E1", "North", Segment.MID_MARKET, "NA-EAST", RepStatus.ACTIVE, 1_000_000)
                    .rep("N-E2", "North", Segment.MID_MARKET, "NA-EAST", RepStatus.ACTIVE, 1_000_000)
                    .rep("N-W1", "North", Segment.MID_MARKET, "NA-WEST", RepStatus.ACTIVE, 1_000_000)
                    .rep("N-W2", "North", Segment.MID_MARKET, "NA-WEST", RepStatus.ACTIVE, 1_000_000)
                    .rep("N-W3", "North", Segment.MID_MARKET, "NA-WEST", RepStatus.EXITED, 1_000_000)
                    .rep("N-M1", "North", Segment.MID_MARKET, "EMEA", RepStatus.ACTIVE, 1_000_000)
                    .rep("N-EN1", "North", Segment.ENTERPRISE, "NA-EAST", RepStatus.ACTIVE, 2_000_000)
                    .rep("N-EN2", "North", Segment.ENTERPRISE, "NA-EAST", RepStatus.ON_LEAVE, 2_000_000)
                    .rep("S-1", "South", Segment.ENTERPRISE, "NA-WEST", RepStatus.ACTIVE, 2_000_000)
                    .rep("S-2", "South", Segment.ENTERPRISE, "NA-WEST", RepStatus.ACTIVE, 2_000_000)
                    .rep("S-3", "South", Segment.ENTERPRISE, "NA-EAST", RepStatus.ACTIVE, 2_000_000);
            org.accounts("N-E1-A", 3, "N-E1", Segment.MID_MARKET, "NA-EAST", 100_000, null)
                    .accounts("N-E2-A", 3, "N-E2", Segment.MID_MARKET, "NA-EAST", 100_000, null)
                    .accounts("U-MM-EAST", 2, null, Segment.MID_MARKET, "NA-EAST", 100_000, null)
                    .accounts("N-W1-A", 3, "N-W1", Segment.MID_MARKET, "NA-WEST", 100_000, null)
                    .accounts("N-W2-A", 3, "N-W2", Segment.MID_MARKET, "NA-WEST", 100_000, null)
                    .accounts("N-W3-A", 4, "N-W3", Segment.MID_MARKET, "NA-WEST", 100_000, null)
                    .accounts("N-M1-A", 2, "N-M1", Segment.MID_MARKET, "EMEA", 100_000, null)
                    .accounts("N-EN1-A", 2, "N-EN1", Segment.ENTERPRISE, "NA-EAST", 200_000, null)
                    .accounts("N-EN2-A", 3, "N-EN2", Segment.ENTERPRISE, "NA-EAST", 200_000, "N-EN2-A-1")
                    .accounts("GHOST-A", 1, "GHOST-9", Segment.MID_MARKET, "NA-EAST", 100_000, null)
                    .accounts("S-1-A", 8, "S-1", Segment.ENTERPRISE, "NA-WEST", 100_000, null)
                    .accounts("S-2-A", 2, "S-2", Segment.ENTERPRISE, "NA-WEST", 100_000, null)
                    .accounts("S-3-A", 2, "S-3", Segment.ENTERPRISE, "NA-EAST", 100_000, null)
                    .accounts("U-ENT-EMEA", 2, null, Segment.ENTERPRISE, "EMEA", 200_000, null);
            // version 2 is North's policy; a late replay of version 1 must not undo it
            org.policy("North", 2, true, 0.2)
                    .policy("North", 1, false, 0.15)
                    .policy("South", 1, false, 0.5);
            // the urgency check's teams: all on one partition of rebalance.commands, so they arrive together
            for (String team : sameLatePartitionTeams()) {
                org.rep(team + "-R1", team, Segment.SMB, "APAC", RepStatus.ACTIVE, 1_000_000)
                        .rep(team + "-R2", team, Segment.SMB, "APAC", RepStatus.ACTIVE, 1_000_000)
                        .accounts(team + "-A", 8, team + "-R1", Segment.SMB, "APAC", 100_000, null);
            }
            org.rep("Solo-R1", "Solo", Segment.SMB, "APAC", RepStatus.ACTIVE, 1_000_000)
                    .rep("Solo-R2", "Solo", Segment.SMB, "APAC", RepStatus.ACTIVE, 1_000_000)
                    .rep("Solo-R3", "Solo", Segment.SMB, "APAC", RepStatus.EXITED, 1_000_000)
                    .accounts("Solo-A", 2, "Solo-R3", Segment.SMB, "APAC", 100_000, null);
        }
    }

    @Test
    @Order(1)
    void shouldReadTheLatestVersionOfEachTeamPolicy() throws Exception {
        loop.bookView().awaitCaughtUp(PATIENCE);

        assertThat(loop.bookView().policies().get("North").regional()).isTrue();
        assertThat(loop.bookView().policies().get("North").maxMoveFraction()).isEqualTo(0.2);
        assertThat(loop.bookView().policies().get("South").regional()).isFalse();
        assertThat(loop.bookView().rejectedPolicies()).isZero();
    }

    @Test
    @Order(2)
    void shouldPlaceAnExitsOrphansAcrossTheWholeTeamWithinEveryPoolsToleranceAndLeaveTheBookOnLeave() throws Exception {
        RebalanceCommand exit = command("REP_EXIT:N-W3:1", TriggerType.REP_EXIT, "North", null, null,
                evidence("owned_accounts", 4, "N-W3"));
        send(exit);

        RebalanceProposal proposal = loop.awaitProposal(proposalId(exit), p -> true);

        assertThat(proposal.getStatus()).isEqualTo(ProposalStatus.PENDING_APPROVAL);
        assertThat(proposal.getReps()).extracting(RepImpact::getRepId)
                .containsExactlyInAnyOrder("N-E1", "N-E2", "N-W1", "N-W2", "N-W3", "N-M1", "N-EN1", "N-EN2");
        Map<String, Move> moves = proposal.getMoves().stream().collect(Collectors.toMap(Move::getAccountId, m -> m));
        assertThat(moves.values()).filteredOn(m -> "N-W3".equals(m.getFromRepId())).hasSize(4).allSatisfy(m -> {
            assertThat(m.getReason()).isEqualTo(MoveReason.ORPHANED_BY_EXIT);
            assertThat(m.getToRepId()).isIn("N-W1", "N-W2"); // regional: NA-WEST stays in NA-WEST
        });
        assertThat(moves).containsKeys("U-MM-EAST-1", "U-MM-EAST-2");
        assertThat(List.of(moves.get("U-MM-EAST-1").getToRepId(), moves.get("U-MM-EAST-2").getToRepId()))
                .containsExactlyInAnyOrder("N-E1", "N-E2");
        // nobody in North can take the EMEA ENTERPRISE accounts, so they are not in an exit's scope at all
        assertThat(moves).doesNotContainKeys("U-ENT-EMEA-1", "U-ENT-EMEA-2", "GHOST-A-1");
        assertThat(proposal.getPools()).isNotEmpty()
                .allSatisfy(pool -> assertThat(pool.getWithinTolerance()).as(pool.getPoolId()).isTrue());
        assertThat(proposal.getPools()).flatExtracting(PoolFigures::getRepIds)
                .containsExactlyInAnyOrder("N-E1", "N-E2", "N-W1", "N-W2", "N-M1", "N-EN1");
        assertThat(proposal.getBudget().getBudgetedMoves()).isLessThanOrEqualTo(proposal.getBudget().getMaxMoves());
        assertThat(proposal.getBudget().getMaxMoveFraction()).isEqualTo(0.2);
        RepImpact onLeave = proposal.getReps().stream().filter(r -> r.getRepId().equals("N-EN2")).findFirst().orElseThrow();
        assertThat(onLeave.getAccountsAfter()).isEqualTo(3).isEqualTo(onLeave.getAccountsBefore());
        assertThat(onLeave.getMovesIn() + onLeave.getMovesOut()).isZero();
        assertThat(moves.values()).noneSatisfy(m -> assertThat(List.of(String.valueOf(m.getFromRepId()), m.getToRepId()))
                .contains("N-EN2"));
        assertThat(proposal.getWarnings()).anySatisfy(w -> assertThat(w).contains("GHOST-A-1", "GHOST-9"));
        assertThat(loop.failures()).isEmpty();
    }

    @Test
    @Order(3)
    void shouldSupersedeAPendingProposalSoThatOnlyTheNewestCanBeApproved() throws Exception {
        RebalanceCommand exit = command("REP_EXIT:N-W3:1", TriggerType.REP_EXIT, "North", null, null,
                evidence("owned_accounts", 4, "N-W3"));
        RebalanceCommand whale1 = command("WHALE_CHURN:North:1", TriggerType.WHALE_CHURN, "North", null, null,
                evidence("lost_potential", 500_000, "N-E1-A-1"));
        RebalanceCommand whale2 = command("WHALE_CHURN:North:2", TriggerType.WHALE_CHURN, "North", null, null,
                evidence("lost_potential", 300_000, "N-W1-A-1"));
        send(whale1, whale2);

        RebalanceProposal first = loop.awaitProposal(proposalId(whale1), p -> p.getStatus() == ProposalStatus.SUPERSEDED);
        RebalanceProposal second = loop.awaitProposal(proposalId(whale2), p -> true);
        RebalanceProposal exitProposal = loop.awaitProposal(proposalId(exit), p -> p.getStatus() == ProposalStatus.SUPERSEDED);

        assertThat(exitProposal.getSupersededBy()).isEqualTo(first.getProposalId());
        assertThat(first.getSupersededBy()).isEqualTo(second.getProposalId());
        assertThat(first.getSupersedes()).containsExactly(exitProposal.getProposalId());
        assertThat(second.getSupersedes()).containsExactly(first.getProposalId());
        assertThat(second.getStatus()).isEqualTo(ProposalStatus.PENDING_APPROVAL);
        // the evidence of all three, once each
        assertThat(second.getCommand().getEvidence()).extracting(Evidence::getSubject)
                .containsExactly("N-W1-A-1", "N-E1-A-1", "N-W3");
        // still the exit's orphans: solved again on the current books
        assertThat(second.getMoves()).filteredOn(m -> "N-W3".equals(m.getFromRepId())).hasSize(4);

        assertThatThrownBy(() -> loop.approvals().approve(first.getProposalId(), "bob", "looks right"))
                .isInstanceOfSatisfying(DecisionRefused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.SUPERSEDED))
                .hasMessageContaining(second.getProposalId());
        assertThat(loop.store().find(first.getProposalId()).orElseThrow().getStatus()).isEqualTo(ProposalStatus.SUPERSEDED);
        RebalanceProposal applied = loop.approvals().approve(second.getProposalId(), "bob", "the newest");
        assertThat(applied.getStatus()).isEqualTo(ProposalStatus.APPLIED);
        assertThat(loop.failures()).isEmpty();
    }

    @Test
    @Order(4)
    void shouldGiveANewMarketToATeamThatCanTakeItAndAHeadcountAnswerToOneThatCannot() throws Exception {
        RebalanceCommand south = command("NEW_MARKET:ENTERPRISE/EMEA:South", TriggerType.NEW_MARKET, "South",
                Segment.ENTERPRISE, "EMEA", evidence("uncovered_accounts", 2, "ENTERPRISE/EMEA"));
        RebalanceCommand north = command("NEW_MARKET:ENTERPRISE/EMEA:North", TriggerType.NEW_MARKET, "North",
                Segment.ENTERPRISE, "EMEA", evidence("uncovered_accounts", 2, "ENTERPRISE/EMEA"));
        send(south, north);

        RebalanceProposal open = loop.awaitProposal(proposalId(south), p -> true);
        RebalanceProposal regional = loop.awaitProposal(proposalId(north), p -> true);

        assertThat(open.getStatus()).isEqualTo(ProposalStatus.PENDING_APPROVAL);
        assertThat(open.getMoves()).filteredOn(m -> m.getAccountId().startsWith("U-ENT-EMEA")).hasSize(2).allSatisfy(m -> {
            assertThat(m.getReason()).isEqualTo(MoveReason.NEW_MARKET);
            assertThat(m.getToRepId()).isIn("S-1", "S-2", "S-3");
            assertThat(m.getCountsAgainstBudget()).isFalse();
        });
        assertThat(open.getHeadcount()).isNull();

        assertThat(regional.getStatus()).isEqualTo(ProposalStatus.FAILED);
        assertThat(regional.getSolver().getStatus()).isEqualTo(SolverStatus.INFEASIBLE);
        assertThat(regional.getSolver().getExplanation()).contains("no active rep", "U-ENT-EMEA-1");
        assertThat(regional.getSupersedes()).isEmpty();
        HeadcountAnswer headcount = regional.getHeadcount();
        assertThat(headcount).isNotNull();
        assertThat(headcount.getSegment()).isEqualTo("ENTERPRISE");
        assertThat(headcount.getRegion()).isEqualTo("EMEA");
        assertThat(headcount.getQuota()).isEqualTo(1_000_000); // median of North's active quotas: five 1M, one 2M
        assertThat(headcount.getAccounts()).isEqualTo(2);
        assertThat(headcount.getPotential()).isEqualTo(400_000);
        assertThat(headcount.getCoverageAfter()).isCloseTo(0.4, within(1e-9));
        assertThat(headcount.getProjectedYield()).isCloseTo(80_000, within(1e-6));
        assertThat(headcount.getAfter().getRepCount()).isEqualTo(regional.getBefore().getRepCount() + 1);
        assertThat(loop.failures()).isEmpty();
    }

    @Test
    @Order(5)
    void shouldRebalanceDriftAndSupersedeTheTeamsPendingNewMarket() throws Exception {
        RebalanceCommand drift = command("DRIFT:South:1", TriggerType.DRIFT, "South", null, null,
                evidence("coverage_cv", 0.6, "South"));
        send(drift);

        RebalanceProposal proposal = loop.awaitProposal(proposalId(drift), p -> true);

        assertThat(proposal.getStatus()).isEqualTo(ProposalStatus.PENDING_APPROVAL);
        assertThat(proposal.getSupersedes()).containsExactly("P-NEW_MARKET.ENTERPRISE~2FEMEA.South");
        assertThat(proposal.getAfter().getCvCoverage()).isLessThan(proposal.getBefore().getCvCoverage());
        assertThat(proposal.getBudget().getBudgetedMoves()).isPositive()
                .isLessThanOrEqualTo(proposal.getBudget().getMaxMoves());
        assertThat(proposal.getMoves()).filteredOn(m -> m.getAccountId().startsWith("U-ENT-EMEA")).hasSize(2);
        assertThat(loop.failures()).isEmpty();
    }

    @Test
    @Order(6)
    void shouldServeAnExitBeforeTheDriftOfOtherTeamsThatArrivedFirst() throws Exception {
        List<String> drifts = sameLatePartitionTeams();
        List<RebalanceCommand> batch = new ArrayList<>();
        for (String team : drifts) {
            batch.add(command("DRIFT:" + team + ":1", TriggerType.DRIFT, team, null, null, evidence("coverage_cv", 1, team)));
        }
        RebalanceCommand exit = command("REP_EXIT:Solo-R3:1", TriggerType.REP_EXIT, "Solo", null, null,
                evidence("owned_accounts", 2, "Solo-R3"));
        batch.add(exit);
        started.clear();

        // the commands pile up while the consumer is held (as behind a busy optimizer), then arrive in one poll
        loop.holdCommands(true);
        send(batch.toArray(RebalanceCommand[]::new));
        loop.holdCommands(false);
        for (RebalanceCommand command : batch) {
            RebalanceProposal proposal = loop.awaitProposal(proposalId(command), p -> true);
            // each drift team may move one of its eight accounts (15% of them), the exit's two orphans are free
            assertThat(proposal.getStatus()).isEqualTo(ProposalStatus.PENDING_APPROVAL);
            assertThat(proposal.getMoves()).hasSize(command == exit ? 2 : 1);
        }

        int exitStarted = started.indexOf(exit.getType() + " " + exit.getCommandId());
        assertThat(started).hasSize(6);
        // two solver threads took the first two drifts; the exit was next, ahead of the other three
        assertThat(exitStarted).isLessThanOrEqualTo(SOLVERS);
        assertThat(started.subList(exitStarted + 1, started.size())).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(label -> assertThat(label).startsWith("DRIFT"));
        assertThat(loop.failures()).isEmpty();
    }

    @Test
    @Order(7)
    void shouldCommitEveryAnsweredCommandAndDeadLetterNone() throws Exception {
        Map<TopicPartition, Long> ends = ends(Topics.REBALANCE_COMMANDS.name());
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Map<TopicPartition, Long> committed = new HashMap<>();
        try (Admin admin = kafka.admin()) {
            while (true) {
                committed.clear();
                admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get()
                        .forEach((tp, offset) -> committed.put(tp, offset.offset()));
                boolean all = ends.entrySet().stream()
                        .allMatch(e -> e.getValue() == 0 || e.getValue().equals(committed.get(e.getKey())));
                if (all || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(100);
            }
        }
        ends.forEach((tp, end) -> {
            if (end > 0) {
                assertThat(committed.get(tp)).as(tp.toString()).isEqualTo(end);
            }
        });
        assertThat(ends(Topics.REBALANCE_COMMANDS_DLQ.name()).values()).allSatisfy(end -> assertThat(end).isZero());
        assertThat(loop.scheduler().outstanding()).isZero();
        assertThat(loop.failures()).isEmpty();
    }

    // --- helpers ---

    /** Five teams whose commands land on the same partition of rebalance.commands as team Solo's. */
    private static List<String> sameLatePartitionTeams() {
        int partitions = Topics.REBALANCE_COMMANDS.partitions();
        int target = partition("Solo", partitions);
        List<String> teams = new ArrayList<>();
        for (int i = 1; teams.size() < 5; i++) {
            if (partition("Drift" + i, partitions) == target) {
                teams.add("Drift" + i);
            }
        }
        return teams;
    }

    private static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static void send(RebalanceCommand... batch) throws Exception {
        List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
        for (RebalanceCommand command : batch) {
            acks.add(commands.send(new ProducerRecord<>(Topics.REBALANCE_COMMANDS.name(), command.getScope().getTeam(), command)));
        }
        for (var ack : acks) {
            ack.get();
        }
    }

    private static Map<TopicPartition, Long> ends(String topic) throws Exception {
        try (Admin admin = kafka.admin()) {
            int count = admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int p = 0; p < count; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                    .forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        }
    }

    private static String proposalId(RebalanceCommand command) {
        return ProposalMapping.proposalId(command);
    }

    private static Evidence evidence(String name, double value, String subject) {
        return Evidence.newBuilder().setName(name).setValue(value).setSubject(subject).build();
    }

    private static RebalanceCommand command(String id, TriggerType type, String team, Segment segment, String region,
                                            Evidence evidence) {
        return RebalanceCommand.newBuilder()
                .setCommandId(id)
                .setType(type)
                .setScope(Scope.newBuilder().setTeam(team).setSegment(segment).setRegion(region).build())
                .setEvidence(List.of(evidence))
                .setSummary(type + " for " + team)
                .setRequestedBy("trigger-service")
                .setSourceEventTime(T0.plusSeconds(60))
                .setIssuedAt(T0.plusSeconds(61))
                .build();
    }
}
