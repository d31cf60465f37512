package io.territoryos.e2e;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.AlertType;
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
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.avro.SolverStatus;
import io.territoryos.contracts.avro.TerritoryAlert;
import io.territoryos.contracts.avro.TriggerType;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.optimizer.domain.Proposal.DecisionRefused;
import io.territoryos.optimizer.domain.Proposal.Refusal;
import io.territoryos.optimizer.domain.RebalanceOptions;
import io.territoryos.optimizer.mapping.ProposalMapping;
import io.territoryos.optimizer.messaging.BookView;
import io.territoryos.optimizer.messaging.CommandHandler;
import io.territoryos.optimizer.messaging.ProposalPublisher;
import io.territoryos.optimizer.persistence.MongoProposalStore;
import io.territoryos.optimizer.solver.CpSatRebalancer;
import io.territoryos.optimizer.workflow.ApprovalService;
import io.territoryos.optimizer.workflow.CommandScheduler;
import io.territoryos.optimizer.workflow.ProposalService;
import io.territoryos.territory.streams.TerritorySerdes;
import io.territoryos.territory.streams.TerritoryTopology;
import io.territoryos.territory.streams.TerritoryTopologyConfig;
import io.territoryos.testkit.EmbeddedKafka;
import io.territoryos.trigger.domain.TriggerSettings;
import io.territoryos.trigger.streams.TriggerSerdes;
import io.territoryos.trigger.streams.TriggerTopology;
import io.territoryos.trigger.streams.TriggerTopologyConfig;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Every trigger, played through the trigger service and the optimizer together: the CRM's rep rows and the scored
 * accounts go into a real KRaft broker, the territory and trigger topologies run as Kafka Streams applications with
 * exactly-once, and the optimizer's book view, scheduler, CP-SAT solver and maker-checker workflow (proposals in the
 * Mongo wire server) answer each command the trigger service issues. Approved moves are written back as the CRM would,
 * so every step starts from the books the last one left.
 * <p>
 * The organisation has two segments in three regions and beyond. North is regional (config.team-policies): MID_MARKET
 * reps in NA-EAST, NA-WEST and EMEA, ENTERPRISE in NA-EAST, one of them ON_LEAVE with a locked account; two
 * MID_MARKET accounts in NA-EAST are unassigned. South is not regional: three ENTERPRISE reps in NA-WEST and NA-EAST.
 * The story: a rep exit, two whales lost in one team, a drift, a weights change, a new market no rep can take, one
 * that the team takes once it drops its regional rule, and the team becoming regional again within the markets'
 * cooldown. Each proposal covers the whole team and brings every pool within its tolerance inside the disruption
 * budget, and leaves the book on leave alone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EveryTriggerToProposalIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration SETTLE = Duration.ofSeconds(2);
    private static final String GROUP = "e2e-every-trigger-optimizer";
    private static final int SOLVERS = 2;
    private static final double TOLERANCE = 0.01;

    private static final List<String> NORTH = List.of("N-E1", "N-E2", "N-W1", "N-W2", "N-W3", "N-M1", "N-EN1", "N-EN2");
    private static final List<String> SOUTH = List.of("S-1", "S-2", "S-3");
    private static final String ON_LEAVE = "N-EN2";
    private static final String LOCKED = "N-EN2-A-1";

    @TempDir
    static Path stateDir;

    private static EmbeddedKafka kafka;
    private static MongoServer mongoServer;
    private static MongoClient mongo;
    private static final List<KafkaStreams> apps = new ArrayList<>();
    private static BookView bookView;
    private static ProposalPublisher publisher;
    private static ApprovalService approvals;
    private static CommandScheduler scheduler;
    private static CommandHandler handler;
    private static Crm crm;
    private static final ExecutorService loops = Executors.newFixedThreadPool(4);
    private static final AtomicBoolean running = new AtomicBoolean(true);
    private static final AtomicBoolean hold = new AtomicBoolean();
    private static final AtomicBoolean held = new AtomicBoolean();
    private static final List<Throwable> failures = new CopyOnWriteArrayList<>();
    /** Every command the trigger service issued, in order. */
    private static final List<RebalanceCommand> commands = new CopyOnWriteArrayList<>();
    /** Every alert on territory.alerts. */
    private static final List<TerritoryAlert> alerts = new CopyOnWriteArrayList<>();
    /** Every version of every proposal seen on rebalance.proposals, in order, by proposal id. */
    private static final Map<String, List<RebalanceProposal>> seen = new ConcurrentHashMap<>();
    /** Active reps of each team, as the story changes them. */
    private static final Map<String, Set<String>> active = new ConcurrentHashMap<>();

    @BeforeAll
    static void startTheProduct() throws Exception {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(Topics.ALL);
        Map<String, Object> serde = Map.of();
        apps.add(start("territory-service", TerritoryTopology.build(TerritoryTopologyConfig.defaults(),
                TerritorySerdes.registry(serde))));
        // the service's rules with a short settle, so that the story does not wait ten seconds per step
        TriggerTopologyConfig triggers = new TriggerTopologyConfig(TriggerTopologyConfig.TopicNames.defaults(),
                TriggerSettings.defaults(), SETTLE, Duration.ofMillis(250), Duration.ofHours(1), Duration.ofDays(30));
        apps.add(start("trigger-service", TriggerTopology.build(triggers, TriggerSerdes.registry(serde))));

        mongoServer = new MongoServer(new MemoryBackend());
        var address = mongoServer.bind();
        mongo = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        MongoProposalStore store = new MongoProposalStore(mongo.getDatabase("territory_os"));
        bookView = new BookView(kafka.bootstrapServers(), Topics.CRM_REPS.name(), serde).start();
        publisher = new ProposalPublisher(kafka.bootstrapServers(), serde, "e2e-every-trigger");
        RebalanceOptions options = RebalanceOptions.defaults().withTimeLimit(Duration.ofSeconds(2))
                .withWorkers(CommandScheduler.workersPerSolve(2, SOLVERS));
        ProposalService proposals = new ProposalService(bookView, new CpSatRebalancer(), store, publisher, options,
                Map.of("MID_MARKET", 0.25), PATIENCE, Clock.systemUTC());
        approvals = new ApprovalService(store, publisher,
                p -> proposals.problemFor(p.getCommand()).snapshotFingerprint(), Clock.systemUTC());
        scheduler = new CommandScheduler(SOLVERS, 100, Duration.ofMillis(200), Duration.ofSeconds(2),
                (team, label, urgency, attempt, waited) -> { });
        handler = new CommandHandler(proposals, scheduler, publisher, serde, Clock.systemUTC());

        loops.submit(EveryTriggerToProposalIT::answerCommands);
        loops.submit(() -> read(Topics.REBALANCE_PROPOSALS.name(), RebalanceProposal.class, p ->
                seen.computeIfAbsent(p.getProposalId(), id -> new CopyOnWriteArrayList<>()).add(p)));
        loops.submit(() -> read(Topics.REBALANCE_COMMANDS.name(), RebalanceCommand.class, commands::add));
        loops.submit(() -> read(Topics.TERRITORY_ALERTS.name(), TerritoryAlert.class, alerts::add));

        crm = new Crm(kafka.bootstrapServers());
        publishOrganisation();
    }

    @AfterAll
    static void stopTheProduct() throws Exception {
        running.set(false);
        loops.shutdown();
        loops.awaitTermination(30, TimeUnit.SECONDS);
        if (scheduler != null) {
            scheduler.close();
        }
        apps.forEach(app -> app.close(Duration.ofSeconds(10)));
        for (AutoCloseable closeable : new AutoCloseable[]{crm, bookView, publisher, mongo}) {
            if (closeable != null) {
                closeable.close();
            }
        }
        if (mongoServer != null) {
            mongoServer.shutdownNow();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    /**
     * Coverage (potential / quota) is 0.4 for every active rep but N-W3's 0.2, so no team drifts at the start.
     * Potentials are multiples of 100k so that every pool can be brought within 1% of its target.
     */
    private static void publishOrganisation() throws Exception {
        crm.rep("N-E1", "North", Segment.MID_MARKET, "NA-EAST", RepStatus.ACTIVE, 1_000_000)
                .rep("N-E2", "North", Segment.MID_MARKET, "NA-EAST", RepStatus.ACTIVE, 1_000_000)
                .rep("N-W1", "North", Segment.MID_MARKET, "NA-WEST", RepStatus.ACTIVE, 1_000_000)
                .rep("N-W2", "North", Segment.MID_MARKET, "NA-WEST", RepStatus.ACTIVE, 1_000_000)
                .rep("N-W3", "North", Segment.MID_MARKET, "NA-WEST", RepStatus.ACTIVE, 1_000_000)
                .rep("N-M1", "North", Segment.MID_MARKET, "EMEA", RepStatus.ACTIVE, 1_000_000)
                .rep("N-EN1", "North", Segment.ENTERPRISE, "NA-EAST", RepStatus.ACTIVE, 2_000_000)
                .rep(ON_LEAVE, "North", Segment.ENTERPRISE, "NA-EAST", RepStatus.ON_LEAVE, 2_000_000)
                .rep("S-1", "South", Segment.ENTERPRISE, "NA-WEST", RepStatus.ACTIVE, 2_000_000)
                .rep("S-2", "South", Segment.ENTERPRISE, "NA-WEST", RepStatus.ACTIVE, 2_000_000)
                .rep("S-3", "South", Segment.ENTERPRISE, "NA-EAST", RepStatus.ACTIVE, 2_000_000);
        crm.policy("North", 1, true, 0.2).policy("South", 1, false, 0.5).weights(1, 0.30);
        for (String rep : List.of("N-E1", "N-E2", "N-W1", "N-W2", "N-M1")) {
            String region = rep.startsWith("N-E") ? "NA-EAST" : rep.startsWith("N-W") ? "NA-WEST" : "EMEA";
            crm.account(rep + "-A-1", rep, Segment.MID_MARKET, region, 200_000, false)
                    .account(rep + "-A-2", rep, Segment.MID_MARKET, region, 100_000, false)
                    .account(rep + "-A-3", rep, Segment.MID_MARKET, region, 100_000, false);
        }
        crm.account("N-W3-A-1", "N-W3", Segment.MID_MARKET, "NA-WEST", 100_000, false)
                .account("N-W3-A-2", "N-W3", Segment.MID_MARKET, "NA-WEST", 100_000, false)
                .account("U-MM-EAST-1", null, Segment.MID_MARKET, "NA-EAST", 100_000, false)
                .account("U-MM-EAST-2", null, Segment.MID_MARKET, "NA-EAST", 100_000, false)
                .account("N-EN1-A-1", "N-EN1", Segment.ENTERPRISE, "NA-EAST", 400_000, false)
                .account("N-EN1-A-2", "N-EN1", Segment.ENTERPRISE, "NA-EAST", 400_000, false)
                .account(LOCKED, ON_LEAVE, Segment.ENTERPRISE, "NA-EAST", 400_000, true)
                .account("N-EN2-A-2", ON_LEAVE, Segment.ENTERPRISE, "NA-EAST", 300_000, false)
                .account("N-EN2-A-3", ON_LEAVE, Segment.ENTERPRISE, "NA-EAST", 300_000, false);
        for (String rep : SOUTH) {
            for (int i = 1; i <= 4; i++) {
                crm.account(rep + "-A-" + i, rep, Segment.ENTERPRISE, rep.equals("S-3") ? "NA-EAST" : "NA-WEST", 200_000, false);
            }
        }
        active.put("North", Set.of("N-E1", "N-E2", "N-W1", "N-W2", "N-W3", "N-M1", "N-EN1"));
        active.put("South", Set.copyOf(SOUTH));
    }

    @Test
    @Order(1)
    void shouldIssueNothingForABalancedOrganisationOnceItHasLoaded() throws Exception {
        bookView.awaitCaughtUp(PATIENCE);
        assertThat(bookView.policies().get("North").regional()).isTrue();
        assertThat(bookView.policies().get("South").regional()).isFalse();
        // three settle periods: drift and new markets are judged on settled books
        Thread.sleep(SETTLE.multipliedBy(3).toMillis());
        assertThat(commands).isEmpty();
        assertThat(failures).isEmpty();
    }

    @Test
    @Order(2)
    void shouldPlaceAnExitsOrphansWithinTheRegionAndBalanceTheWholeTeam() throws Exception {
        crm.rep("N-W3", "North", Segment.MID_MARKET, "NA-WEST", RepStatus.EXITED, 1_000_000);
        active.put("North", Set.of("N-E1", "N-E2", "N-W1", "N-W2", "N-M1", "N-EN1"));

        RebalanceCommand exit = awaitCommand(c -> c.getType() == TriggerType.REP_EXIT);
        assertThat(exit.getScope().getTeam()).isEqualTo("North");
        assertThat(exit.getScope().getSegment()).isNull();
        assertThat(exit.getScope().getRegion()).isNull();
        assertThat(exit.getEvidence()).extracting(Evidence::getSubject).contains("N-W3");
        RebalanceProposal proposal = awaitProposal(exit, p -> true);

        assertThat(proposal.getStatus()).isEqualTo(ProposalStatus.PENDING_APPROVAL);
        assertWholeTeamBalanced(proposal, "North");
        Map<String, Move> moves = byAccount(proposal);
        // the orphans stay in NA-WEST (North is regional), free of the budget; so do the unassigned NA-EAST accounts
        assertThat(moves.values()).filteredOn(m -> "N-W3".equals(m.getFromRepId())).hasSize(2).allSatisfy(m -> {
            assertThat(m.getReason()).isEqualTo(MoveReason.ORPHANED_BY_EXIT);
            assertThat(m.getCountsAgainstBudget()).isFalse();
        });
        assertThat(List.of(moves.get("N-W3-A-1").getToRepId(), moves.get("N-W3-A-2").getToRepId()))
                .containsExactlyInAnyOrder("N-W1", "N-W2");
        assertThat(List.of(moves.get("U-MM-EAST-1").getToRepId(), moves.get("U-MM-EAST-2").getToRepId()))
                .containsExactlyInAnyOrder("N-E1", "N-E2");
        assertThat(moves.get("U-MM-EAST-1").getReason()).isEqualTo(MoveReason.UNASSIGNED_POOL);
        // nothing else needed to move: every pool was already balanced
        assertThat(moves).hasSize(4);
        assertThat(proposal.getBudget().getBudgetedMoves()).isZero();

        applyAndWriteBack(proposal);
    }

    @Test
    @Order(3)
    void shouldAnswerTwoWhalesLostInOneTeamWithOneProposalThatSupersedesTheOther() throws Exception {
        // two accounts, two owners, one team: the cooldown is per lost account, so both fire
        crm.delete("N-E1-A-1");
        crm.delete("N-W1-A-1");

        List<RebalanceCommand> whales = awaitCommands(c -> c.getType() == TriggerType.WHALE_CHURN, 2);
        assertThat(whales).extracting(c -> c.getScope().getTeam()).containsOnly("North");
        assertThat(whales).flatExtracting(RebalanceCommand::getEvidence).extracting(Evidence::getSubject)
                .contains("N-E1-A-1", "N-W1-A-1");
        // the optimizer solves one team at a time: the later answer supersedes the earlier, whichever came first
        RebalanceProposal newest = awaitNewestOf(whales);
        RebalanceProposal older = whales.stream().map(EveryTriggerToProposalIT::proposalId)
                .filter(id -> !id.equals(newest.getProposalId())).map(id -> awaitProposal(id,
                        p -> p.getStatus() == ProposalStatus.SUPERSEDED)).findFirst().orElseThrow();

        assertThat(older.getSupersededBy()).isEqualTo(newest.getProposalId());
        assertThat(newest.getSupersedes()).containsExactly(older.getProposalId());
        assertThat(newest.getStatus()).isEqualTo(ProposalStatus.PENDING_APPROVAL);
        // solved again on the current books with the evidence of both losses
        assertThat(newest.getCommand().getEvidence()).extracting(Evidence::getSubject).contains("N-E1-A-1", "N-W1-A-1");
        assertWholeTeamBalanced(newest, "North");
        // each pool that lost 200k gets one 100k account back from the other rep of the pool: two moves, no more
        assertThat(newest.getMoves()).hasSize(2).allSatisfy(m -> assertThat(m.getCountsAgainstBudget()).isTrue());
        assertThat(newest.getMoves()).extracting(Move::getToRepId).containsExactlyInAnyOrder("N-E1", "N-W1");

        assertThatThrownBy(() -> approvals.approve(older.getProposalId(), "bob", "the first one"))
                .isInstanceOfSatisfying(DecisionRefused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.SUPERSEDED));
        applyAndWriteBack(newest);
    }

    @Test
    @Order(4)
    void shouldRebalanceADriftingTeamWithinItsBudget() throws Exception {
        // a manager hands all of S-3's accounts to S-1 in the CRM: CV of South's coverage goes from 0 to 0.82
        for (int i = 1; i <= 4; i++) {
            crm.assign("S-3-A-" + i, "S-1");
        }

        RebalanceCommand drift = awaitCommand(c -> c.getType() == TriggerType.DRIFT);
        assertThat(drift.getScope().getTeam()).isEqualTo("South");
        RebalanceProposal proposal = awaitProposal(drift, p -> true);

        assertThat(proposal.getStatus()).isEqualTo(ProposalStatus.PENDING_APPROVAL);
        assertWholeTeamBalanced(proposal, "South");
        assertThat(proposal.getBefore().getCvCoverage()).isGreaterThan(0.3);
        assertThat(proposal.getAfter().getCvCoverage()).isLessThanOrEqualTo(TOLERANCE);
        // four of S-1's eight accounts go to S-3, which South's budget (half of its twelve movable accounts) allows
        assertThat(proposal.getMoves()).hasSize(4).allSatisfy(m -> {
            assertThat(m.getFromRepId()).isEqualTo("S-1");
            assertThat(m.getToRepId()).isEqualTo("S-3");
        });
        assertThat(proposal.getBudget().getMaxMoves()).isEqualTo(6);

        applyAndWriteBack(proposal);
        // only the team that drifted was asked about
        assertThat(commands).filteredOn(c -> c.getType() == TriggerType.DRIFT).hasSize(1);
    }

    @Test
    @Order(5)
    void shouldRebalanceEveryTeamWhenTheScoringWeightsMove() throws Exception {
        // the scoring service re-scores under the new weights: one account of N-E1, one of S-1 and one of S-3 change
        crm.rescore(crm.ownedBy("N-E1").stream().filter(id -> crm.potential(id) == 100_000).findFirst().orElseThrow(), 300_000);
        crm.rescore(crm.ownedBy("S-1").get(0), 300_000);
        crm.rescore(crm.ownedBy("S-3").get(0), 100_000);
        crm.weights(2, 0.40);

        List<RebalanceCommand> changed = awaitCommands(c -> c.getType() == TriggerType.ICP_WEIGHTS_CHANGED, 2);
        assertThat(changed).extracting(c -> c.getScope().getTeam()).containsExactlyInAnyOrder("North", "South");
        RebalanceCommand forNorth = changed.stream().filter(c -> c.getScope().getTeam().equals("North")).findFirst().orElseThrow();
        RebalanceCommand forSouth = changed.stream().filter(c -> c.getScope().getTeam().equals("South")).findFirst().orElseThrow();
        RebalanceProposal north = awaitProposal(forNorth, p -> true);
        RebalanceProposal south = awaitProposal(forSouth, p -> true);

        assertThat(north.getStatus()).isEqualTo(ProposalStatus.PENDING_APPROVAL);
        assertWholeTeamBalanced(north, "North");
        // N-E1 is 100k above its NA-EAST target and N-E2 100k below: one account moves, the other pools stay
        assertThat(north.getMoves()).singleElement().satisfies(m -> {
            assertThat(m.getFromRepId()).isEqualTo("N-E1");
            assertThat(m.getToRepId()).isEqualTo("N-E2");
            assertThat(m.getPotential()).isEqualTo(100_000);
        });
        assertThat(south.getStatus()).isEqualTo(ProposalStatus.PENDING_APPROVAL);
        assertWholeTeamBalanced(south, "South");
        // S-1 at 900k and S-3 at 700k against 800k each: an exchange of two accounts
        assertThat(south.getMoves()).hasSize(2);

        applyAndWriteBack(north);
        applyAndWriteBack(south);
    }

    @Test
    @Order(6)
    void shouldAnswerANewMarketNoRepCanTakeWithTheHeadcountItNeeds() throws Exception {
        crm.account("LATAM-1", null, Segment.MID_MARKET, "LATAM", 100_000, false)
                .account("LATAM-2", null, Segment.MID_MARKET, "LATAM", 100_000, false);

        RebalanceCommand market = awaitCommand(c -> c.getType() == TriggerType.NEW_MARKET);
        // only North sells MID_MARKET, and it is regional with nobody in LATAM
        assertThat(market.getScope().getTeam()).isEqualTo("North");
        assertThat(market.getScope().getSegment()).isEqualTo(Segment.MID_MARKET);
        assertThat(market.getScope().getRegion()).isEqualTo("LATAM");
        RebalanceProposal proposal = awaitProposal(market, p -> true);

        assertThat(proposal.getStatus()).isEqualTo(ProposalStatus.FAILED);
        assertThat(proposal.getSolver().getStatus()).isEqualTo(SolverStatus.INFEASIBLE);
        assertThat(proposal.getSolver().getExplanation()).contains("no active rep", "LATAM-1");
        assertThat(proposal.getMoves()).isEmpty();
        HeadcountAnswer headcount = proposal.getHeadcount();
        assertThat(headcount).isNotNull();
        assertThat(headcount.getSegment()).isEqualTo("MID_MARKET");
        assertThat(headcount.getRegion()).isEqualTo("LATAM");
        assertThat(headcount.getAccounts()).isEqualTo(2);
        assertThat(headcount.getPotential()).isEqualTo(200_000);
        assertThat(headcount.getQuota()).isEqualTo(1_000_000); // median of North's active quotas: five 1M, one 2M
        assertThat(headcount.getCoverageAfter()).isCloseTo(0.2, within(1e-9));
        assertThat(headcount.getProjectedYield()).isCloseTo(50_000, within(1e-6));
        assertThat(headcount.getAfter().getRepCount()).isEqualTo(proposal.getBefore().getRepCount() + 1);
        assertThat(failures).isEmpty();
    }

    @Test
    @Order(7)
    void shouldGiveANewMarketToTheTeamOnceItDropsItsRegionalRuleBeforeTheCommandIsSolved() throws Exception {
        // the optimizer is busy (its consumer held) when three MID_MARKET accounts appear in APAC
        holdConsumer(true);
        crm.account("APAC-1", null, Segment.MID_MARKET, "APAC", 200_000, false)
                .account("APAC-2", null, Segment.MID_MARKET, "APAC", 200_000, false)
                .account("APAC-3", null, Segment.MID_MARKET, "APAC", 200_000, false);
        RebalanceCommand market = awaitCommand(c -> c.getType() == TriggerType.NEW_MARKET
                && "APAC".equals(c.getScope().getRegion()));
        assertThat(market.getScope().getTeam()).isEqualTo("North");
        // meanwhile North's ops answer the headcount question by letting every MID_MARKET rep sell everywhere
        crm.policy("North", 2, false, 0.2);
        bookView.awaitCaughtUp(PATIENCE);
        assertThat(bookView.policies().get("North").regional()).isFalse();
        holdConsumer(false);
        RebalanceProposal proposal = awaitProposal(market, p -> true);

        assertThat(proposal.getStatus()).isEqualTo(ProposalStatus.PENDING_APPROVAL);
        assertThat(proposal.getHeadcount()).isNull();
        assertWholeTeamBalanced(proposal, "North");
        // one MID_MARKET pool now: five reps at 500, 500, 400, 400 and 400k take the market and LATAM, free
        assertThat(proposal.getPools()).extracting(pool -> Set.copyOf(pool.getRepIds()))
                .contains(Set.of("N-E1", "N-E2", "N-W1", "N-W2", "N-M1"));
        assertThat(proposal.getMoves()).filteredOn(m -> m.getAccountId().startsWith("APAC")).hasSize(3).allSatisfy(m -> {
            assertThat(m.getReason()).isEqualTo(MoveReason.NEW_MARKET);
            assertThat(m.getCountsAgainstBudget()).isFalse();
        });
        assertThat(proposal.getMoves()).filteredOn(m -> m.getAccountId().startsWith("LATAM")).hasSize(2)
                .allSatisfy(m -> assertThat(m.getCountsAgainstBudget()).isFalse());
        assertThat(proposal.getBudget().getBudgetedMoves()).isZero();
        // the regional rule is gone, so the trigger service sees LATAM and APAC covered and asks nothing more
        Thread.sleep(SETTLE.multipliedBy(2).toMillis());
        assertThat(commands).filteredOn(c -> c.getType() == TriggerType.NEW_MARKET).hasSize(2);

        applyAndWriteBack(proposal);
    }

    @Test
    @Order(8)
    void shouldHoldTheMarketsATeamUncoversByBecomingRegionalAgainWithinTheirCooldownAndSaySo() throws Exception {
        // back to regional: LATAM and APAC, now held by reps of other regions, are uncovered again, but both markets
        // were asked about for North less than the NEW_MARKET cooldown (24 h) ago
        crm.policy("North", 3, true, 0.2);

        List<TerritoryAlert> held = awaitAlerts(a -> a.getType() == AlertType.TRIGGER_SUPPRESSED, 2);
        assertThat(held).allSatisfy(a -> assertThat(a.getTeam()).isEqualTo("North"));
        assertThat(held).extracting(TerritoryAlert::getMessage).anySatisfy(m -> assertThat(m).contains("MID_MARKET/LATAM:North"))
                .anySatisfy(m -> assertThat(m).contains("MID_MARKET/APAC:North"));
        assertThat(commands).filteredOn(c -> c.getType() == TriggerType.NEW_MARKET).hasSize(2);
        assertThat(failures).isEmpty();
    }

    @Test
    @Order(9)
    void shouldAnswerEveryCommandAndDeadLetterNothing() throws Exception {
        assertThat(commands).extracting(RebalanceCommand::getType).containsExactlyInAnyOrder(TriggerType.REP_EXIT,
                TriggerType.WHALE_CHURN, TriggerType.WHALE_CHURN, TriggerType.DRIFT, TriggerType.ICP_WEIGHTS_CHANGED,
                TriggerType.ICP_WEIGHTS_CHANGED, TriggerType.NEW_MARKET, TriggerType.NEW_MARKET);
        for (RebalanceCommand command : commands) {
            assertThat(seen).as(command.getCommandId()).containsKey(proposalId(command));
        }
        // nothing else was held by a cooldown
        assertThat(alerts).filteredOn(a -> a.getType() == AlertType.TRIGGER_SUPPRESSED).hasSize(2);
        for (var dlq : List.of(Topics.REBALANCE_COMMANDS_DLQ, Topics.CRM_REPS_DLQ, Topics.ACCOUNTS_SCORED_DLQ,
                Topics.TEAM_POLICIES_DLQ, Topics.SCORING_WEIGHTS_DLQ, Topics.TERRITORY_HEALTH_DLQ, Topics.TEAM_BALANCE_DLQ)) {
            assertThat(endOffsets(dlq.name()).values()).as(dlq.name()).allSatisfy(end -> assertThat(end).isZero());
        }
        assertThat(scheduler.outstanding()).isZero();
        assertThat(failures).isEmpty();
    }

    // --- what every proposal must show ---

    /**
     * The proposal covers the whole team (every rep of it is reported, the pools hold exactly its active reps), each
     * active rep ends within the tolerance of its pool target (its quota share of the pool's potential after, checked
     * here from the per-rep figures, not only from the proposal's own flag), the budget holds, and the ON_LEAVE rep's
     * book, its lock with it, stays where it is.
     */
    private static void assertWholeTeamBalanced(RebalanceProposal proposal, String team) {
        assertThat(proposal.getCommand().getScope().getTeam()).isEqualTo(team);
        List<String> members = team.equals("North") ? NORTH : SOUTH;
        Set<String> activeReps = active.get(team);
        Map<String, RepImpact> reps = proposal.getReps().stream().collect(Collectors.toMap(RepImpact::getRepId, r -> r));
        assertThat(reps.keySet()).containsAll(activeReps).isSubsetOf(members);
        assertThat(proposal.getPools()).isNotEmpty().flatExtracting(PoolFigures::getRepIds)
                .containsExactlyInAnyOrderElementsOf(activeReps);
        for (PoolFigures pool : proposal.getPools()) {
            assertThat(pool.getWithinTolerance()).as(pool.getPoolId()).isTrue();
            double potential = pool.getRepIds().stream().mapToDouble(id -> reps.get(id).getPotentialAfter()).sum();
            double quota = pool.getRepIds().stream().mapToDouble(id -> crm.quota(id)).sum();
            for (String id : pool.getRepIds()) {
                double target = potential * crm.quota(id) / quota;
                assertThat(reps.get(id).getPotentialAfter()).as(id + " in " + pool.getPoolId())
                        .isCloseTo(target, within(TOLERANCE * target + 1e-6));
            }
        }
        long budgeted = proposal.getMoves().stream().filter(Move::getCountsAgainstBudget).count();
        assertThat(budgeted).isEqualTo(proposal.getBudget().getBudgetedMoves());
        assertThat(budgeted).isLessThanOrEqualTo(proposal.getBudget().getMaxMoves());
        assertThat(proposal.getMoves()).allSatisfy(m -> assertThat(m.getToRepId()).isIn(activeReps));
        if (team.equals("North")) {
            RepImpact onLeave = reps.get(ON_LEAVE);
            assertThat(onLeave.getAccountsAfter()).isEqualTo(3).isEqualTo(onLeave.getAccountsBefore());
            assertThat(onLeave.getMovesIn() + onLeave.getMovesOut()).isZero();
            assertThat(proposal.getMoves()).noneSatisfy(m -> assertThat(ON_LEAVE).isIn(m.getFromRepId(), m.getToRepId()));
            assertThat(proposal.getMoves()).extracting(Move::getAccountId).doesNotContain(LOCKED);
        }
        assertThat(failures).isEmpty();
    }

    private static Map<String, Move> byAccount(RebalanceProposal proposal) {
        return proposal.getMoves().stream().collect(Collectors.toMap(Move::getAccountId, m -> m));
    }

    /** A checker approves; the CRM writes every owner change back, and the view has them before the next step. */
    private static void applyAndWriteBack(RebalanceProposal proposal) throws Exception {
        RebalanceProposal applied = approvals.approve(proposal.getProposalId(), "bob", "e2e");
        assertThat(applied.getStatus()).isEqualTo(ProposalStatus.APPLIED);
        for (Move move : applied.getMoves()) {
            crm.assign(move.getAccountId(), move.getToRepId());
        }
        bookView.awaitCaughtUp(PATIENCE);
        // the territories settle on the new books before the next trigger is played
        Thread.sleep(SETTLE.toMillis());
        assertThat(failures).isEmpty();
    }

    // --- the optimizer's command loop and the readers ---

    private static void holdConsumer(boolean on) throws InterruptedException {
        hold.set(on);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (held.get() != on && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(held.get()).isEqualTo(on);
    }

    /**
     * The service's command loop, as the SmallRye connector runs it: every record goes to the handler; an offset
     * is committed once that record and every one before it on its partition are answered.
     */
    private static void answerCommands() {
        try (KafkaConsumer<String, byte[]> consumer = consumer(GROUP, new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.REBALANCE_COMMANDS.name()));
            Map<TopicPartition, TreeMap<Long, CompletableFuture<Void>>> inFlight = new HashMap<>();
            while (running.get()) {
                if (hold.get() && !consumer.assignment().isEmpty()) {
                    consumer.pause(consumer.assignment());
                } else if (!hold.get()) {
                    consumer.resume(consumer.paused());
                }
                held.set(hold.get() && !consumer.paused().isEmpty());
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    inFlight.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), tp -> new TreeMap<>())
                            .put(record.offset(), handler.handle(record.topic(), record.partition(), record.offset(),
                                    record.key(), record.value()));
                }
                Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
                inFlight.forEach((partition, pending) -> {
                    Long answered = null;
                    while (!pending.isEmpty() && pending.firstEntry().getValue().isDone()) {
                        var first = pending.pollFirstEntry();
                        first.getValue().exceptionally(e -> {
                            failures.add(e);
                            return null;
                        });
                        answered = first.getKey();
                    }
                    if (answered != null) {
                        commits.put(partition, new OffsetAndMetadata(answered + 1));
                    }
                });
                if (!commits.isEmpty()) {
                    consumer.commitSync(commits);
                }
            }
        } catch (Throwable e) {
            failures.add(e);
        }
    }

    /** Reads a topic from its beginning, committed records only, for as long as the test runs. */
    private static <V extends SpecificRecord> void read(String topic, Class<V> type, Consumer<V> sink) {
        Deserializer<V> values = AvroSerdes.valueSerde(type, Map.of()).deserializer();
        try (KafkaConsumer<String, byte[]> consumer = consumer("e2e-read-" + topic + "-" + System.nanoTime(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, PATIENCE).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.value() != null) {
                        sink.accept(values.deserialize(topic, record.value()));
                    }
                }
            }
        } catch (Throwable e) {
            failures.add(e);
        }
    }

    private static RebalanceCommand awaitCommand(Predicate<RebalanceCommand> wanted) throws InterruptedException {
        return awaitCommands(wanted, 1).get(0);
    }

    private static List<RebalanceCommand> awaitCommands(Predicate<RebalanceCommand> wanted, int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(failures).isEmpty();
            List<RebalanceCommand> matching = commands.stream().filter(wanted).toList();
            if (matching.size() >= count) {
                assertThat(matching).hasSize(count);
                return matching;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("fewer than " + count + " matching commands on " + Topics.REBALANCE_COMMANDS.name()
                + "; issued: " + commands.stream().map(RebalanceCommand::getCommandId).toList());
    }

    private static List<TerritoryAlert> awaitAlerts(Predicate<TerritoryAlert> wanted, int count) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(failures).isEmpty();
            List<TerritoryAlert> matching = alerts.stream().filter(wanted).toList();
            if (matching.size() >= count) {
                assertThat(matching).hasSize(count);
                return matching;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("fewer than " + count + " matching alerts on " + Topics.TERRITORY_ALERTS.name());
    }

    private static RebalanceProposal awaitProposal(RebalanceCommand command, Predicate<RebalanceProposal> matching) {
        return awaitProposal(proposalId(command), matching);
    }

    /** The first version of a proposal on rebalance.proposals that matches. */
    private static RebalanceProposal awaitProposal(String proposalId, Predicate<RebalanceProposal> matching) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(failures).isEmpty();
            for (RebalanceProposal proposal : seen.getOrDefault(proposalId, List.of())) {
                if (matching.test(proposal)) {
                    return proposal;
                }
            }
            sleep();
        }
        throw new AssertionError("no matching version of " + proposalId + " on " + Topics.REBALANCE_PROPOSALS.name()
                + ": " + seen.getOrDefault(proposalId, List.of()).stream().map(p -> p.getStatus().name()).toList());
    }

    /** Of the commands' proposals, the one that superseded another (the later answer). */
    private static RebalanceProposal awaitNewestOf(List<RebalanceCommand> batch) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(failures).isEmpty();
            for (RebalanceCommand command : batch) {
                for (RebalanceProposal proposal : seen.getOrDefault(proposalId(command), List.of())) {
                    if (!proposal.getSupersedes().isEmpty()) {
                        return proposal;
                    }
                }
            }
            sleep();
        }
        throw new AssertionError("no proposal of " + batch.stream().map(RebalanceCommand::getCommandId).toList()
                + " superseded another");
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String proposalId(RebalanceCommand command) {
        return ProposalMapping.proposalId(command); // the URL-safe id the optimizer gives
    }

    private static Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer("e2e-ends-" + System.nanoTime(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, PATIENCE).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions);
        }
    }

    private static <V> KafkaConsumer<String, V> consumer(String group, Deserializer<V> values) {
        return new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), values);
    }

    private static KafkaStreams start(String applicationId, Topology topology) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "e2e-every-trigger-" + applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(applicationId).toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.setUncaughtExceptionHandler(e -> {
            failures.add(e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
        return streams;
    }
}
