package io.territoryos.territory.streams;

import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.avro.SegmentStats;
import io.territoryos.contracts.avro.TerritoryHealth;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.contracts.serde.SchemaCatalog;
import io.territoryos.territory.domain.Territories;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static io.territoryos.territory.streams.TestRecords.repKey;
import static io.territoryos.territory.streams.TestRecords.repRow;
import static io.territoryos.territory.streams.TestRecords.scored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Unreadable records on the Avro contract inputs, with the registry-framed serdes the service runs with (schemas
 * from the compiled catalogue): each becomes one dead letter on {@code <topic>.dlq} and the stream goes on.
 */
class TerritoryDeadLetterTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final Duration WINDOW = Duration.ofMillis(50);
    private static final String ACCOUNTS = Topics.ACCOUNTS_SCORED.name();
    private static final String STATS = Topics.SEGMENT_STATS.name();
    private static final Serde<ScoredAccount> ACCOUNT_SERDE = AvroSerdes.valueSerde(ScoredAccount.class, Map.of());
    private static final Serde<SegmentStats> STATS_SERDE = AvroSerdes.valueSerde(SegmentStats.class, Map.of());
    /** A content id no catalogued schema has (checked in {@link #unknownContentId}). */
    private static final int UNKNOWN_CONTENT_ID = 0x7FFF_FFF0;

    @TempDir
    Path stateDir;

    private final List<String> counted = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> accounts;
    private TestInputTopic<byte[], byte[]> stats;
    private TestInputTopic<byte[], byte[]> reps;
    private TestOutputTopic<String, TerritoryHealth> health;
    private TestOutputTopic<String, DeadLetter> accountsDlq;
    private TestOutputTopic<String, DeadLetter> statsDlq;

    private void start(TerritorySerdes serdes) {
        TerritoryTopologyConfig config = TerritoryTopologyConfig.defaults()
                .withStateStores(TerritoryTopologyConfig.StateStores.IN_MEMORY)
                .withAggregation(1, WINDOW);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "territory-service-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        TerritoryMetrics metrics = new TerritoryMetrics() {
            @Override
            public void deadLettered(String sourceTopic, String errorType) {
                counted.add(sourceTopic + " " + errorType);
            }
        };
        driver = new TopologyTestDriver(TerritoryTopology.build(config, serdes, metrics), props, T0);
        ByteArraySerializer raw = new ByteArraySerializer();
        accounts = driver.createInputTopic(ACCOUNTS, raw, raw);
        stats = driver.createInputTopic(STATS, raw, raw);
        reps = driver.createInputTopic(Topics.CRM_REPS.name(), raw, raw);
        health = driver.createOutputTopic(Topics.TERRITORY_HEALTH.name(), new StringDeserializer(), serdes.territoryHealth().deserializer());
        accountsDlq = driver.createOutputTopic(Topics.ACCOUNTS_SCORED_DLQ.name(), new StringDeserializer(), serdes.deadLetter().deserializer());
        statsDlq = driver.createOutputTopic(Topics.SEGMENT_STATS_DLQ.name(), new StringDeserializer(), serdes.deadLetter().deserializer());
    }

    /** Closes the publish windows of the account step and of the team task. */
    private void publish() {
        driver.advanceWallClockTime(WINDOW);
        driver.advanceWallClockTime(WINDOW);
    }

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    static Stream<Arguments> unreadableScoredAccounts() {
        byte[] good = ACCOUNT_SERDE.serializer().serialize(ACCOUNTS, scored("A9", "R1", 1_000, 1_000L));
        return Stream.of(
                Arguments.of("not avro", "not avro".getBytes(StandardCharsets.UTF_8), "magic byte"),
                Arguments.of("unknown content id", unknownContentId(good), "content id " + UNKNOWN_CONTENT_ID),
                Arguments.of("truncated", Arrays.copyOf(good, good.length / 2), "EOFException"),
                Arguments.of("another type", STATS_SERDE.serializer().serialize(ACCOUNTS, segmentStats(0.5)), "is a SegmentStats record"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableScoredAccounts")
    void shouldDeadLetterAnUnreadableScoredAccountAndScoreTheNextOne(String kind, byte[] garbage, String reasonMentions) {
        start(TerritorySerdes.registry(Map.of()));
        accounts.pipeInput(key("A0"), ACCOUNT_SERDE.serializer().serialize(ACCOUNTS, scored("A0", null, 25_000, 1_000L)), T0);
        publish();
        health.readRecordsToList();

        accounts.pipeInput(key("A1"), garbage, T0);
        accounts.pipeInput(key("A2"), ACCOUNT_SERDE.serializer().serialize(ACCOUNTS, scored("A2", null, 75_000, 2_000L)), T0);

        assertSingleDeadLetter(accountsDlq, ACCOUNTS, 1L, "A1", garbage, reasonMentions);
        publish();
        TerritoryHealth pool = health.readValue();
        assertThat(pool.getRepId()).isEqualTo(Territories.UNASSIGNED);
        assertThat(pool.getPotentialTotal()).isEqualTo(100_000.0);
        assertThat(health.isEmpty()).isTrue();
        assertThat(counted).containsExactly(ACCOUNTS + " PARSE");
    }

    static Stream<Arguments> unreadableSegmentStats() {
        byte[] good = STATS_SERDE.serializer().serialize(STATS, segmentStats(0.4));
        return Stream.of(
                Arguments.of("not avro", "not avro".getBytes(StandardCharsets.UTF_8), "magic byte"),
                Arguments.of("unknown content id", unknownContentId(good), "content id " + UNKNOWN_CONTENT_ID),
                Arguments.of("truncated", Arrays.copyOf(good, good.length / 2), "EOFException"),
                Arguments.of("another type", ACCOUNT_SERDE.serializer().serialize(STATS, scored("A9", "R1", 1_000, 1_000L)), "is a ScoredAccount record"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableSegmentStats")
    void shouldDeadLetterUnreadableSegmentStatsAndApplyTheNextVersion(String kind, byte[] garbage, String reasonMentions) {
        start(TerritorySerdes.registry(Map.of()));
        reps.pipeInput(repKey("R1"), repRow("R1", "EAST", 100_000, 1_000L), T0);
        accounts.pipeInput(key("A1"), ACCOUNT_SERDE.serializer().serialize(ACCOUNTS, scored("A1", "R1", 800_000, 2_000L)), T0);
        stats.pipeInput(key("MID_MARKET"), STATS_SERDE.serializer().serialize(STATS, segmentStats(0.3)), T0);
        publish();
        health.readRecordsToList();

        stats.pipeInput(key("MID_MARKET"), garbage, T0);
        stats.pipeInput(key("MID_MARKET"), STATS_SERDE.serializer().serialize(STATS, segmentStats(0.5)), T0.plusSeconds(60));

        assertSingleDeadLetter(statsDlq, STATS, 1L, "MID_MARKET", garbage, reasonMentions);
        publish();
        assertThat(health.readValuesToList()).singleElement()
                .satisfies(h -> assertThat(h.getQuotaValidation().getWinRate()).isEqualTo(0.5));
        assertThat(accountsDlq.isEmpty()).isTrue();
        assertThat(counted).containsExactly(STATS + " PARSE");
    }

    @Test
    void shouldTreatTombstonesAsDeletionsNotAsDeadLetters() {
        start(TerritorySerdes.registry(Map.of()));
        reps.pipeInput(repKey("R1"), repRow("R1", "EAST", 100_000, 1_000L), T0);
        accounts.pipeInput(key("A1"), ACCOUNT_SERDE.serializer().serialize(ACCOUNTS, scored("A1", "R1", 800_000, 2_000L)), T0);
        stats.pipeInput(key("MID_MARKET"), STATS_SERDE.serializer().serialize(STATS, segmentStats(0.5)), T0);
        publish();
        health.readRecordsToList();

        stats.pipeInput(key("MID_MARKET"), null, T0.plusSeconds(1));
        publish();
        assertThat(health.readValue().getQuotaValidation().getWinRate()).isEqualTo(0.25); // back to the default
        accounts.pipeInput(key("A1"), null, T0.plusSeconds(2));
        publish();
        assertThat(health.readValue().getPotentialTotal()).isZero();

        assertThat(accountsDlq.isEmpty()).isTrue();
        assertThat(statsDlq.isEmpty()).isTrue();
        assertThat(counted).isEmpty();
    }

    @Test
    void shouldDeadLetterAScoredAccountItCannotUseAndScoreTheNextOne() {
        start(TerritorySerdes.registry(Map.of()));
        ScoredAccount notFinite = scored("A1", null, 25_000, 1_000L);
        notFinite.setPotential(Double.NaN); // a valid Avro record, but no amount this service can count
        byte[] unusable = ACCOUNT_SERDE.serializer().serialize(ACCOUNTS, notFinite);

        accounts.pipeInput(key("A1"), unusable, T0);
        accounts.pipeInput(key("A2"), ACCOUNT_SERDE.serializer().serialize(ACCOUNTS, scored("A2", null, 75_000, 2_000L)), T0);

        List<TestRecord<String, DeadLetter>> letters = accountsDlq.readRecordsToList();
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.key()).isEqualTo("A1");
            assertThat(letter.value().getErrorType()).isEqualTo("INVALID");
            assertThat(letter.value().getReason()).contains("ScoredAccount this service cannot use").contains("NaN");
            assertThat(letter.value().getOriginalValue()).isEqualTo(ByteBuffer.wrap(unusable));
            assertThat(letter.value().getSourceOffset()).isZero();
        });
        publish();
        assertThat(health.readValuesToList()).singleElement()
                .satisfies(pool -> assertThat(pool.getPotentialTotal()).isEqualTo(75_000.0));
        assertThat(counted).containsExactly(ACCOUNTS + " INVALID");
    }

    @Test
    void shouldStopInsteadOfDeadLetteringWhenTheRegistryCannotBeReached() {
        Serde<ScoredAccount> unreachable = Serdes.serdeFrom(ACCOUNT_SERDE.serializer(), (topic, bytes) -> {
            throw new SerializationException("cannot fetch the schema", new ConnectException("Connection refused"));
        });
        TerritorySerdes registry = TerritorySerdes.registry(Map.of());
        start(new TerritorySerdes(unreachable, registry.segmentStats(), registry.territoryHealth(), registry.teamBalance(),
                registry.deadLetter()));

        byte[] good = ACCOUNT_SERDE.serializer().serialize(ACCOUNTS, scored("A1", null, 75_000, 2_000L));
        assertThatThrownBy(() -> accounts.pipeInput(key("A1"), good, T0)).hasRootCauseInstanceOf(ConnectException.class);

        assertThat(accountsDlq.isEmpty()).isTrue();
        assertThat(counted).isEmpty();
    }

    private static void assertSingleDeadLetter(TestOutputTopic<String, DeadLetter> dlq, String sourceTopic, long offset,
                                               String key, byte[] garbage, String reasonMentions) {
        List<TestRecord<String, DeadLetter>> letters = dlq.readRecordsToList();
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).key()).isEqualTo(key);
        DeadLetter letter = letters.get(0).value();
        assertThat(letter.getSourceTopic()).isEqualTo(sourceTopic);
        assertThat(letter.getSourcePartition()).isZero();
        assertThat(letter.getSourceOffset()).isEqualTo(offset);
        assertThat(letter.getOriginalKey()).isEqualTo(ByteBuffer.wrap(key(key)));
        assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(garbage));
        assertThat(letter.getErrorType()).isEqualTo("PARSE");
        assertThat(letter.getReason()).startsWith("cannot read a ").contains(reasonMentions);
        assertThat(letter.getService()).isEqualTo("territory-service");
        assertThat(letter.getFailedAt()).isEqualTo(T0.plus(WINDOW.multipliedBy(2))); // after the first publish (two windows)
    }

    private static byte[] unknownContentId(byte[] framed) {
        assertThat(SchemaCatalog.compiled().schema(UNKNOWN_CONTENT_ID)).isEmpty();
        byte[] copy = framed.clone();
        ByteBuffer.wrap(copy, 1, 4).putInt(UNKNOWN_CONTENT_ID);
        return copy;
    }

    private static SegmentStats segmentStats(double winRate) {
        return SegmentStats.newBuilder().setSegment(Segment.MID_MARKET).setVersion(2).setWinRate(winRate).setAvgDealSize(80_000).build();
    }

    private static byte[] key(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
