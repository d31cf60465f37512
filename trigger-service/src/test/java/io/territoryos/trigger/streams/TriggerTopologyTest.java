package io.territoryos.trigger.streams;

import io.territoryos.contracts.avro.AccountStatus;
import io.territoryos.contracts.avro.AlertType;
import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.avro.Evidence;
import io.territoryos.contracts.avro.RebalanceCommand;
import io.territoryos.contracts.avro.Motion;
import io.territoryos.contracts.avro.RenewalStatus;
import io.territoryos.contracts.avro.RepStatus;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.ScoringWeights;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.avro.TeamBalance;
import io.territoryos.contracts.avro.TeamPolicy;
import io.territoryos.contracts.avro.TerritoryAlert;
import io.territoryos.contracts.avro.TerritoryHealth;
import io.territoryos.contracts.avro.TriggerType;
import io.territoryos.contracts.crm.CrmRep;
import io.territoryos.trigger.domain.MarketState;
import io.territoryos.trigger.domain.RepFacts;
import io.territoryos.trigger.domain.TeamPolicyFacts;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.territoryos.trigger.streams.Inputs.T0;
import static io.territoryos.trigger.streams.Inputs.account;
import static io.territoryos.trigger.streams.Inputs.balance;
import static io.territoryos.trigger.streams.Inputs.health;
import static io.territoryos.trigger.streams.Inputs.rep;
import static io.territoryos.trigger.streams.Inputs.repChange;
import static io.territoryos.trigger.streams.Inputs.repKey;
import static io.territoryos.trigger.streams.Inputs.weights;
import static org.assertj.core.api.Assertions.assertThat;

class TriggerTopologyTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> reps;
    private TestInputTopic<String, ScoredAccount> accounts;
    private TestInputTopic<String, TerritoryHealth> health;
    private TestInputTopic<String, TeamBalance> balances;
    private TestInputTopic<String, ScoringWeights> weights;
    private TestInputTopic<String, TeamPolicy> policies;
    private TestOutputTopic<String, RebalanceCommand> commands;
    private TestOutputTopic<String, TerritoryAlert> alerts;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    private void start(TriggerTopologyConfig config) {
        TriggerSerdes serdes = TriggerSerdes.binary();
        driver = new TopologyTestDriver(TriggerTopology.build(config, serdes),
                TriggerStreamsProperties.of("unused:9092", stateDir.toString()), T0);
        TriggerTopologyConfig.TopicNames t = config.topics();
        reps = driver.createInputTopic(t.reps(), new ByteArraySerializer(), new ByteArraySerializer());
        accounts = driver.createInputTopic(t.accountsScored(), new StringSerializer(), serdes.scoredAccount().serializer());
        health = driver.createInputTopic(t.territoryHealth(), new StringSerializer(), serdes.territoryHealth().serializer());
        balances = driver.createInputTopic(t.teamBalance(), new StringSerializer(), serdes.teamBalance().serializer());
        weights = driver.createInputTopic(t.scoringWeights(), new StringSerializer(), serdes.scoringWeights().serializer());
        policies = driver.createInputTopic(t.teamPolicies(), new StringSerializer(), serdes.teamPolicy().serializer());
        commands = driver.createOutputTopic(t.rebalanceCommands(), new StringDeserializer(), serdes.rebalanceCommand().deserializer());
        alerts = driver.createOutputTopic(t.territoryAlerts(), new StringDeserializer(), serdes.territoryAlert().deserializer());
        deadLetters = driver.createOutputTopic(t.repsDeadLetters(), new StringDeserializer(), serdes.deadLetter().deserializer());
    }

    private void start() {
        start(TriggerTopologyConfig.defaults().withAlertSettle(Duration.ZERO));
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private void pipeRep(String id, String team, RepStatus status, Instant at) {
        reps.pipeInput(repKey(id), repChange(rep(id, team, status), "u", at), at);
    }

    /** The team's reps cover a market of their segment only in their own regions. */
    private void regional(String team, int version) {
        policies.pipeInput(team, Inputs.policy(team, version, true, T0), T0);
    }

    private static double evidence(RebalanceCommand command, String name) {
        return command.getEvidence().stream().filter(e -> e.getName().equals(name)).mapToDouble(Evidence::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("no evidence " + name + " in " + command.getEvidence()));
    }

    @Test
    void shouldEmitExactlyOneRepExitCommandWithEvidenceWhenTheCdcRecordIsDeliveredTwice() {
        start();
        pipeRep("R-1", "East", RepStatus.ACTIVE, T0);
        pipeRep("R-2", "East", RepStatus.ACTIVE, T0);
        pipeRep("R-3", "East", RepStatus.ACTIVE, T0);
        health.pipeInput("R-1", health("R-1", "East", 42, 3_200_000, T0.plusSeconds(5)), T0.plusSeconds(5));
        Instant exit = T0.plus(HOUR);
        byte[] exitRecord = repChange(rep("R-1", "East", RepStatus.EXITED), "u", exit);

        reps.pipeInput(repKey("R-1"), exitRecord, exit);
        reps.pipeInput(repKey("R-1"), exitRecord, exit); // at-least-once delivery: the same change again

        List<KeyValue<String, RebalanceCommand>> emitted = commands.readKeyValuesToList();
        assertThat(emitted).hasSize(1);
        RebalanceCommand command = emitted.get(0).value;
        assertThat(emitted.get(0).key).isEqualTo("East");
        assertThat(command.getCommandId()).isEqualTo("REP_EXIT:R-1:" + exit.toEpochMilli());
        assertThat(command.getType()).isEqualTo(TriggerType.REP_EXIT);
        assertThat(command.getScope().getTeam()).isEqualTo("East");
        assertThat(command.getScope().getRepIds()).containsExactly("R-1");
        // the whole team: not narrowed to the exited rep's segment or region
        assertThat(command.getScope().getSegment()).isNull();
        assertThat(command.getScope().getRegion()).isNull();
        assertThat(command.getRequestedBy()).isEqualTo("trigger-service");
        assertThat(command.getSourceEventTime()).isEqualTo(exit);
        assertThat(evidence(command, "orphaned_accounts")).isEqualTo(42);
        assertThat(evidence(command, "orphaned_potential")).isEqualTo(3_200_000);
        assertThat(evidence(command, "team_active_reps")).isEqualTo(2);
    }

    @Test
    void shouldEmitNothingNewWhenTheRepHistoryIsReplayed() {
        start();
        pipeRep("R-1", "East", RepStatus.ACTIVE, T0);
        pipeRep("R-1", "East", RepStatus.EXITED, T0.plus(HOUR));
        assertThat(commands.readValuesToList()).hasSize(1);

        // a connector restart re-sends from its last committed offset: the rep becomes ACTIVE then EXITED again
        pipeRep("R-1", "East", RepStatus.ACTIVE, T0);
        pipeRep("R-1", "East", RepStatus.EXITED, T0.plus(HOUR));

        assertThat(commands.isEmpty()).isTrue();
    }

    @Test
    void shouldEmitOneRepExitForARepFirstSeenAlreadyExitedWhoStillOwnsAccounts() {
        start();
        pipeRep("R-2", "East", RepStatus.ACTIVE, T0);
        health.pipeInput("R-1", health("R-1", "East", 42, 3_200_000, T0), T0);
        Instant snapshot = T0.plus(HOUR);
        byte[] exitedRow = repChange(rep("R-1", "East", RepStatus.EXITED), "r", snapshot);

        reps.pipeInput(repKey("R-1"), exitedRow, snapshot); // the service's first record for R-1 says EXITED

        List<RebalanceCommand> emitted = commands.readValuesToList();
        assertThat(emitted).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo(TriggerType.REP_EXIT);
            assertThat(c.getCommandId()).isEqualTo("REP_EXIT:R-1:" + snapshot.toEpochMilli());
            assertThat(c.getScope().getRepIds()).containsExactly("R-1");
            assertThat(evidence(c, "orphaned_accounts")).isEqualTo(42);
            assertThat(evidence(c, "team_active_reps")).isEqualTo(1);
        });
    }

    @Test
    void shouldNotEmitASecondRepExitWhenTheExitedRowIsDeliveredAgainOrReSnapshotted() {
        start();
        health.pipeInput("R-1", health("R-1", "East", 42, 3_200_000, T0), T0);
        pipeRep("R-1", "East", RepStatus.EXITED, T0.plus(HOUR));
        assertThat(commands.readValuesToList()).hasSize(1);

        pipeRep("R-1", "East", RepStatus.EXITED, T0.plus(HOUR)); // at-least-once delivery
        pipeRep("R-1", "East", RepStatus.EXITED, T0.plus(HOUR.multipliedBy(30))); // a new CRM snapshot, newer ts_ms
        health.pipeInput("R-1", health("R-1", "East", 42, 3_200_000, T0.plus(HOUR.multipliedBy(31))),
                T0.plus(HOUR.multipliedBy(31)));

        assertThat(commands.isEmpty()).isTrue();
    }

    @Test
    void shouldEmitANewRepExitWhenTheRepComesBackAndExitsAgain() {
        start();
        health.pipeInput("R-1", health("R-1", "East", 42, 3_200_000, T0), T0);
        pipeRep("R-1", "East", RepStatus.EXITED, T0.plus(HOUR));
        pipeRep("R-1", "East", RepStatus.ACTIVE, T0.plus(Duration.ofDays(60)));
        pipeRep("R-1", "East", RepStatus.EXITED, T0.plus(Duration.ofDays(200)));

        assertThat(commands.readValuesToList()).extracting(RebalanceCommand::getCommandId).containsExactly(
                "REP_EXIT:R-1:" + T0.plus(HOUR).toEpochMilli(),
                "REP_EXIT:R-1:" + T0.plus(Duration.ofDays(200)).toEpochMilli());
    }

    @Test
    void shouldEmitRepExitForAnExitedRepOnceTheirAccountsShowUpButNotForAnEmptyBook() {
        start();
        pipeRep("R-1", "East", RepStatus.EXITED, T0); // no territory health yet: the book is unknown
        health.pipeInput("R-1", health("R-1", "East", 0, 0, T0.plusSeconds(10)), T0.plusSeconds(10));
        assertThat(commands.isEmpty()).isTrue();

        Instant assigned = T0.plusSeconds(20);
        health.pipeInput("R-1", health("R-1", "East", 3, 450_000, assigned), assigned);
        health.pipeInput("R-1", health("R-1", "East", 4, 600_000, assigned.plusSeconds(5)), assigned.plusSeconds(5));

        assertThat(commands.readValuesToList()).singleElement().satisfies(c -> {
            assertThat(c.getCommandId()).isEqualTo("REP_EXIT:R-1:" + T0.toEpochMilli());
            assertThat(evidence(c, "orphaned_accounts")).isEqualTo(3);
        });
    }

    @Test
    void shouldSendAnUndecodableRepRecordToTheDeadLetterTopicAndGoOn() {
        start();
        byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
        byte[] badStatus = new String(repChange(rep("R-7", "East", RepStatus.ACTIVE), "u", T0), StandardCharsets.UTF_8)
                .replace("\"ACTIVE\"", "\"RETIRED\"").getBytes(StandardCharsets.UTF_8);
        pipeRep("R-1", "East", RepStatus.ACTIVE, T0);
        reps.pipeInput(repKey("R-9"), garbage, T0.plusSeconds(1));
        reps.pipeInput(repKey("R-7"), badStatus, T0.plusSeconds(2));
        pipeRep("R-1", "East", RepStatus.EXITED, T0.plus(HOUR));

        List<DeadLetter> dead = deadLetters.readValuesToList();
        assertThat(dead).hasSize(2);
        DeadLetter first = dead.get(0);
        assertThat(first.getSourceTopic()).isEqualTo("crm.reps");
        assertThat(first.getSourceOffset()).isEqualTo(1L);
        assertThat(first.getService()).isEqualTo("trigger-service");
        assertThat(first.getErrorType()).isEqualTo("PARSE");
        assertThat(bytes(first.getOriginalValue())).isEqualTo(garbage);
        assertThat(bytes(first.getOriginalKey())).isEqualTo(repKey("R-9"));
        assertThat(dead.get(1).getErrorType()).isEqualTo("UNKNOWN_VALUE");
        assertThat(dead.get(1).getReason()).contains("RETIRED");
        assertThat(commands.readValuesToList()).extracting(RebalanceCommand::getType).containsExactly(TriggerType.REP_EXIT);
    }

    @Test
    void shouldEmitWhaleChurnForALossOfTenPercentButNotForASmallOne() {
        start();
        pipeRep("R-1", "East", RepStatus.ACTIVE, T0);
        health.pipeInput("R-1", health("R-1", "East", 10, 1_000_000, T0), T0);
        accounts.pipeInput("A-1", account("A-1", "R-1", 150_000, AccountStatus.CUSTOMER, T0), T0);
        accounts.pipeInput("A-2", account("A-2", "R-1", 50_000, AccountStatus.CUSTOMER, T0), T0);

        accounts.pipeInput("A-2", account("A-2", "R-1", 0, AccountStatus.CHURNED, T0.plusSeconds(60)), T0.plusSeconds(60));
        assertThat(commands.isEmpty()).isTrue();

        Instant churn = T0.plusSeconds(120);
        // territory-service may publish the health that already lacks the account before the trigger sees the churn
        health.pipeInput("R-1", health("R-1", "East", 8, 800_000, churn), churn);
        accounts.pipeInput("A-1", account("A-1", "R-1", 0, AccountStatus.CHURNED, churn), churn);

        RebalanceCommand command = commands.readValue();
        assertThat(command.getType()).isEqualTo(TriggerType.WHALE_CHURN);
        assertThat(command.getCommandId()).isEqualTo("WHALE_CHURN:A-1:" + churn.toEpochMilli());
        assertThat(evidence(command, "lost_potential")).isEqualTo(150_000);
        assertThat(evidence(command, "territory_potential_before")).isEqualTo(950_000);
        assertThat(evidence(command, "lost_potential_share")).isGreaterThanOrEqualTo(0.10);
        assertThat(commands.isEmpty()).isTrue();
    }

    @Test
    void shouldEmitWhaleChurnWhenABigAccountIsDeleted() {
        start();
        pipeRep("R-1", "East", RepStatus.ACTIVE, T0);
        health.pipeInput("R-1", health("R-1", "East", 3, 900_000, T0), T0);
        accounts.pipeInput("A-1", account("A-1", "R-1", 300_000, AccountStatus.CUSTOMER, T0), T0);

        accounts.pipeInput("A-1", null, T0.plusSeconds(30));

        RebalanceCommand command = commands.readValue();
        assertThat(command.getType()).isEqualTo(TriggerType.WHALE_CHURN);
        assertThat(command.getSummary()).contains("deleted");
    }

    @Test
    void shouldEmitASecondWhaleOfTheTeamButPublishAndListTheSameAccountLostAgainWithinTheHourAsSuppressed() {
        start();
        pipeRep("R-1", "East", RepStatus.ACTIVE, T0);
        pipeRep("R-2", "East", RepStatus.ACTIVE, T0);
        health.pipeInput("R-1", health("R-1", "East", 10, 4_000_000, T0), T0); // coverage 4.0: no alert of its own
        health.pipeInput("R-2", health("R-2", "East", 10, 4_000_000, T0), T0);
        accounts.pipeInput("A-1", account("A-1", "R-1", 500_000, AccountStatus.CUSTOMER, T0), T0);
        accounts.pipeInput("A-2", account("A-2", "R-2", 500_000, AccountStatus.CUSTOMER, T0), T0);
        Instant firstLoss = T0.plusSeconds(60);
        Instant secondWhale = T0.plusSeconds(120);
        Instant wonBack = T0.plus(Duration.ofMinutes(10));
        Instant lostAgain = T0.plus(Duration.ofMinutes(20));

        accounts.pipeInput("A-1", account("A-1", "R-1", 0, AccountStatus.CHURNED, firstLoss), firstLoss);
        accounts.pipeInput("A-2", account("A-2", "R-2", 0, AccountStatus.CHURNED, secondWhale), secondWhale);
        accounts.pipeInput("A-1", account("A-1", "R-1", 500_000, AccountStatus.CUSTOMER, wonBack), wonBack);
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        accounts.pipeInput("A-1", account("A-1", "R-1", 0, AccountStatus.CHURNED, lostAgain), lostAgain);

        // another rep's account in the same team within the hour: its own command
        assertThat(commands.readKeyValuesToList()).extracting(kv -> kv.key + " " + kv.value.getCommandId()).containsExactly(
                "East WHALE_CHURN:A-1:" + firstLoss.toEpochMilli(), "East WHALE_CHURN:A-2:" + secondWhale.toEpochMilli());
        // the same account lost again within the hour: held, and published as an alert
        String heldId = "WHALE_CHURN:A-1:" + lostAgain.toEpochMilli();
        List<KeyValue<String, TerritoryAlert>> raised = alerts.readKeyValuesToList();
        assertThat(raised).hasSize(1);
        TerritoryAlert alert = raised.get(0).value;
        assertThat(raised.get(0).key).isEqualTo("R-1");
        assertThat(alert.getAlertId()).isEqualTo("TRIGGER_SUPPRESSED:" + heldId);
        assertThat(alert.getType()).isEqualTo(AlertType.TRIGGER_SUPPRESSED);
        assertThat(alert.getTeam()).isEqualTo("East");
        assertThat(alert.getRaisedAt()).isEqualTo(lostAgain);
        assertThat(alert.getMessage()).startsWith("Suppressed WHALE_CHURN command " + heldId)
                .contains("for A-1 (team East)", "COOLING_DOWN", "ends at " + firstLoss.plus(HOUR));
        assertThat(alert.getEvidence()).filteredOn(e -> e.getName().equals("cooldown_ends_at")).singleElement()
                .satisfies(e -> assertThat(e.getValue()).isEqualTo((double) firstLoss.plus(HOUR).toEpochMilli()));

        KeyValueStore<String, SuppressedCommand> store = driver.getKeyValueStore(StoreNames.SUPPRESSED_COMMANDS);
        assertThat(RecentCommands.suppressed(store, 10)).singleElement().satisfies(s -> {
            assertThat(s.command().commandId()).isEqualTo(heldId);
            assertThat(s.command().cooldownSubject()).isEqualTo("A-1");
            assertThat(s.reason()).isEqualTo("COOLING_DOWN");
            assertThat(s.lastFiredAt()).isEqualTo(firstLoss.toEpochMilli());
            assertThat(s.cooldownEndsAt()).isEqualTo(firstLoss.plus(HOUR).toEpochMilli());
            assertThat(s.suppressedAt()).isEqualTo(T0.plusSeconds(1).toEpochMilli());
        });

        // a connector replays A-1's last two changes: the held command again, silently
        accounts.pipeInput("A-1", account("A-1", "R-1", 500_000, AccountStatus.CUSTOMER, wonBack), wonBack);
        accounts.pipeInput("A-1", account("A-1", "R-1", 0, AccountStatus.CHURNED, lostAgain), lostAgain);
        assertThat(commands.isEmpty()).isTrue();
        assertThat(alerts.isEmpty()).isTrue();
        assertThat(RecentCommands.suppressed(store, 10)).hasSize(1);
    }

    @Test
    void shouldListSuppressedCommandsNewestFirst() {
        start();
        Instant t = T0;
        for (int i = 0; i < 3; i++) {
            t = t.plus(HOUR);
            balances.pipeInput("East", balance("East", 5, 0.40 + i / 100.0, t), t); // drift: once per 24 h per team
            driver.advanceWallClockTime(Duration.ofSeconds(1));
        }

        assertThat(commands.readValuesToList()).hasSize(1);
        // one alert per cooldown window: a team that stays drifted is not announced on every balance update
        assertThat(alerts.readKeyValuesToList()).extracting(kv -> kv.key + " " + kv.value.getAlertId()).containsExactly(
                "East TRIGGER_SUPPRESSED:DRIFT:East:" + T0.plus(HOUR.multipliedBy(2)).toEpochMilli());
        KeyValueStore<String, SuppressedCommand> store = driver.getKeyValueStore(StoreNames.SUPPRESSED_COMMANDS);
        assertThat(RecentCommands.suppressed(store, 10)).extracting(s -> s.command().commandId()).containsExactly(
                "DRIFT:East:" + T0.plus(HOUR.multipliedBy(3)).toEpochMilli(),
                "DRIFT:East:" + T0.plus(HOUR.multipliedBy(2)).toEpochMilli());
        assertThat(RecentCommands.suppressed(store, 1)).hasSize(1);
    }

    @Test
    void shouldEmitDriftOnceWithinTheCooldownAndAgainAfterIt() {
        start();
        balances.pipeInput("East", balance("East", 5, 0.25, T0), T0);
        balances.pipeInput("East", balance("East", 5, 0.35, T0.plus(HOUR)), T0.plus(HOUR));
        balances.pipeInput("East", balance("East", 5, 0.40, T0.plus(HOUR.multipliedBy(5))), T0.plus(HOUR.multipliedBy(5)));
        balances.pipeInput(TriggerCommandKeys.ORG, balance(TriggerCommandKeys.ORG, 20, 0.50, T0.plus(HOUR)), T0.plus(HOUR));
        balances.pipeInput("East", balance("East", 5, 0.41, T0.plus(HOUR.multipliedBy(25))), T0.plus(HOUR.multipliedBy(25)));

        List<KeyValue<String, RebalanceCommand>> emitted = commands.readKeyValuesToList();
        assertThat(emitted).extracting(kv -> kv.key).containsExactly("East", "East");
        assertThat(emitted).extracting(kv -> kv.value.getSourceEventTime())
                .containsExactly(T0.plus(HOUR), T0.plus(HOUR.multipliedBy(25)));
        assertThat(evidence(emitted.get(0).value, "cv_coverage")).isEqualTo(0.35);
    }

    @Test
    void shouldJudgeDriftOnTheBalanceATeamSettlesAtNotOnAHalfLoadedBook() {
        start(TriggerTopologyConfig.defaults().withAlertSettle(Duration.ofSeconds(10)));
        // a bulk load: half-filled books look drifted on the way, the loaded team is balanced
        balances.pipeInput("East", balance("East", 5, 0.50, T0), T0);
        balances.pipeInput("East", balance("East", 5, 0.10, T0.plusSeconds(1)), T0.plusSeconds(1));
        driver.advanceWallClockTime(Duration.ofSeconds(15));
        assertThat(commands.isEmpty()).isTrue();

        balances.pipeInput("East", balance("East", 5, 0.45, T0.plus(HOUR)), T0.plus(HOUR));
        assertThat(commands.isEmpty()).isTrue();
        driver.advanceWallClockTime(Duration.ofSeconds(15));

        List<KeyValue<String, RebalanceCommand>> emitted = commands.readKeyValuesToList();
        assertThat(emitted).extracting(kv -> kv.value.getType()).containsExactly(TriggerType.DRIFT);
        assertThat(evidence(emitted.get(0).value, "cv_coverage")).isEqualTo(0.45);
        assertThat(emitted.get(0).value.getSourceEventTime()).isEqualTo(T0.plus(HOUR));
    }

    @Test
    void shouldEmitOneCommandPerTeamWhenAWeightMovesByFivePoints() {
        start();
        pipeRep("R-1", "East", RepStatus.ACTIVE, T0);
        pipeRep("R-2", "West", RepStatus.ACTIVE, T0);
        weights.pipeInput("potential-v1", weights(1, 0.30, T0), T0);
        weights.pipeInput("potential-v1", weights(2, 0.27, T0.plus(HOUR)), T0.plus(HOUR));
        assertThat(commands.isEmpty()).isTrue();

        weights.pipeInput("potential-v1", weights(3, 0.22, T0.plus(HOUR.multipliedBy(2))), T0.plus(HOUR.multipliedBy(2)));
        weights.pipeInput("potential-v1", weights(3, 0.22, T0.plus(HOUR.multipliedBy(2))), T0.plus(HOUR.multipliedBy(2)));

        List<KeyValue<String, RebalanceCommand>> emitted = commands.readKeyValuesToList();
        assertThat(emitted).extracting(kv -> kv.key).containsExactly("East", "West");
        assertThat(emitted).extracting(kv -> kv.value.getType()).containsOnly(TriggerType.ICP_WEIGHTS_CHANGED);
        assertThat(evidence(emitted.get(0).value, "weight_delta.fit_weight")).isCloseTo(0.05, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void shouldEmitNewMarketWhenAccountsAppearWhereNoActiveRepSells() {
        start();
        regional("East", 1); // R-1 sells only in NA-EAST
        pipeRep("R-1", "East", RepStatus.ACTIVE, T0);
        accounts.pipeInput("A-1", account("A-1", "R-1", 200_000, AccountStatus.CUSTOMER, T0), T0);
        accounts.pipeInput("A-9", account("A-9", null, Segment.MID_MARKET, "APAC", 500_000, AccountStatus.PROSPECT,
                T0.plusSeconds(10)), T0.plusSeconds(10));
        accounts.pipeInput("A-10", account("A-10", null, Segment.MID_MARKET, "APAC", 100_000, AccountStatus.PROSPECT,
                T0.plusSeconds(20)), T0.plusSeconds(20));

        List<RebalanceCommand> emitted = commands.readValuesToList();
        assertThat(emitted).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo(TriggerType.NEW_MARKET);
            assertThat(c.getScope().getRegion()).isEqualTo("APAC");
            assertThat(c.getScope().getTeam()).isEqualTo("East");
        });
    }

    @Test
    void shouldEmitNewMarketToEachTeamThatSellsToTheSegmentAndNothingMoreOnAReplay() {
        start();
        regional("East", 1);
        regional("West", 1);
        pipeRep("R-1", "East", Segment.MID_MARKET, "NA-EAST", T0);
        pipeRep("R-2", "West", Segment.MID_MARKET, "NA-WEST", T0);
        pipeRep("R-3", "Emea", Segment.ENTERPRISE, "EMEA", T0);
        Instant at = T0.plusSeconds(10);
        ScoredAccount apac = account("A-9", null, Segment.MID_MARKET, "APAC", 500_000, AccountStatus.PROSPECT, at);

        accounts.pipeInput("A-9", apac, at);
        accounts.pipeInput("A-9", apac, at); // at-least-once delivery

        List<KeyValue<String, RebalanceCommand>> emitted = commands.readKeyValuesToList();
        assertThat(emitted).extracting(kv -> kv.key).containsExactly("East", "West");
        assertThat(emitted).extracting(kv -> kv.value.getCommandId()).containsExactly(
                "NEW_MARKET:MID_MARKET/APAC:East:" + at.toEpochMilli(), "NEW_MARKET:MID_MARKET/APAC:West:" + at.toEpochMilli());
        assertThat(emitted).allSatisfy(kv -> {
            assertThat(kv.value.getScope().getTeam()).isEqualTo(kv.key);
            assertThat(kv.value.getScope().getSegment()).isEqualTo(Segment.MID_MARKET);
            assertThat(kv.value.getScope().getRegion()).isEqualTo("APAC");
        });
    }

    @Test
    void shouldJudgeCoverageByEachTeamsPolicyAndForgetAWaitingMarketWhenItsTeamStopsBeingRegional() {
        start(TriggerTopologyConfig.defaults().withAlertSettle(Duration.ofSeconds(10)));
        pipeRep("R-1", "East", Segment.MID_MARKET, "NA-EAST", T0);
        pipeRep("R-2", "Emea", Segment.ENTERPRISE, "EMEA", T0);
        regional("Emea", 2);
        policies.pipeInput("Emea", Inputs.policy("Emea", 1, false, T0), T0); // an older version: ignored
        Instant at = T0.plusSeconds(10);

        // East has no policy, so it is not regional: its MID_MARKET rep covers APAC
        accounts.pipeInput("A-1", account("A-1", null, Segment.MID_MARKET, "APAC", 500_000, AccountStatus.PROSPECT, at), at);
        // Emea is regional: its ENTERPRISE rep covers EMEA only
        accounts.pipeInput("A-2", account("A-2", null, Segment.ENTERPRISE, "APAC", 500_000, AccountStatus.PROSPECT, at), at);
        accounts.pipeInput("A-3", account("A-3", null, Segment.ENTERPRISE, "LATAM", 500_000, AccountStatus.PROSPECT, at), at);
        assertThat(driver.<String, TeamPolicyFacts>getKeyValueStore(StoreNames.TEAM_POLICIES).get("Emea").version()).isEqualTo(2);
        driver.advanceWallClockTime(Duration.ofSeconds(5));

        // Emea drops the regional rule before LATAM has settled: its rep now covers LATAM too
        policies.pipeInput("Emea", Inputs.policy("Emea", 3, false, T0.plusSeconds(5)), T0.plusSeconds(5));
        driver.advanceWallClockTime(Duration.ofSeconds(30));

        assertThat(commands.isEmpty()).isTrue();

        // regional again, from version 4 on: APAC and LATAM, seen before, are new markets for Emea again, and a new
        // ENTERPRISE account in APAC joins the market waiting there
        regional("Emea", 4);
        Instant later = T0.plus(HOUR);
        accounts.pipeInput("A-4", account("A-4", null, Segment.ENTERPRISE, "APAC", 500_000, AccountStatus.PROSPECT, later), later);
        driver.advanceWallClockTime(Duration.ofSeconds(30));
        assertThat(commands.readValuesToList()).satisfiesExactly(
                apac -> {
                    assertThat(apac.getCommandId()).isEqualTo("NEW_MARKET:ENTERPRISE/APAC:Emea:" + later.toEpochMilli());
                    assertThat(evidence(apac, "uncovered_accounts")).isEqualTo(2);
                },
                latam -> {
                    assertThat(latam.getCommandId()).isEqualTo("NEW_MARKET:ENTERPRISE/LATAM:Emea:" + T0.toEpochMilli());
                    assertThat(evidence(latam, "uncovered_accounts")).isEqualTo(1);
                });
    }

    @Test
    void shouldJudgeTheMarketsATeamCoveredAgainWhenItBecomesRegional() {
        start(TriggerTopologyConfig.defaults().withAlertSettle(Duration.ofSeconds(10)));
        pipeRep("R-1", "Mid", Segment.MID_MARKET, "NA-EAST", T0);
        pipeRep("R-2", "Mid", Segment.MID_MARKET, "EMEA", T0);
        Instant at = T0.plusSeconds(10);
        // Mid has no policy, so it is not regional: its two reps cover MID_MARKET everywhere
        accounts.pipeInput("A-1", account("A-1", "R-1", Segment.MID_MARKET, "NA-EAST", 100_000, AccountStatus.CUSTOMER, at), at);
        accounts.pipeInput("A-2", account("A-2", "R-1", Segment.MID_MARKET, "LATAM", 300_000, AccountStatus.CUSTOMER, at), at);
        accounts.pipeInput("A-3", account("A-3", null, Segment.MID_MARKET, "LATAM", 200_000, AccountStatus.PROSPECT, at), at);
        accounts.pipeInput("A-4", account("A-4", null, Segment.MID_MARKET, "APAC", 400_000, AccountStatus.PROSPECT, at), at);
        accounts.pipeInput("A-5", account("A-5", null, Segment.MID_MARKET, null, 400_000, AccountStatus.PROSPECT, at), at);
        accounts.pipeInput("A-6", account("A-6", null, Segment.ENTERPRISE, "LATAM", 400_000, AccountStatus.PROSPECT, at), at);
        pipeRep("R-3", "Ent", Segment.ENTERPRISE, "NA-EAST", T0); // Ent is not regional: it covers ENTERPRISE/LATAM
        accounts.pipeInput("A-4", null, at.plusSeconds(1)); // APAC's only account leaves before the policy changes
        driver.advanceWallClockTime(Duration.ofSeconds(30));
        assertThat(commands.isEmpty()).isTrue();

        Instant published = T0.plus(HOUR);
        policies.pipeInput("Mid", Inputs.policy("Mid", 1, true, published), published);
        driver.advanceWallClockTime(Duration.ofSeconds(30));

        // LATAM has no MID_MARKET rep: both its accounts, the owned one too, are a new market for Mid; NA-EAST and
        // EMEA keep their reps, APAC holds nothing any more, an account without a region is covered by any rep
        assertThat(commands.readValuesToList()).singleElement().satisfies(c -> {
            assertThat(c.getCommandId()).isEqualTo("NEW_MARKET:MID_MARKET/LATAM:Mid:" + published.toEpochMilli());
            assertThat(c.getScope().getTeam()).isEqualTo("Mid");
            assertThat(c.getScope().getSegment()).isEqualTo(Segment.MID_MARKET);
            assertThat(c.getScope().getRegion()).isEqualTo("LATAM");
            assertThat(evidence(c, "uncovered_accounts")).isEqualTo(2);
            assertThat(evidence(c, "uncovered_potential")).isEqualTo(500_000);
        });

        // a replay of the policy, or a newer version that stays regional, judges nothing again
        policies.pipeInput("Mid", Inputs.policy("Mid", 1, true, published), published);
        policies.pipeInput("Mid", Inputs.policy("Mid", 2, true, published.plusSeconds(60)), published.plusSeconds(60));
        driver.advanceWallClockTime(Duration.ofSeconds(30));
        assertThat(commands.isEmpty()).isTrue();
    }

    @Test
    void shouldPutATeamBackToNotRegionalOnATombstone() {
        start();
        pipeRep("R-2", "Emea", Segment.ENTERPRISE, "EMEA", T0);
        regional("Emea", 1);
        policies.pipeInput("Emea", (TeamPolicy) null, T0.plusSeconds(1));
        assertThat(driver.<String, TeamPolicyFacts>getKeyValueStore(StoreNames.TEAM_POLICIES).get("Emea")).isNull();

        Instant at = T0.plusSeconds(10);
        accounts.pipeInput("A-1", account("A-1", null, Segment.ENTERPRISE, "APAC", 500_000, AccountStatus.PROSPECT, at), at);

        assertThat(commands.isEmpty()).isTrue();
    }

    private void pipeRep(String id, String team, Segment segment, String region, Instant at) {
        CrmRep rep = new CrmRep(id, "Name " + id, RepStatus.ACTIVE, Motion.DUAL, segment, region, team, 1_000_000, 200,
                LocalDate.of(2024, 1, 15));
        reps.pipeInput(repKey(id), repChange(rep, "r", at), at);
    }

    @Test
    void shouldAssignAMarketThatAskedForHeadcountOnceACompatibleRepJoinsTheTeam() {
        start();
        regional("Mid", 1); // Mid's reps cover MID_MARKET only in their own regions
        pipeRep("R-1", "Mid", Segment.MID_MARKET, "NA-EAST", T0);
        Instant at = T0.plusSeconds(10);
        accounts.pipeInput("A-1", account("A-1", null, Segment.MID_MARKET, "LATAM", 300_000, AccountStatus.PROSPECT, at), at);
        accounts.pipeInput("A-2", account("A-2", null, Segment.MID_MARKET, "LATAM", 200_000, AccountStatus.PROSPECT,
                at.plusSeconds(1)), at.plusSeconds(1));

        // no rep can take LATAM: the ask (the optimizer answers INFEASIBLE with the headcount what-if) ...
        assertThat(commands.readValuesToList()).singleElement().satisfies(
                c -> assertThat(c.getCommandId()).isEqualTo("NEW_MARKET:MID_MARKET/LATAM:Mid:" + at.toEpochMilli()));
        // ... and the market is held as asked, with the account that came after the ask
        MarketState held = driver.<String, MarketState>getKeyValueStore(StoreNames.MARKETS).get("MID_MARKET/LATAM");
        assertThat(held.headcountAskedAt()).isEqualTo(at.toEpochMilli());
        assertThat(held.uncoveredAccounts()).containsOnlyKeys("A-1", "A-2");

        // a rep of another region, or of another segment, takes nothing: still waiting
        pipeRep("R-2", "Mid", Segment.MID_MARKET, "EMEA", T0.plusSeconds(20));
        pipeRep("R-3", "Ent", Segment.ENTERPRISE, "LATAM", T0.plusSeconds(21));
        assertThat(commands.isEmpty()).isTrue();

        // the hire: a MID_MARKET rep of Mid in LATAM; the market is judged again and its accounts go to Mid
        Instant hired = T0.plus(HOUR);
        pipeRep("R-9", "Mid", Segment.MID_MARKET, "LATAM", hired);
        assertThat(commands.readKeyValuesToList()).singleElement().satisfies(kv -> {
            RebalanceCommand c = kv.value;
            assertThat(kv.key).isEqualTo("Mid");
            assertThat(c.getType()).isEqualTo(TriggerType.NEW_MARKET);
            assertThat(c.getCommandId()).isEqualTo("NEW_MARKET:MID_MARKET/LATAM:Mid:staffed:R-9:" + hired.toEpochMilli());
            assertThat(c.getScope().getTeam()).isEqualTo("Mid");
            assertThat(c.getScope().getSegment()).isEqualTo(Segment.MID_MARKET);
            assertThat(c.getScope().getRegion()).isEqualTo("LATAM");
            assertThat(evidence(c, "uncovered_accounts")).isEqualTo(2);
            assertThat(evidence(c, "uncovered_potential")).isEqualTo(500_000);
            assertThat(evidence(c, "active_reps_covering")).isEqualTo(1);
            assertThat(c.getSummary()).contains("waited for headcount", "R-9", "assign them");
        });
        assertThat(driver.<String, MarketState>getKeyValueStore(StoreNames.MARKETS).get("MID_MARKET/LATAM")).isNull();

        // the same record again, or a second hire there, asks nothing more: the market is covered now
        pipeRep("R-9", "Mid", Segment.MID_MARKET, "LATAM", hired);
        pipeRep("R-10", "Mid", Segment.MID_MARKET, "LATAM", hired.plusSeconds(60));
        assertThat(commands.isEmpty()).isTrue();
    }

    @Test
    void shouldForgetADeletedRepOnItsTombstoneAloneAsOnItsDelete() {
        start();
        pipeRep("R-1", "Apac", Segment.MID_MARKET, "APAC", T0);
        pipeRep("R-2", "Emea", Segment.MID_MARKET, "EMEA", T0);
        regional("Apac", 1);
        regional("Emea", 1);
        health.pipeInput("R-1", health("R-1", "Apac", 0, 0, T0), T0);
        health.pipeInput("R-2", health("R-2", "Emea", 0, 0, T0), T0);

        // the delete and its tombstone; R-2: the tombstone alone, as a compacted topic keeps it
        reps.pipeInput(repKey("R-1"), Inputs.repDelete(rep("R-1", "Apac", RepStatus.ACTIVE), T0.plusSeconds(5)), T0.plusSeconds(5));
        reps.pipeInput(repKey("R-1"), null, T0.plusSeconds(5));
        reps.pipeInput(repKey("R-2"), null, T0.plusSeconds(6));

        KeyValueStore<String, RepFacts> known = driver.getKeyValueStore(StoreNames.REPS);
        assertThat(known.get("R-1")).isNull();
        assertThat(known.get("R-2")).isNull();
        assertThat(deadLetters.isEmpty()).isTrue();
        // each left an empty book: no REP_EXIT, and the tombstone after the delete added nothing
        assertThat(commands.isEmpty()).isTrue();

        // the roster forgot R-2: EMEA has no MID_MARKET rep any more, and a team still sells to the segment
        pipeRep("R-3", "Mid", Segment.MID_MARKET, "NA-EAST", T0.plusSeconds(7));
        regional("Mid", 1);
        Instant at = T0.plusSeconds(10);
        accounts.pipeInput("A-1", account("A-1", null, Segment.MID_MARKET, "EMEA", 500_000, AccountStatus.PROSPECT, at), at);
        assertThat(commands.readValuesToList()).singleElement().satisfies(
                c -> assertThat(c.getCommandId()).isEqualTo("NEW_MARKET:MID_MARKET/EMEA:Mid:" + at.toEpochMilli()));
    }

    @Test
    void shouldNotEmitNewMarketWhenTheCoveringRepArrivesAfterTheAccountsWithinTheSettlePeriod() {
        start(TriggerTopologyConfig.defaults().withAlertSettle(Duration.ofSeconds(10)));
        regional("East", 1); // R-1 sells only in NA-EAST
        pipeRep("R-1", "East", RepStatus.ACTIVE, T0);
        accounts.pipeInput("A-9", account("A-9", "R-7", Segment.MID_MARKET, "APAC", 500_000, AccountStatus.CUSTOMER,
                T0.plusSeconds(10)), T0.plusSeconds(10));
        driver.advanceWallClockTime(Duration.ofSeconds(5));

        pipeRep("R-7", "Apac", Segment.MID_MARKET, "APAC", T0.plusSeconds(5)); // the CRM's rep topic lagged
        driver.advanceWallClockTime(Duration.ofSeconds(30));

        assertThat(commands.isEmpty()).isTrue();
    }

    @Test
    void shouldEmitNewMarketOnceTheSettlePeriodPassesWithNoCoveringRep() {
        start(TriggerTopologyConfig.defaults().withAlertSettle(Duration.ofSeconds(10)));
        regional("East", 1); // R-1 sells only in NA-EAST
        pipeRep("R-1", "East", RepStatus.ACTIVE, T0);
        accounts.pipeInput("A-9", account("A-9", null, Segment.MID_MARKET, "APAC", 500_000, AccountStatus.PROSPECT,
                T0.plusSeconds(10)), T0.plusSeconds(10));
        accounts.pipeInput("A-10", account("A-10", null, Segment.MID_MARKET, "APAC", 100_000, AccountStatus.PROSPECT,
                T0.plusSeconds(20)), T0.plusSeconds(20));
        assertThat(commands.isEmpty()).isTrue();

        // an unrelated rep changing restarts the wait: the roster is still moving
        driver.advanceWallClockTime(Duration.ofSeconds(6));
        pipeRep("R-2", "East", RepStatus.ACTIVE, T0.plusSeconds(30));
        driver.advanceWallClockTime(Duration.ofSeconds(6));
        assertThat(commands.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofSeconds(10));
        assertThat(commands.readValuesToList()).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo(TriggerType.NEW_MARKET);
            assertThat(c.getCommandId()).isEqualTo("NEW_MARKET:MID_MARKET/APAC:East:" + T0.plusSeconds(20).toEpochMilli());
            assertThat(evidence(c, "uncovered_accounts")).isEqualTo(2);
            assertThat(c.getScope().getTeam()).isEqualTo("East");
        });
        driver.advanceWallClockTime(Duration.ofSeconds(30));
        assertThat(commands.isEmpty()).isTrue();
    }

    @Test
    void shouldNotDelayRepExitWhileANewMarketSettles() {
        start(TriggerTopologyConfig.defaults().withAlertSettle(Duration.ofSeconds(10)));
        regional("East", 1); // R-1 sells only in NA-EAST
        pipeRep("R-1", "East", RepStatus.ACTIVE, T0);
        accounts.pipeInput("A-9", account("A-9", null, Segment.MID_MARKET, "APAC", 500_000, AccountStatus.PROSPECT,
                T0.plusSeconds(10)), T0.plusSeconds(10));
        pipeRep("R-1", "East", RepStatus.EXITED, T0.plus(HOUR));

        assertThat(commands.readValuesToList()).extracting(RebalanceCommand::getType).containsExactly(TriggerType.REP_EXIT);
    }

    @Test
    void shouldRaiseACoverageAlertOncePerCrossing() {
        start();
        Instant t = T0;
        for (double potential : new double[]{3_500_000, 2_800_000, 2_500_000, 3_100_000, 2_900_000}) {
            t = t.plusSeconds(60);
            health.pipeInput("R-1", health("R-1", "East", RepStatus.ACTIVE, 10, potential, 1_000_000, RenewalStatus.ON_TRACK, t), t);
        }

        List<KeyValue<String, TerritoryAlert>> raised = alerts.readKeyValuesToList();
        assertThat(raised).extracting(kv -> kv.key).containsExactly("R-1", "R-1");
        assertThat(raised).extracting(kv -> kv.value.getAlertId()).containsExactly(
                "COVERAGE_BELOW_THRESHOLD:R-1:" + T0.plusSeconds(120).toEpochMilli(),
                "COVERAGE_BELOW_THRESHOLD:R-1:" + T0.plusSeconds(300).toEpochMilli());
        assertThat(raised.get(0).value.getMessage()).contains("design warning");
    }

    @Test
    void shouldWaitUntilATerritoryIsQuietBeforeRaisingItsAlerts() {
        start(TriggerTopologyConfig.defaults().withAlertSettle(Duration.ofSeconds(10)));
        // a bulk load: the territory fills up, below 3.0 on the way, healthy at the end
        health.pipeInput("R-1", health("R-1", "East", 1, 500_000, T0), T0);
        health.pipeInput("R-1", health("R-1", "East", 8, 4_500_000, T0), T0);
        health.pipeInput("R-2", health("R-2", "East", RepStatus.ACTIVE, 4, 1_500_000, 1_000_000,
                RenewalStatus.STRUCTURALLY_UNDERPERFORMING, T0), T0);
        assertThat(alerts.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofSeconds(15));

        assertThat(alerts.readValuesToList()).extracting(a -> a.getRepId() + " " + a.getType())
                .containsExactlyInAnyOrder("R-2 " + AlertType.COVERAGE_BELOW_THRESHOLD, "R-2 " + AlertType.STRUCTURALLY_UNDERPERFORMING);
        driver.advanceWallClockTime(Duration.ofSeconds(15));
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void shouldRaiseInactivityAlertsWhenStreamTimePassesTheThresholds() {
        start();
        Instant lastActivity = T0.minus(Duration.ofDays(100));
        // locked, 100 days without activity on arrival: past the lock threshold (90), not yet inactive (120)
        accounts.pipeInput("A-1", Inputs.withActivity(account("A-1", "R-1", 80_000, AccountStatus.CUSTOMER, T0), true,
                lastActivity), T0);
        assertThat(alerts.readValuesToList()).extracting(TerritoryAlert::getAlertId)
                .containsExactly("LOCK_EXPIRY_CANDIDATE:A-1:" + lastActivity.toEpochMilli());

        // another account moves stream time 21 days on; the scan finds A-1 at 121 days
        Instant later = T0.plus(Duration.ofDays(21));
        accounts.pipeInput("A-2", Inputs.withActivity(account("A-2", "R-1", 80_000, AccountStatus.CUSTOMER, later), false,
                later.minus(Duration.ofDays(1))), later);
        assertThat(alerts.readKeyValuesToList()).extracting(kv -> kv.key + " " + kv.value.getAlertId())
                .containsExactly("A-1 INACTIVE_ACCOUNT:A-1:" + lastActivity.toEpochMilli());

        Instant evenLater = later.plus(Duration.ofDays(2));
        accounts.pipeInput("A-3", account("A-3", "R-1", 80_000, AccountStatus.CUSTOMER, evenLater), evenLater);
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void shouldListTheEmittedCommandsNewestFirstFromTheStore() {
        start();
        pipeRep("R-1", "East", RepStatus.ACTIVE, T0);
        pipeRep("R-2", "West", RepStatus.ACTIVE, T0);
        pipeRep("R-1", "East", RepStatus.EXITED, T0.plus(HOUR));
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        pipeRep("R-2", "West", RepStatus.EXITED, T0.plus(HOUR));

        KeyValueStore<String, EmittedCommand> store = driver.getKeyValueStore(StoreNames.EMITTED_COMMANDS);

        assertThat(RecentCommands.from(store, 10)).extracting(e -> e.command().commandId()).containsExactly(
                "REP_EXIT:R-2:" + T0.plus(HOUR).toEpochMilli(), "REP_EXIT:R-1:" + T0.plus(HOUR).toEpochMilli());
        assertThat(RecentCommands.from(store, 1)).singleElement()
                .satisfies(e -> assertThat(e.issuedAt()).isEqualTo(T0.plusSeconds(1).toEpochMilli()));
    }

    @Test
    void shouldReadRepsFromARenamedTopicAndNameItInDeadLetters() {
        String renamed = "crmdb.public.reps";
        start(TriggerTopologyConfig.defaults().withAlertSettle(Duration.ZERO)
                .withTopics(TriggerTopologyConfig.TopicNames.defaults().withReps(renamed)));
        pipeRep("R-1", "East", RepStatus.ACTIVE, T0);
        reps.pipeInput(repKey("R-2"), new byte[]{1, 2, 3}, T0);
        pipeRep("R-1", "East", RepStatus.EXITED, T0.plus(HOUR));

        assertThat(commands.readValuesToList()).extracting(RebalanceCommand::getType).containsExactly(TriggerType.REP_EXIT);
        assertThat(deadLetters.readValuesToList()).extracting(DeadLetter::getSourceTopic).containsExactly(renamed);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }

    /** Keys used by team.balance and rebalance.commands for the whole organisation. */
    private static final class TriggerCommandKeys {
        static final String ORG = io.territoryos.trigger.domain.TriggerCommand.ORG_KEY;
    }
}
