package io.territoryos.territory.streams;

import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.CoverageBand;
import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.avro.RepStatus;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.avro.SegmentStats;
import io.territoryos.contracts.avro.TeamBalance;
import io.territoryos.contracts.avro.TerritoryHealth;
import io.territoryos.contracts.avro.Tier;
import io.territoryos.contracts.serde.RecordSerde;
import io.territoryos.territory.domain.AccountContribution;
import io.territoryos.territory.domain.AccountDelta;
import io.territoryos.territory.domain.TerritoryDelta;
import io.territoryos.territory.domain.Territories;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static io.territoryos.territory.streams.TestRecords.repKey;
import static io.territoryos.territory.streams.TestRecords.repRow;
import static io.territoryos.territory.streams.TestRecords.scored;
import static org.assertj.core.api.Assertions.assertThat;

class TerritoryTopologyTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final Duration WINDOW = Duration.ofMillis(50);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, ScoredAccount> accounts;
    private TestInputTopic<byte[], byte[]> reps;
    private TestInputTopic<String, SegmentStats> segmentStats;
    private TestOutputTopic<String, TerritoryHealth> health;
    private TestOutputTopic<String, TeamBalance> balance;
    private TestOutputTopic<String, DeadLetter> repsDlq;

    @BeforeEach
    void startDriver() {
        TerritorySerdes serdes = TerritorySerdes.binary();
        // in-memory stores: the driver commits (and RocksDB would flush) after every record
        // one partition: the driver runs a single task; the two-instance IT covers hand-overs between partitions
        TerritoryTopologyConfig config = TerritoryTopologyConfig.defaults()
                .withStateStores(TerritoryTopologyConfig.StateStores.IN_MEMORY)
                .withAggregation(1, WINDOW);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "territory-service-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(TerritoryTopology.build(config, serdes), props, T0);
        accounts = driver.createInputTopic(config.accountsTopic(), Serdes.String().serializer(), serdes.scoredAccount().serializer());
        reps = driver.createInputTopic(config.repsTopic(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        segmentStats = driver.createInputTopic(config.segmentStatsTopic(), Serdes.String().serializer(), serdes.segmentStats().serializer());
        health = driver.createOutputTopic(config.healthTopic(), Serdes.String().deserializer(), serdes.territoryHealth().deserializer());
        balance = driver.createOutputTopic(config.teamBalanceTopic(), Serdes.String().deserializer(), serdes.teamBalance().deserializer());
        repsDlq = driver.createOutputTopic(config.repsDeadLetterTopic(), Serdes.String().deserializer(), serdes.deadLetter().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    /**
     * Closes the publish windows: the account step sends its territory deltas, the team tasks publish, then the
     * organisation's roll-up (the driver feeds a window's output to the next step after the punctuations).
     */
    private void publish() {
        driver.advanceWallClockTime(WINDOW);
        driver.advanceWallClockTime(WINDOW);
        driver.advanceWallClockTime(WINDOW);
    }

    /** R1 and R2 in EAST with one account each (A1, A2, changed at 2,000), published and read. */
    private void eastTeamOfTwo(double a1Potential, double a2Potential) {
        reps.pipeInput(repKey("R1"), repRow("R1", "EAST", 100_000, 1_000L), T0);
        reps.pipeInput(repKey("R2"), repRow("R2", "EAST", 100_000, 1_000L), T0);
        accounts.pipeInput("A1", scored("A1", "R1", a1Potential, 2_000L), T0);
        accounts.pipeInput("A2", scored("A2", "R2", a2Potential, 2_000L), T0);
        publish();
        health.readRecordsToList();
        balance.readRecordsToList();
    }

    @Test
    void shouldReportARepWithoutAccountsOnceTheRepRowArrives() {
        reps.pipeInput(repKey("R1"), repRow("R1", "EAST", 500_000, 1_000L), T0);

        publish();
        TerritoryHealth r1 = health.readValue();
        assertThat(r1.getRepId()).isEqualTo("R1");
        assertThat(r1.getRepStatus()).isEqualTo(RepStatus.ACTIVE);
        assertThat(r1.getPotentialTotal()).isZero();
        assertThat(r1.getCoverageRatio()).isZero();
        assertThat(r1.getBand()).isEqualTo(CoverageBand.UNDER_COVERED);
        assertThat(r1.getQuotaValidation().getRecommendedQuota()).isZero();
        assertThat(r1.getSourceEventTime()).isEqualTo(Instant.ofEpochMilli(1_000L));
        assertThat(r1.getUpdatedAt()).isEqualTo(T0.plus(WINDOW));
        assertThat(balance.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("EAST", Territories.ORG);
    }

    @Test
    void shouldAddUpdateAndTombstoneAnAccount() {
        reps.pipeInput(repKey("R1"), repRow("R1", "EAST", 100_000, 1_000L), T0);
        publish();
        health.readRecordsToList();

        accounts.pipeInput("A1", scored("A1", "R1", 350_000, 100_000, Tier.TIER_1, false, 2_000L), T0);
        publish();
        TerritoryHealth added = health.readValue();
        assertThat(added.getAccountCount()).isEqualTo(1);
        assertThat(added.getPotentialTotal()).isEqualTo(350_000.0);
        assertThat(added.getArrTotal()).isEqualTo(100_000.0);
        assertThat(added.getTier1Count()).isEqualTo(1);
        assertThat(added.getCoverageRatio()).isEqualTo(3.5);
        assertThat(added.getBand()).isEqualTo(CoverageBand.ADEQUATE);
        assertThat(added.getSourceEventTime()).isEqualTo(Instant.ofEpochMilli(2_000L));

        accounts.pipeInput("A1", scored("A1", "R1", 500_000, 100_000, Tier.TIER_1, true, 3_000L), T0);
        publish();
        TerritoryHealth rescored = health.readValue();
        assertThat(rescored.getAccountCount()).isEqualTo(1);
        assertThat(rescored.getPotentialTotal()).isEqualTo(500_000.0);
        assertThat(rescored.getArrAtRisk()).isEqualTo(100_000.0);
        assertThat(rescored.getSaveCost()).isEqualTo(15_000.0);

        accounts.pipeInput("A1", (ScoredAccount) null, T0.plusSeconds(1));
        publish();
        TerritoryHealth removed = health.readValue();
        assertThat(removed.getAccountCount()).isZero();
        assertThat(removed.getPotentialTotal()).isZero();
        assertThat(removed.getArrAtRisk()).isZero();
        assertThat(removed.getSourceEventTime()).isEqualTo(T0.plusSeconds(1));
        assertThat(health.isEmpty()).isTrue();
    }

    @Test
    void shouldMoveAccountPotentialToNewOwnerInOneUpdate() {
        reps.pipeInput(repKey("R1"), repRow("R1", "EAST", 100_000, 1_000L), T0);
        reps.pipeInput(repKey("R2"), repRow("R2", "WEST", 100_000, 1_000L), T0);
        accounts.pipeInput("A1", scored("A1", "R1", 250_000.10, 2_000L), T0);
        accounts.pipeInput("A2", scored("A2", "R1", 100_000.20, 2_000L), T0);
        accounts.pipeInput("A3", scored("A3", "R2", 50_000.30, 2_000L), T0);
        publish();
        health.readRecordsToList();
        balance.readRecordsToList();

        accounts.pipeInput("A1", scored("A1", "R2", 250_000.10, 3_000L), T0.plusSeconds(5));

        publish();
        List<TestRecord<String, TerritoryHealth>> oneUpdate = health.readRecordsToList();
        assertThat(oneUpdate).extracting(TestRecord::key).containsExactly("R1", "R2");
        assertThat(oneUpdate.get(0).value().getPotentialTotal()).isEqualTo(100_000.20);
        assertThat(oneUpdate.get(0).value().getAccountCount()).isEqualTo(1);
        assertThat(oneUpdate.get(1).value().getPotentialTotal()).isEqualTo(300_000.40);
        assertThat(oneUpdate.get(1).value().getAccountCount()).isEqualTo(2);
        assertThat(oneUpdate).allSatisfy(r -> assertThat(r.timestamp()).isEqualTo(T0.plusSeconds(5).toEpochMilli()));
        assertThat(oneUpdate.get(0).value().getPotentialTotal() + oneUpdate.get(1).value().getPotentialTotal())
                .isEqualTo(250_000.10 + 100_000.20 + 50_000.30, org.assertj.core.api.Assertions.within(1e-6));
        List<KeyValue<String, TeamBalance>> balances = balance.readKeyValuesToList();
        assertThat(balances).extracting(kv -> kv.key).containsExactly("EAST", "WEST", Territories.ORG);
        assertThat(balances.get(2).value.getPotentialTotal()).isEqualTo(400_000.60);
    }

    @Test
    void shouldKeepSumsEqualToAccountPotentialAtAQuietPoint() {
        Map<String, Double> accountPotential = new HashMap<>();
        String[] owners = {"R1", "R2", "R3", null};
        java.util.Random random = new java.util.Random(11);
        for (String rep : new String[]{"R1", "R2", "R3"}) {
            reps.pipeInput(repKey(rep), repRow(rep, "EAST", 200_000, 1_000L), T0);
        }
        for (int i = 0; i < 400; i++) {
            String id = "A" + random.nextInt(60);
            if (random.nextInt(8) == 0) {
                accounts.pipeInput(id, (ScoredAccount) null, T0);
                accountPotential.remove(id);
            } else {
                double potential = Math.round(random.nextDouble() * 100_000_000) / 100.0;
                accounts.pipeInput(id, scored(id, owners[random.nextInt(owners.length)], potential, 2_000L + i), T0);
                accountPotential.put(id, potential);
            }
        }

        publish();
        Map<String, Double> latest = new HashMap<>();
        health.readKeyValuesToList().forEach(kv -> latest.put(kv.key, kv.value.getPotentialTotal()));
        long territoryCents = latest.values().stream().mapToLong(p -> Math.round(p * 100)).sum();
        long accountCents = accountPotential.values().stream().mapToLong(p -> Math.round(p * 100)).sum();
        assertThat(territoryCents).isEqualTo(accountCents);
    }

    @Test
    void shouldRevalidateTheQuotaWhenTheRepsQuotaChanges() {
        reps.pipeInput(repKey("R1"), repRow("R1", "EAST", 100_000, 1_000L), T0);
        accounts.pipeInput("A1", scored("A1", "R1", 800_000, 2_000L), T0);
        publish();
        health.readRecordsToList();
        balance.readRecordsToList();

        reps.pipeInput(repKey("R1"), repRow("u", "R1", "EAST", "ACTIVE", "NEW_BUSINESS", "MID_MARKET", 400_000, 3_000L), T0);

        publish();
        TerritoryHealth after = health.readValue();
        assertThat(after.getQuota()).isEqualTo(400_000.0);
        assertThat(after.getCoverageRatio()).isEqualTo(2.0);
        assertThat(after.getBand()).isEqualTo(CoverageBand.UNDER_COVERED);
        assertThat(after.getQuotaValidation().getConversionPasses()).isFalse(); // 800K x 0.25 = 200K < 400K
        assertThat(after.getQuotaValidation().getRecommendedQuota()).isEqualTo(200_000.0);
        assertThat(after.getSourceEventTime()).isEqualTo(Instant.ofEpochMilli(3_000L));
        assertThat(balance.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("EAST", Territories.ORG);
    }

    @Test
    void shouldKeepAnExitedRepsBookUntilItIsReassigned() {
        eastTeamOfTwo(600_000, 200_000);

        reps.pipeInput(repKey("R1"), repRow("u", "R1", "EAST", "EXITED", "NEW_BUSINESS", "MID_MARKET", 100_000, 3_000L), T0);

        publish();
        TerritoryHealth exited = health.readValue();
        assertThat(exited.getRepStatus()).isEqualTo(RepStatus.EXITED);
        assertThat(exited.getPotentialTotal()).isEqualTo(600_000.0);
        assertThat(exited.getCoverageRatio()).isEqualTo(6.0);
        TeamBalance east = balance.readKeyValue().value;
        assertThat(east.getTeam()).isEqualTo("EAST");
        assertThat(east.getRepCount()).isEqualTo(1);
        assertThat(east.getPotentialTotal()).isEqualTo(200_000.0);
        balance.readRecordsToList();

        accounts.pipeInput("A1", scored("A1", "R2", 600_000, 4_000L), T0);
        publish();
        assertThat(health.readKeyValuesToList()).extracting(kv -> kv.key + "=" + kv.value.getPotentialTotal())
                .containsExactly("R1=0.0", "R2=800000.0");
        assertThat(balance.readKeyValue().value.getPotentialTotal()).isEqualTo(800_000.0);
    }

    @Test
    void shouldSendABadRepRecordToTheDeadLetterTopicAndContinue() {
        byte[] badValue = repRow("c", "R1", "EAST", "ACTIVE", "NEW_BUSINESS", "MID_MARKET", -5, 1_000L);
        reps.pipeInput(repKey("R1"), badValue, T0);
        byte[] notJson = "{not json".getBytes(StandardCharsets.UTF_8);
        reps.pipeInput(repKey("R2"), notJson, T0);
        reps.pipeInput(repKey("R3"), repRow("R3", "EAST", 100_000, 1_000L), T0);

        List<DeadLetter> letters = repsDlq.readValuesToList();
        assertThat(letters).hasSize(2);
        DeadLetter negativeQuota = letters.get(0);
        assertThat(negativeQuota.getSourceTopic()).isEqualTo(Topics.CRM_REPS.name());
        assertThat(negativeQuota.getSourcePartition()).isZero();
        assertThat(negativeQuota.getSourceOffset()).isZero();
        assertThat(negativeQuota.getErrorType()).isEqualTo("RANGE");
        assertThat(negativeQuota.getReason()).contains("quota");
        assertThat(negativeQuota.getService()).isEqualTo("territory-service");
        assertThat(negativeQuota.getOriginalValue()).isEqualTo(ByteBuffer.wrap(badValue));
        assertThat(negativeQuota.getOriginalKey()).isEqualTo(ByteBuffer.wrap(repKey("R1")));
        assertThat(letters.get(1).getErrorType()).isEqualTo("PARSE");
        assertThat(letters.get(1).getSourceOffset()).isEqualTo(1L);
        publish();
        assertThat(health.readValuesToList()).extracting(TerritoryHealth::getRepId).containsExactly("R3");
    }

    @Test
    void shouldForgetADeletedRepButKeepItsBook() {
        reps.pipeInput(repKey("R1"), repRow("R1", "EAST", 100_000, 1_000L), T0);
        accounts.pipeInput("A1", scored("A1", "R1", 300_000, 2_000L), T0);
        publish();
        health.readRecordsToList();

        reps.pipeInput(repKey("R1"), "{\"before\":{\"rep_id\":\"R1\"},\"after\":null,\"op\":\"d\",\"ts_ms\":5000}"
                .getBytes(StandardCharsets.UTF_8), T0);
        reps.pipeInput(repKey("R1"), null, T0); // Debezium's tombstone changes nothing more

        publish();
        List<TerritoryHealth> after = health.readValuesToList();
        assertThat(after).singleElement().satisfies(h -> {
            assertThat(h.getRepStatus()).isNull();
            assertThat(h.getPotentialTotal()).isEqualTo(300_000.0);
            assertThat(h.getBand()).isEqualTo(CoverageBand.NO_QUOTA);
            assertThat(h.getQuotaValidation()).isNull();
        });
    }

    @Test
    void shouldPoolAccountsWithoutOwnerUnderTheUnassignedTerritory() {
        accounts.pipeInput("A1", scored("A1", null, 75_000, 2_000L), T0);

        publish();
        TerritoryHealth pool = health.readValue();
        assertThat(pool.getRepId()).isEqualTo(Territories.UNASSIGNED);
        assertThat(pool.getPotentialTotal()).isEqualTo(75_000.0);
        assertThat(balance.isEmpty()).isTrue();
    }

    @Test
    void shouldIgnoreARedeliveredScoredAccount() {
        reps.pipeInput(repKey("R1"), repRow("R1", "EAST", 100_000, 1_000L), T0);
        accounts.pipeInput("A1", scored("A1", "R1", 300_000, 2_000L), T0);
        publish();
        health.readRecordsToList();

        accounts.pipeInput("A1", scored("A1", "R1", 300_000, 2_000L), T0);

        publish();
        assertThat(health.isEmpty()).isTrue();
    }

    @Test
    void shouldRevalidateQuotasWithPublishedSegmentStatistics() {
        reps.pipeInput(repKey("R1"), repRow("R1", "EAST", 100_000, 1_000L), T0);
        accounts.pipeInput("A1", scored("A1", "R1", 800_000, 2_000L), T0);
        publish();
        health.readRecordsToList();

        SegmentStats stats = SegmentStats.newBuilder().setSegment(Segment.MID_MARKET).setVersion(2)
                .setWinRate(0.5).setAvgDealSize(80_000).build();
        segmentStats.pipeInput("MID_MARKET", stats, T0.plusSeconds(60));

        publish();
        TerritoryHealth revalidated = health.readValue();
        assertThat(revalidated.getQuotaValidation().getWinRate()).isEqualTo(0.5);
        assertThat(revalidated.getQuotaValidation().getExpectedYield()).isEqualTo(400_000.0);
        assertThat(revalidated.getQuotaValidation().getAvgDealSize()).isEqualTo(80_000.0);
        assertThat(revalidated.getSourceEventTime()).isEqualTo(T0.plusSeconds(60));

        segmentStats.pipeInput("MID_MARKET", null, T0.plusSeconds(120));
        publish();
        assertThat(health.readValue().getQuotaValidation().getWinRate()).isEqualTo(0.25);
    }

    @Test
    void shouldMoveAnAccountInsideATeamInOneUpdate() {
        reps.pipeInput(repKey("R1"), repRow("R1", "EAST", 100_000, 1_000L), T0);
        reps.pipeInput(repKey("R2"), repRow("R2", "EAST", 100_000, 1_000L), T0);
        accounts.pipeInput("A1", scored("A1", "R1", 250_000, 2_000L), T0);
        publish();
        health.readRecordsToList();
        balance.readRecordsToList();

        accounts.pipeInput("A1", scored("A1", "R2", 250_000, 3_000L), T0.plusSeconds(5));
        assertThat(health.isEmpty()).as("nothing before the window closes").isTrue();
        publish();

        assertThat(health.readKeyValuesToList()).extracting(kv -> kv.key + "=" + kv.value.getPotentialTotal())
                .containsExactly("R1=0.0", "R2=250000.0");
        List<KeyValue<String, TeamBalance>> balances = balance.readKeyValuesToList();
        assertThat(balances).extracting(kv -> kv.key).containsExactly("EAST", Territories.ORG);
        assertThat(balances.get(0).value.getPotentialTotal()).isEqualTo(250_000.0);
        assertThat(balances.get(0).value.getSourceEventTime()).isEqualTo(Instant.ofEpochMilli(3_000L));
    }

    @Test
    void shouldCoalesceManyChangesInAWindowIntoOneRecordWithTheLatestFigures() {
        reps.pipeInput(repKey("R1"), repRow("R1", "EAST", 100_000, 1_000L), T0);
        publish();
        health.readRecordsToList();
        balance.readRecordsToList();
        for (int i = 1; i <= 50; i++) {
            accounts.pipeInput("A" + (i % 7), scored("A" + (i % 7), "R1", 10_000 * i, 2_000L + i), T0.plusMillis(i));
        }
        publish();

        List<TestRecord<String, TerritoryHealth>> published = health.readRecordsToList();
        assertThat(published).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("R1");
            // the last seven changes are what the seven accounts hold: i = 44..50
            assertThat(r.value().getAccountCount()).isEqualTo(7);
            assertThat(r.value().getPotentialTotal()).isEqualTo(10_000.0 * (44 + 45 + 46 + 47 + 48 + 49 + 50));
            assertThat(r.value().getSourceEventTime()).isEqualTo(Instant.ofEpochMilli(2_050L));
            assertThat(r.timestamp()).isEqualTo(T0.plusMillis(50).toEpochMilli());
        });
        assertThat(balance.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("EAST", Territories.ORG);

        publish();
        assertThat(health.isEmpty()).as("a quiet window publishes nothing").isTrue();
        assertThat(balance.isEmpty()).isTrue();
    }

    @Test
    void shouldSendATeamOneRecordOfTerritoryDeltasPerWindowHoweverManyAccountsChanged() {
        TestOutputTopic<String, TerritoryEvent> changes = driver.createOutputTopic(
                "territory-service-test-" + TerritoryTopology.CHANGES_REPARTITION + "-repartition",
                Serdes.String().deserializer(), RecordSerde.of(TerritoryEvent.class).deserializer());
        reps.pipeInput(repKey("R1"), repRow("R1", "EAST", 100_000, 1_000L), T0);
        reps.pipeInput(repKey("R2"), repRow("R2", "EAST", 100_000, 1_000L), T0);
        publish();
        changes.readRecordsToList();
        health.readRecordsToList();

        for (int i = 0; i < 1_000; i++) {
            // a re-score of 500 accounts, then each moves from R1 to R2 inside the team
            accounts.pipeInput("A" + (i % 500), scored("A" + (i % 500), i < 500 ? "R1" : "R2", 1_000 + i, 2_000L + i), T0.plusMillis(i));
        }
        publish();

        assertThat(changes.readRecordsToList()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("EAST");
            assertThat(r.value().kind()).isEqualTo(TerritoryEvent.Kind.TERRITORY_DELTAS);
            assertThat(r.value().deltas()).extracting(TerritoryDelta::territoryId).containsExactly("R1", "R2");
            assertThat(r.value().deltas().get(0).sums().accountCount()).isZero(); // every account came and went
            assertThat(r.value().deltas().get(1).sums().accountCount()).isEqualTo(500);
            assertThat(r.value().eventTime()).isEqualTo(2_999L);
        });
        Map<String, TerritoryHealth> latest = new HashMap<>();
        health.readKeyValuesToList().forEach(kv -> latest.put(kv.key, kv.value));
        assertThat(latest.get("R1").getAccountCount()).isZero();
        assertThat(latest.get("R2").getAccountCount()).isEqualTo(500);
        long expectedCents = 0;
        for (int i = 500; i < 1_000; i++) {
            expectedCents += (1_000 + i) * 100L;
        }
        assertThat(latest.get("R2").getPotentialTotal()).isEqualTo(expectedCents / 100.0);
        assertThat(latest.get("R2").getSourceEventTime()).isEqualTo(Instant.ofEpochMilli(2_999L));
    }

    @Test
    void shouldStillCountAccountDeltasSentOnePerChangeBeforeTheAccountStepCoalesced() {
        // records of the former format may wait on the repartition topic when a running application is upgraded
        TestInputTopic<String, TerritoryEvent> changes = driver.createInputTopic(
                "territory-service-test-" + TerritoryTopology.CHANGES_REPARTITION + "-repartition",
                Serdes.String().serializer(), RecordSerde.of(TerritoryEvent.class).serializer());
        eastTeamOfTwo(300_000, 100_000);
        AccountContribution a3AtR1 = new AccountContribution("A3", "R1", 5_000_000L, 0, 0, Tier.DEVELOP, false, 1);
        AccountContribution a3AtR2 = new AccountContribution("A3", "R2", 5_000_000L, 0, 0, Tier.DEVELOP, false, 1);

        changes.pipeInput("EAST", TerritoryEvent.accountDelta(new AccountDelta("A3", null, a3AtR1, 3_000L)), T0);
        changes.pipeInput("EAST", TerritoryEvent.accountDelta(new AccountDelta("A3", a3AtR1, a3AtR2, 4_000L)), T0);
        publish();

        Map<String, TerritoryHealth> latest = new HashMap<>();
        health.readKeyValuesToList().forEach(kv -> latest.put(kv.key, kv.value));
        assertThat(latest.get("R1").getPotentialTotal()).isEqualTo(300_000.0);
        assertThat(latest.get("R2").getPotentialTotal()).isEqualTo(150_000.0);
        assertThat(latest.get("R2").getAccountCount()).isEqualTo(2);
        assertThat(latest.get("R2").getSourceEventTime()).isEqualTo(Instant.ofEpochMilli(4_000L));
    }

    @Test
    void shouldNeverPublishAnOlderEventTimeThanBeforeWhenALaterWindowHoldsAnOlderChange() {
        // changes of one territory come from several input partitions: the newer one may be counted first
        reps.pipeInput(repKey("R1"), repRow("R1", "EAST", 100_000, 1_000L), T0);
        accounts.pipeInput("A1", scored("A1", "R1", 10_000, 5_000L), T0.plusMillis(2));
        publish();
        assertThat(health.readRecordsToList()).last()
                .satisfies(r -> assertThat(r.value().getSourceEventTime()).isEqualTo(Instant.ofEpochMilli(5_000L)));
        health.readRecordsToList();
        balance.readRecordsToList();

        accounts.pipeInput("A2", scored("A2", "R1", 20_000, 4_000L), T0.plusMillis(1));
        publish();

        assertThat(health.readRecordsToList()).singleElement().satisfies(r -> {
            assertThat(r.value().getPotentialTotal()).isEqualTo(30_000.0);
            // everything up to 5,000 is counted: the record says so, not the 4,000 of the change it adds
            assertThat(r.value().getSourceEventTime()).isEqualTo(Instant.ofEpochMilli(5_000L));
            assertThat(r.timestamp()).isEqualTo(T0.plusMillis(2).toEpochMilli());
        });
        assertThat(balance.readRecordsToList()).first()
                .satisfies(r -> assertThat(r.value().getSourceEventTime()).isEqualTo(Instant.ofEpochMilli(5_000L)));
    }

    @Test
    void shouldTombstoneADeletedRepWithoutAccountsAndDropItFromItsTeam() {
        eastTeamOfTwo(300_000, 100_000);

        accounts.pipeInput("A1", scored("A1", "R2", 300_000, 3_000L), T0);
        reps.pipeInput(repKey("R1"), "{\"before\":{\"rep_id\":\"R1\"},\"after\":null,\"op\":\"d\",\"ts_ms\":5000}"
                .getBytes(StandardCharsets.UTF_8), T0);
        publish();

        Map<String, TerritoryHealth> latest = new HashMap<>();
        health.readKeyValuesToList().forEach(kv -> latest.put(kv.key, kv.value));
        assertThat(latest).containsKey("R1");
        assertThat(latest.get("R1")).as("tombstone").isNull();
        assertThat(latest.get("R2").getPotentialTotal()).isEqualTo(400_000.0);
        Map<String, TeamBalance> balances = new HashMap<>();
        balance.readKeyValuesToList().forEach(kv -> balances.put(kv.key, kv.value));
        assertThat(balances.get("EAST").getRepCount()).isEqualTo(1);
        assertThat(balances.get(Territories.ORG).getRepCount()).isEqualTo(1);
        assertThat(balances.get(Territories.ORG).getPotentialTotal()).isEqualTo(400_000.0);
    }

    @Test
    void shouldTombstoneADeletedRepOnceItsLastAccountIsReassigned() {
        reps.pipeInput(repKey("R1"), repRow("R1", "EAST", 100_000, 1_000L), T0);
        reps.pipeInput(repKey("R2"), repRow("R2", "EAST", 100_000, 1_000L), T0);
        accounts.pipeInput("A1", scored("A1", "R1", 300_000, 2_000L), T0);
        reps.pipeInput(repKey("R1"), "{\"before\":{\"rep_id\":\"R1\"},\"after\":null,\"op\":\"d\",\"ts_ms\":5000}"
                .getBytes(StandardCharsets.UTF_8), T0);
        publish();
        health.readRecordsToList();

        accounts.pipeInput("A1", scored("A1", "R2", 300_000, 6_000L), T0);
        publish();

        List<KeyValue<String, TerritoryHealth>> after = health.readKeyValuesToList();
        assertThat(after).extracting(kv -> kv.key).containsExactlyInAnyOrder("R1", "R2");
        assertThat(after).filteredOn(kv -> kv.key.equals("R1")).singleElement().satisfies(kv -> assertThat(kv.value).isNull());
    }

    @Test
    void shouldDropADeletedRepFromTheOrganisationsBalanceWhileItStillOwnsAccounts() {
        eastTeamOfTwo(300_000, 100_000);

        // deleted in the CRM while it still owns A1 (published on as an orphan), reassigned in a later window
        reps.pipeInput(repKey("R1"), "{\"before\":{\"rep_id\":\"R1\"},\"after\":null,\"op\":\"d\",\"ts_ms\":5000}"
                .getBytes(StandardCharsets.UTF_8), T0);
        publish();
        Map<String, TeamBalance> balances = new HashMap<>();
        balance.readKeyValuesToList().forEach(kv -> balances.put(kv.key, kv.value));
        assertThat(balances).as("the organisation's balance changes with the deletion").containsKey(Territories.ORG);
        assertThat(balances.get(Territories.ORG).getRepCount()).as("left at its deletion").isEqualTo(1);
        assertThat(balances.get(Territories.ORG).getPotentialTotal()).isEqualTo(100_000.0);

        accounts.pipeInput("A1", scored("A1", "R2", 300_000, 6_000L), T0);
        publish();
        balances.clear();
        balance.readKeyValuesToList().forEach(kv -> balances.put(kv.key, kv.value));
        assertThat(balances.get(Territories.ORG).getRepCount()).isEqualTo(1);
        assertThat(balances.get(Territories.ORG).getPotentialTotal()).isEqualTo(400_000.0);
    }

    @Test
    void shouldMoveARepsBookWithItWhenTheRepChangesTeam() {
        eastTeamOfTwo(300_000, 100_000);

        reps.pipeInput(repKey("R1"), repRow("R1", "WEST", 100_000, 3_000L), T0);
        accounts.pipeInput("A1", scored("A1", "R1", 350_000, 4_000L), T0);
        publish();

        // the rep row may be published a window before the account change: the last record holds both
        Map<String, TerritoryHealth> latest = new HashMap<>();
        health.readKeyValuesToList().forEach(kv -> latest.put(kv.key, kv.value));
        TerritoryHealth r1 = latest.get("R1");
        assertThat(r1.getTeam()).isEqualTo("WEST");
        assertThat(r1.getPotentialTotal()).isEqualTo(350_000.0);
        Map<String, TeamBalance> balances = new HashMap<>();
        balance.readKeyValuesToList().forEach(kv -> balances.put(kv.key, kv.value));
        assertThat(balances.get("EAST").getPotentialTotal()).isEqualTo(100_000.0);
        assertThat(balances.get("WEST").getPotentialTotal()).isEqualTo(350_000.0);
        assertThat(balances.get(Territories.ORG).getPotentialTotal()).isEqualTo(450_000.0);
        assertThat(balances.get(Territories.ORG).getRepCount()).isEqualTo(2);
    }
}
