package io.territoryos.scoring.streams;

import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.ScoringWeights;
import io.territoryos.contracts.avro.Tier;
import io.territoryos.scoring.CrmEvents;
import io.territoryos.scoring.CrmEvents.Decimals;
import io.territoryos.scoring.WeightsVersions;
import io.territoryos.scoring.streams.ScoringTopologyConfig.AsDelivered;
import io.territoryos.scoring.streams.ScoringTopologyConfig.ByAccountId;
import io.territoryos.scoring.streams.ScoringTopologyConfig.Placement;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.territoryos.scoring.CrmEvents.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScoringTopologyTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
    private static final ScoringSerdes SERDES = ScoringSerdes.binary();

    @TempDir
    Path stateDir;

    private final RecordingMetrics metrics = new RecordingMetrics();
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> crm;
    private TestInputTopic<String, ScoringWeights> weights;
    private TestInputTopic<byte[], byte[]> rawWeights;
    private TestOutputTopic<String, ScoredAccount> scored;
    private TestOutputTopic<String, DeadLetter> accountDeadLetters;
    private TestOutputTopic<String, DeadLetter> weightsDeadLetters;

    private void start(ScoringTopologyConfig config) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "scoring-service-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(
                ScoringTopology.build(config, SERDES, metrics, Clock.fixed(NOW, ZoneOffset.UTC)), props);
        crm = driver.createInputTopic(config.accountsTopic(), new ByteArraySerializer(), new ByteArraySerializer());
        weights = driver.createInputTopic(config.weightsTopic(), new StringSerializer(), SERDES.weights().serializer());
        rawWeights = driver.createInputTopic(config.weightsTopic(), new ByteArraySerializer(), new ByteArraySerializer());
        scored = driver.createOutputTopic(config.scoredTopic(), new StringDeserializer(), SERDES.scored().deserializer());
        accountDeadLetters = driver.createOutputTopic(config.accountsDeadLetterTopic(), new StringDeserializer(),
                SERDES.deadLetters().deserializer());
        weightsDeadLetters = driver.createOutputTopic(config.weightsDeadLetterTopic(), new StringDeserializer(),
                SERDES.deadLetters().deserializer());
    }

    private void start() {
        start(ScoringTopologyConfig.defaults());
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private void send(CrmEvents event) {
        crm.pipeInput(event.key(), event.value());
    }

    private void publish(ScoringWeights version) {
        weights.pipeInput(version.getFormulaVersion(), version);
    }

    @Test
    void shouldScoreSeedAccountWithItsComponentsOwnerAndProvenance() {
        start();

        send(account("A-1").op("r").ts(1_700_000_000_123L));

        TestRecord<String, ScoredAccount> out = scored.readRecord();
        ScoredAccount a = out.value();
        assertThat(out.key()).isEqualTo("A-1");
        assertThat(a.getPotential()).isEqualTo(350_000.0);
        assertThat(a.getPotential() / a.getCurrentArr()).isEqualTo(3.5);
        assertThat(a.getRetainedArr()).isEqualTo(100_000.0);
        assertThat(a.getRealizableWhitespace()).isEqualTo(250_000.0);
        assertThat(a.getFitMultiplier()).isEqualTo(1.0);
        assertThat(a.getScore()).isCloseTo(72.857, within(0.001));
        assertThat(a.getTier()).isEqualTo(Tier.TIER_1);
        assertThat(a.getCriticalRisk()).isFalse();
        assertThat(a.getOwnerRepId()).isEqualTo("R-1");
        assertThat(a.getSegment().name()).isEqualTo("MID_MARKET");
        assertThat(a.getRegion()).isEqualTo("NA-EAST");
        assertThat(a.getStatus().name()).isEqualTo("CUSTOMER");
        assertThat(a.getFormulaVersion()).isEqualTo("potential-v1");
        assertThat(a.getWeightsVersion()).isZero();
        assertThat(a.getSourceEventTime()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(a.getScoredAt()).isEqualTo(NOW);
        assertThat(a.getEventId()).isEqualTo("A-1/crm.accounts-0@0/w0");
        assertThat(scored.isEmpty()).isTrue();
    }

    static Stream<Arguments> envelopeForms() {
        return Stream.of(
                Arguments.of(false, false, Decimals.NUMBER),
                Arguments.of(false, true, Decimals.NUMBER),
                Arguments.of(false, false, Decimals.STRING),
                Arguments.of(true, false, Decimals.NUMBER),
                Arguments.of(true, true, Decimals.NUMBER),
                Arguments.of(true, true, Decimals.STRING),
                Arguments.of(true, true, Decimals.PRECISE),
                Arguments.of(true, false, Decimals.PRECISE));
    }

    @ParameterizedTest(name = "schema/payload wrapper {0}, wrapped key {1}, decimals as {2}")
    @MethodSource("envelopeForms")
    void shouldScoreTheSameAccountInEveryEnvelopeForm(boolean wrapper, boolean wrappedKey, Decimals decimals) {
        start();

        send(account("A-1").set("current_arr", 123_456.78).set("renewal_risk", 0.25).set("icp_fit", 80)
                .wrapped(wrapper).wrappedKey(wrappedKey).decimals(decimals));

        ScoredAccount a = scored.readValue();
        assertThat(a.getAccountId()).isEqualTo("A-1");
        assertThat(a.getCurrentArr()).isEqualTo(123_456.78);
        assertThat(a.getRetainedArr()).isCloseTo(92_592.585, within(1e-6));
        assertThat(a.getFitMultiplier()).isCloseTo(1.3, within(1e-12));
        assertThat(a.getPotential()).isCloseTo((92_592.585 + 250_000) * 1.3, within(1e-6));
        assertThat(a.getLastActivityAt()).isEqualTo(Instant.ofEpochMilli(1_699_000_000_000L));
        assertThat(a.getRenewalDate()).isEqualTo(java.time.LocalDate.ofEpochDay(20_000));
        assertThat(accountDeadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldKeepOneStateForTheAccountWhateverItsKeyBytesWhenPlacedByAccountId() {
        start(ScoringTopologyConfig.defaults().withPlacement(new ByAccountId()));

        send(account("A-1").wrappedKey(false));
        send(account("A-1").wrappedKey(true).wrapped(true).op("u")); // same row under the other converter setting

        assertThat(scored.readValuesToList()).hasSize(1);
        assertThat(metrics.unchanged.get()).isEqualTo(1);
    }

    @Test
    void shouldPublishEachCreateAndUpdateFromTheAfterRowNeverFromBefore() {
        start();

        send(account("A-1").op("c"));
        send(account("A-1").op("u").set("current_arr", 200_000).set("owner_rep_id", "R-2"));

        List<ScoredAccount> out = scored.readValuesToList();
        assertThat(out).extracting(ScoredAccount::getCurrentArr).containsExactly(100_000.0, 200_000.0);
        assertThat(out.get(1).getPotential()).isEqualTo(450_000.0);
        assertThat(out.get(1).getOwnerRepId()).isEqualTo("R-2");
        assertThat(out.get(1).getEventId()).isEqualTo("A-1/crm.accounts-0@1/w0");
    }

    @Test
    void shouldPublishTombstoneOnDeleteOnceAndForgetTheAccount() {
        start();
        send(account("A-1"));
        scored.readRecord();

        send(account("A-1").op("d"));
        crm.pipeInput(account("A-1").key(), CrmEvents.tombstone());

        List<TestRecord<String, ScoredAccount>> out = scored.readRecordsToList();
        assertThat(out).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("A-1");
            assertThat(r.value()).isNull();
        });
        assertThat(metrics.removed.get()).isEqualTo(1);

        send(account("A-1").op("c")); // re-created: scored as new, not suppressed as a duplicate
        assertThat(scored.readValue().getPotential()).isEqualTo(350_000.0);
    }

    @Test
    void shouldNotRepublishRedeliveredChangeOrChangeOfUnscoredColumn() {
        start();
        CrmEvents event = account("A-1").op("u");

        send(event);
        send(event); // connector restart re-sends from its last committed offset
        send(account("A-1").op("u").set("country", "CA").set("procurement_stage", "NEGOTIATION"));

        assertThat(scored.readValuesToList()).hasSize(1);
        assertThat(metrics.unchanged.get()).isEqualTo(2);
    }

    @Test
    void shouldRepublishOwnerChangeEvenWhenTheScoreStaysTheSame() {
        start();
        send(account("A-1"));

        send(account("A-1").op("u").set("owner_rep_id", null));

        List<ScoredAccount> out = scored.readValuesToList();
        assertThat(out).extracting(ScoredAccount::getOwnerRepId).containsExactly("R-1", null);
        assertThat(out.get(1).getScore()).isEqualTo(out.get(0).getScore());
    }

    @Test
    void shouldGiveChurnedAccountZeroPotential() {
        start();

        send(account("A-1").set("status", "CHURNED"));

        assertThat(scored.readValue().getPotential()).isZero();
    }

    static Stream<Arguments> badAccountRecords() {
        return Stream.of(
                Arguments.of("not JSON", CrmEvents.utf8("{\"account_id\":\"A-9\"}"), CrmEvents.utf8("{oops"), "PARSE", "A-9"),
                Arguments.of("no key anywhere", null, account("A-9").without("account_id").value(), "MISSING_KEY", null),
                Arguments.of("no key, id in the row", null, account("A-9").value(), "MISSING_KEY", null),
                Arguments.of("an empty key", new byte[0], account("A-9").value(), "MISSING_KEY", null),
                Arguments.of("whitespace_arr null", account("A-9").key(), account("A-9").set("whitespace_arr", null).value(),
                        "MISSING_FIELD", "A-9"),
                Arguments.of("JSON but no envelope", account("A-9").key(), CrmEvents.utf8("{\"hello\":\"world\"}"), "PARSE", "A-9"),
                Arguments.of("negative ARR", account("A-9").key(), account("A-9").set("current_arr", -5).value(), "RANGE", "A-9"),
                Arguments.of("risk 1.7", account("A-9").key(), account("A-9").set("renewal_risk", 1.7).value(), "RANGE", "A-9"),
                Arguments.of("fit 140", account("A-9").key(), account("A-9").set("icp_fit", 140).value(), "RANGE", "A-9"),
                Arguments.of("unknown segment", account("A-9").key(), account("A-9").set("segment", "GIANT").value(), "UNKNOWN_VALUE", "A-9"),
                Arguments.of("unknown op", account("A-9").key(), account("A-9").op("t").value(), "PARSE", "A-9"),
                Arguments.of("precise decimal without its schema", account("A-9").key(),
                        account("A-9").decimals(Decimals.PRECISE).value(), "PARSE", "A-9"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAccountRecords")
    void shouldDeadLetterBadRecordWithOriginalBytesReasonAndPositionAndGoOn(String why, byte[] key, byte[] value,
                                                                         String errorType, String expectedKey) {
        start();
        send(account("A-1"));

        crm.pipeInput(key, value);
        send(account("A-2"));

        TestRecord<String, DeadLetter> letter = accountDeadLetters.readRecord();
        DeadLetter d = letter.value();
        assertThat(d.getErrorType()).isEqualTo(errorType);
        assertThat(d.getReason()).isNotBlank();
        if (why.equals("whitespace_arr null")) {
            assertThat(d.getReason()).isEqualTo("whitespace_arr is null but required");
        }
        if (why.equals("JSON but no envelope")) {
            assertThat(d.getReason()).startsWith("not a Debezium envelope: no before/after/op");
        }
        assertThat(d.getSourceTopic()).isEqualTo(Topics.CRM_ACCOUNTS.name());
        assertThat(d.getSourcePartition()).isZero();
        assertThat(d.getSourceOffset()).isEqualTo(1L);
        assertThat(d.getOriginalValue()).isEqualTo(ByteBuffer.wrap(value));
        assertThat(d.getOriginalKey()).isEqualTo(key == null ? null : ByteBuffer.wrap(key));
        assertThat(d.getService()).isEqualTo("scoring-service");
        assertThat(d.getFailedAt()).isEqualTo(NOW);
        assertThat(letter.key()).isEqualTo(expectedKey); // a keyless record stays keyless: its position is in the letter
        assertThat(scored.readValuesToList()).extracting(ScoredAccount::getAccountId).containsExactly("A-1", "A-2");
        assertThat(metrics.deadLetters).containsExactly("crm.accounts.dlq:" + errorType);
    }

    @Test
    void shouldTakeTheIdFromTheRowWhenTheWrappedKeyHasANullPayload() {
        start();

        crm.pipeInput(CrmEvents.utf8("{\"schema\":{\"type\":\"struct\"},\"payload\":null}"), account("A-1").value());

        assertThat(scored.readRecord().key()).isEqualTo("A-1");
    }

    @Test
    void shouldDeadLetterTombstoneWhoseKeyNamesNoId() {
        start();

        crm.pipeInput(CrmEvents.utf8("{\"schema\":{\"type\":\"struct\"},\"payload\":null}"), CrmEvents.tombstone());
        crm.pipeInput(CrmEvents.utf8("\"  \""), CrmEvents.tombstone());

        assertThat(accountDeadLetters.readValuesToList()).extracting(DeadLetter::getErrorType)
                .containsExactly("MISSING_KEY", "MISSING_KEY");
        assertThat(scored.isEmpty()).isTrue();
    }

    @Test
    void shouldNameTheBrokenRangeInTheReason() {
        start();

        send(account("A-1").set("renewal_risk", 1.7));

        assertThat(accountDeadLetters.readValue().getReason()).contains("renewal_risk").contains("1.7");
    }

    @Test
    void shouldKeepLastGoodScoreUntilLaterValidRecordHealsTheAccount() {
        start();
        send(account("A-1"));

        send(account("A-1").op("u").set("renewal_risk", 1.7));
        send(account("A-1").op("u").set("renewal_risk", 0.7));

        assertThat(accountDeadLetters.readValuesToList()).hasSize(1);
        List<ScoredAccount> out = scored.readValuesToList();
        assertThat(out).extracting(ScoredAccount::getRenewalRisk).containsExactly(0.0, 0.7);
        assertThat(out.get(1).getCriticalRisk()).isTrue();
        assertThat(out.get(1).getRetainedArr()).isCloseTo(30_000.0, within(1e-9));
    }

    static Stream<Placement> placements() {
        return Stream.of(new AsDelivered(4), new ByAccountId());
    }

    @ParameterizedTest
    @MethodSource("placements")
    void shouldRescoreEveryAccountWhenANewWeightsVersionIsPublished(Placement placement) {
        start(ScoringTopologyConfig.defaults().withPlacement(placement));
        for (int i = 1; i <= 5; i++) {
            send(account("A-" + i).set("icp_fit", 10 * i));
        }
        scored.readValuesToList();

        publish(WeightsVersions.fitOnly(1));

        Map<String, ScoredAccount> rescored = scored.readValuesToList().stream()
                .collect(Collectors.toMap(ScoredAccount::getAccountId, a -> a));
        assertThat(rescored).hasSize(5);
        assertThat(rescored.values()).allSatisfy(a -> {
            assertThat(a.getWeightsVersion()).isEqualTo(1);
            assertThat(a.getScore()).isCloseTo(a.getIcpFit(), within(1e-9)); // all weight on fit
            assertThat(a.getSourceEventTime()).isEqualTo(WeightsVersions.fitOnly(1).getPublishedAt());
            assertThat(a.getEventId()).endsWith("/config.scoring-weights-0@0/w1");
        });

        send(account("A-6").set("icp_fit", 70));
        assertThat(scored.readValue().getWeightsVersion()).isEqualTo(1);
    }

    @Test
    void shouldApplyTheTierThresholdsOfTheNewVersion() {
        start();
        send(account("A-1")); // 350K, MID_MARKET: TIER_1 under the 250K default
        scored.readValue();

        publish(WeightsVersions.version(1).setTierThresholdMidMarket(400_000).build());

        assertThat(scored.readValue().getTier()).isEqualTo(Tier.QUICK_WIN);
    }

    @Test
    void shouldRescoreLargeStoreInStepsUntilEveryAccountNamesTheNewVersion() {
        start(ScoringTopologyConfig.defaults().withRescorePacing(2, Duration.ofMillis(100)));
        for (int i = 1; i <= 5; i++) {
            send(account("A-" + i));
        }
        scored.readValuesToList();

        publish(WeightsVersions.fitOnly(1));
        assertThat(scored.readValuesToList()).hasSize(2); // the first step runs at once

        driver.advanceWallClockTime(Duration.ofMillis(100));
        driver.advanceWallClockTime(Duration.ofMillis(100));
        driver.advanceWallClockTime(Duration.ofMillis(100));

        assertThat(scored.readValuesToList()).extracting(ScoredAccount::getAccountId)
                .containsExactly("A-3", "A-4", "A-5");
        assertThat(metrics.progress).extracting(RecordingMetrics.Progress::visited).containsExactly(2L, 4L, 5L);
        assertThat(metrics.progress.get(metrics.progress.size() - 1).remaining()).isZero();
    }

    @Test
    void shouldScoreChangeArrivingMidRescoreOnceUnderTheNewVersion() {
        start(ScoringTopologyConfig.defaults().withRescorePacing(1, Duration.ofMillis(100)));
        send(account("A-1"));
        send(account("A-2"));
        scored.readValuesToList();

        publish(WeightsVersions.fitOnly(1)); // re-scores A-1 at once
        send(account("A-2").op("u").set("icp_fit", 90));
        driver.advanceWallClockTime(Duration.ofMillis(100));
        driver.advanceWallClockTime(Duration.ofMillis(100));

        List<ScoredAccount> out = scored.readValuesToList();
        assertThat(out).extracting(ScoredAccount::getAccountId).containsExactly("A-1", "A-2");
        assertThat(out.get(1).getScore()).isCloseTo(90.0, within(1e-9));
        assertThat(out).allSatisfy(a -> assertThat(a.getWeightsVersion()).isEqualTo(1));
    }

    static Stream<Arguments> invalidWeightVersions() {
        return Stream.of(
                Arguments.of("weights sum to 1.1", WeightsVersions.version(2).setPropensityWeight(0.2).build(), "sum to"),
                Arguments.of("a negative weight", WeightsVersions.version(2).setFitWeight(0.5).setExpansionWeight(-0.2)
                        .setRetentionWeight(0.4).build(), "expansion_weight -0.2"),
                Arguments.of("version 1 again with other weights", WeightsVersions.version(1).build(), "not newer than version 1"),
                Arguments.of("an older version", WeightsVersions.version(0).build(), "not newer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidWeightVersions")
    void shouldDeadLetterInvalidWeightsAndKeepTheVersionInForce(String why, ScoringWeights invalid, String reason) {
        start();
        publish(WeightsVersions.fitOnly(1));

        publish(invalid);
        send(account("A-1"));

        DeadLetter letter = weightsDeadLetters.readValue();
        assertThat(letter.getErrorType()).isEqualTo("INVALID_CONFIG");
        assertThat(letter.getReason()).contains(reason);
        assertThat(letter.getSourceTopic()).isEqualTo(Topics.SCORING_WEIGHTS.name());
        assertThat(letter.getSourceOffset()).isEqualTo(1L);
        assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(SERDES.weights().serializer().serialize("t", invalid)));
        assertThat(scored.readValue().getWeightsVersion()).isEqualTo(1);
        assertThat(metrics.deadLetters).containsExactly("config.scoring-weights.dlq:INVALID_CONFIG");
    }

    @Test
    void shouldIgnoreAnAcceptedVersionSentAgainWithTheSameContent() {
        start();
        publish(WeightsVersions.fitOnly(1));
        publish(WeightsVersions.version(2).build());

        publish(WeightsVersions.fitOnly(1)); // a replayed topic: the older version again, unchanged
        publish(WeightsVersions.version(2).build()); // and the one in force, unchanged
        send(account("A-1"));

        assertThat(weightsDeadLetters.isEmpty()).isTrue();
        assertThat(metrics.deadLetters).isEmpty();
        assertThat(scored.readValuesToList()).extracting(ScoredAccount::getWeightsVersion).last().isEqualTo(2);
    }

    @Test
    void shouldDeadLetterUnreadableWeightsRecordAndKeepScoring() {
        start();

        rawWeights.pipeInput(CrmEvents.utf8("potential-v1"), CrmEvents.utf8("{\"version\": 2}"));
        send(account("A-1"));

        DeadLetter letter = weightsDeadLetters.readValue();
        assertThat(letter.getErrorType()).isEqualTo("PARSE");
        assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(CrmEvents.utf8("{\"version\": 2}")));
        assertThat(scored.readValue().getWeightsVersion()).isZero();
    }

    @Test
    void shouldScoreWithBuiltInDefaultsAsVersionZeroBeforeAnyVersionIsPublished() {
        start();

        send(account("A-1"));

        ScoredAccount a = scored.readValue();
        assertThat(a.getWeightsVersion()).isZero();
        assertThat(a.getScore()).isCloseTo(72.857, within(0.001));
    }

    @Test
    void shouldReadAccountChangesFromTheConfiguredTopicAndDeadLetterNextToIt() {
        start(ScoringTopologyConfig.defaults().withAccountsTopic("dbserver1.public.accounts"));

        send(account("A-1"));
        crm.pipeInput(account("A-2").key(), CrmEvents.utf8("{oops"));

        assertThat(scored.readValue().getAccountId()).isEqualTo("A-1");
        assertThat(accountDeadLetters.readValue().getSourceTopic()).isEqualTo("dbserver1.public.accounts");
        assertThat(driver.producedTopicNames()).contains("dbserver1.public.accounts.dlq");
    }

    @Test
    void shouldKeepEveryAccountsLatestInputsAndScoreInAStore() {
        start();
        send(account("A-1"));
        send(account("A-1").op("u").set("whitespace_arr", 0));

        var store = driver.<String, io.territoryos.scoring.domain.AccountScore>getKeyValueStore(ScoringTopology.ACCOUNT_SCORES_STORE);

        assertThat(store.get("A-1").inputs().whitespaceArr()).isZero();
        assertThat(store.get("A-1").score().potential()).isEqualTo(100_000.0);
    }

    @Test
    void shouldScoreAsDeliveredInTheSubTopologyThatReadsTheChangesAndCopyOnlyWeightsAcross() {
        TopologyDescription placed = ScoringTopology.build(ScoringTopologyConfig.defaults().withPlacement(new AsDelivered(6)), SERDES)
                .describe();
        TopologyDescription byId = ScoringTopology.build(ScoringTopologyConfig.defaults().withPlacement(new ByAccountId()), SERDES)
                .describe();

        assertThat(subTopologyOf(placed, "score-accounts").nodes()).extracting(TopologyDescription.Node::name)
                .contains("account-changes", "decode-account-changes");
        assertThat(placed.toString()).contains(ScoringTopology.WEIGHTS_BROADCAST + "-repartition")
                .doesNotContain(ScoringTopology.SCORING_INPUTS + "-repartition");
        assertThat(subTopologyOf(byId, "score-accounts").nodes()).extracting(TopologyDescription.Node::name)
                .doesNotContain("account-changes");
        assertThat(byId.toString()).contains(ScoringTopology.SCORING_INPUTS + "-repartition")
                .doesNotContain(ScoringTopology.WEIGHTS_BROADCAST + "-repartition");
    }

    private static TopologyDescription.Subtopology subTopologyOf(TopologyDescription description, String node) {
        return description.subtopologies().stream()
                .filter(sub -> sub.nodes().stream().anyMatch(n -> n.name().equals(node)))
                .findFirst().orElseThrow();
    }
}
