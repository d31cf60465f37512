package io.territoryos.scoring.streams;

import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.scoring.AvroCrmEvents;
import io.territoryos.scoring.AvroCrmEvents.Decimals;
import io.territoryos.scoring.AvroCrmEvents.Timestamps;
import io.territoryos.scoring.CrmEvents;
import io.territoryos.scoring.TestSchemaRegistry;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.territoryos.scoring.CrmEvents.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Debezium change events written with the Avro converter through the registry serde, through the same topology. */
class AvroAccountChangesTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    @TempDir
    Path stateDir;

    private final TestSchemaRegistry registry = new TestSchemaRegistry();
    private final AvroCrmEvents avro = new AvroCrmEvents(registry);
    private final RecordingMetrics metrics = new RecordingMetrics();
    private ScoringSerdes serdes;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> crm;
    private TestOutputTopic<String, ScoredAccount> scored;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    private void start(ScoringSerdes topologySerdes) {
        serdes = topologySerdes;
        ScoringTopologyConfig config = ScoringTopologyConfig.defaults();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "scoring-service-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(ScoringTopology.build(config, serdes, metrics, Clock.fixed(NOW, ZoneOffset.UTC)), props);
        crm = driver.createInputTopic(config.accountsTopic(), new ByteArraySerializer(), new ByteArraySerializer());
        scored = driver.createOutputTopic(config.scoredTopic(), new StringDeserializer(), serdes.scored().deserializer());
        deadLetters = driver.createOutputTopic(config.accountsDeadLetterTopic(), new StringDeserializer(),
                serdes.deadLetters().deserializer());
    }

    /** TopologyTestDriver serdes, reading Avro change events through the test registry. */
    private void start() {
        start(ScoringSerdes.binary().withAvroChangeEvents(registry.serdeConfig()));
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
        registry.close();
    }

    private void send(AvroCrmEvents events, CrmEvents event) {
        crm.pipeInput(events.key(event), events.value(event));
    }

    static Stream<Arguments> connectorSettings() {
        return Stream.of(
                Arguments.of(Decimals.PRECISE, Timestamps.MICROS, false),
                Arguments.of(Decimals.PRECISE, Timestamps.CONNECT_MILLIS, true),
                Arguments.of(Decimals.DOUBLE, Timestamps.MICROS, true),
                Arguments.of(Decimals.STRING, Timestamps.CONNECT_MILLIS, false));
    }

    @ParameterizedTest(name = "decimals {0}, timestamps {1}, Avro enums {2}")
    @MethodSource("connectorSettings")
    void shouldScoreAnAvroChangeExactlyLikeItsJsonTwin(Decimals decimals, Timestamps timestamps, boolean avroEnums) {
        start();
        AvroCrmEvents connector = new AvroCrmEvents(registry, decimals, timestamps, avroEnums);
        CrmEvents change = account("A-1").set("current_arr", 123_456.78).set("renewal_risk", 0.25).set("icp_fit", 80)
                .ts(1_700_000_000_123L);

        send(connector, change);
        crm.pipeInput(account("A-2").key(), account("A-2").set("current_arr", 123_456.78).set("renewal_risk", 0.25)
                .set("icp_fit", 80).ts(1_700_000_000_123L).value());

        List<ScoredAccount> out = scored.readValuesToList();
        assertThat(out).hasSize(2);
        ScoredAccount fromAvro = out.get(0);
        ScoredAccount fromJson = out.get(1);
        assertThat(fromAvro.getAccountId()).isEqualTo("A-1");
        assertThat(fromAvro.getCurrentArr()).isEqualTo(123_456.78);
        assertThat(fromAvro.getPotential()).isCloseTo((92_592.585 + 250_000) * 1.3, within(1e-6));
        assertThat(fromAvro.getLastActivityAt()).isEqualTo(Instant.ofEpochMilli(1_699_000_000_000L));
        assertThat(fromAvro.getRenewalDate()).isEqualTo(LocalDate.ofEpochDay(20_000));
        assertThat(fromAvro.getSourceEventTime()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(fromAvro).usingRecursiveComparison()
                .ignoringFields("account_id", "name", "event_id")
                .isEqualTo(fromJson);
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(registry.requests()).isNotEmpty();
    }

    @Test
    void shouldApplyAvroCreateUpdateDeleteAndTombstoneInOrder() {
        start();

        send(avro, account("A-1").op("c"));
        send(avro, account("A-1").op("u").set("current_arr", 200_000).set("owner_rep_id", "R-2"));
        send(avro, account("A-1").op("d"));
        crm.pipeInput(avro.key(account("A-1")), CrmEvents.tombstone());

        List<TestRecord<String, ScoredAccount>> out = scored.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsExactly("A-1", "A-1", "A-1");
        assertThat(out.get(0).value().getPotential()).isEqualTo(350_000.0);
        assertThat(out.get(1).value().getPotential()).isEqualTo(450_000.0);
        assertThat(out.get(1).value().getOwnerRepId()).isEqualTo("R-2");
        assertThat(out.get(2).value()).isNull(); // the delete; its tombstone changes nothing more
        assertThat(metrics.removed.get()).isEqualTo(1);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldKeepOneStateForAnAccountWhateverFormatEachRecordComesIn() {
        start();

        crm.pipeInput(account("A-1").key(), account("A-1").value());                  // JSON key and value
        crm.pipeInput(account("A-1").key(), avro.value(account("A-1").op("u")));      // JSON key, Avro value
        crm.pipeInput(avro.key(account("A-1")), avro.value(account("A-1").op("u")));  // both Avro
        crm.pipeInput(avro.key(account("A-1")), account("A-1").op("u").set("current_arr", 1).value()); // Avro key, JSON value

        List<ScoredAccount> out = scored.readValuesToList();
        assertThat(out).extracting(ScoredAccount::getCurrentArr).containsExactly(100_000.0, 1.0);
        assertThat(metrics.unchanged.get()).isEqualTo(2);
    }

    @Test
    void shouldDeadLetterAnAvroChangeWithoutAKeyEvenWhenItsRowNamesAnId() {
        start();

        crm.pipeInput(null, avro.value(account("A-7")));

        TestRecord<String, DeadLetter> letter = deadLetters.readRecord();
        assertThat(letter.key()).isNull();
        assertThat(letter.value().getErrorType()).isEqualTo("MISSING_KEY");
        assertThat(scored.isEmpty()).isTrue();
    }

    static Stream<Arguments> badAvroRecords() {
        return Stream.of(
                Arguments.of("no schema under its content id",
                        (Function<AvroCrmEvents, byte[]>) events -> AvroCrmEvents.framed(9_999, new byte[] {2, 4, 6}),
                        "PARSE", "content id 9999"),
                Arguments.of("truncated Avro",
                        (Function<AvroCrmEvents, byte[]>) events -> Arrays.copyOf(events.value(account("A-9")), 20),
                        "PARSE", "cannot be read"),
                Arguments.of("only the magic byte",
                        (Function<AvroCrmEvents, byte[]>) events -> new byte[] {0},
                        "PARSE", "registry-framed"),
                Arguments.of("negative ARR",
                        (Function<AvroCrmEvents, byte[]>) events -> events.value(account("A-9").set("current_arr", -5)),
                        "RANGE", "current_arr"),
                Arguments.of("segment the product does not know",
                        (Function<AvroCrmEvents, byte[]>) events -> events.value(account("A-9").set("segment", "STRATEGIC")),
                        "UNKNOWN_VALUE", "segment"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAvroRecords")
    void shouldDeadLetterABadAvroRecordWithItsBytesAndReasonAndGoOn(String why, Function<AvroCrmEvents, byte[]> value,
                                                                    String errorType, String reason) {
        start();
        AvroCrmEvents connector = new AvroCrmEvents(registry, Decimals.PRECISE, Timestamps.MICROS, true);
        byte[] key = avro.key(account("A-9"));
        byte[] bad = value.apply(connector);
        send(avro, account("A-1"));

        crm.pipeInput(key, bad);
        send(avro, account("A-2"));

        TestRecord<String, DeadLetter> letter = deadLetters.readRecord();
        assertThat(letter.key()).isEqualTo("A-9");
        assertThat(letter.value().getErrorType()).isEqualTo(errorType);
        assertThat(letter.value().getReason()).contains(reason);
        assertThat(letter.value().getOriginalValue()).isEqualTo(ByteBuffer.wrap(bad));
        assertThat(letter.value().getOriginalKey()).isEqualTo(ByteBuffer.wrap(key));
        assertThat(letter.value().getSourceOffset()).isEqualTo(1L);
        assertThat(scored.readValuesToList()).extracting(ScoredAccount::getAccountId).containsExactly("A-1", "A-2");
        assertThat(metrics.deadLetters).containsExactly("crm.accounts.dlq:" + errorType);
    }

    @Test
    void shouldDeadLetterAvroChangesWhenNoRegistryIsConfiguredNamingTheMissingId() {
        start(ScoringSerdes.binary()); // the compiled catalogue only: it has no Debezium schemas
        byte[] value = avro.value(account("A-1"));

        crm.pipeInput(account("A-1").key(), value);

        DeadLetter letter = deadLetters.readValue();
        assertThat(letter.getErrorType()).isEqualTo("PARSE");
        assertThat(letter.getReason()).contains("content id " + ByteBuffer.wrap(value, 1, 4).getInt())
                .contains("not in the compiled schema catalogue");
        assertThat(scored.isEmpty()).isTrue();
    }

    @Test
    void shouldStopInsteadOfDeadLetteringWhenTheRegistryCannotBeReached() throws IOException {
        byte[] key = avro.key(account("A-1"));
        byte[] value = avro.value(account("A-1"));
        start(ScoringSerdes.binary().withAvroChangeEvents(Map.of(
                "apicurio.registry.url", "http://127.0.0.1:" + closedPort() + "/apis/registry/v3",
                "apicurio.registry.retry-count", "0")));

        assertThatThrownBy(() -> crm.pipeInput(key, value))
                .hasStackTraceContaining("the schema registry could not be asked for the schema of a key");
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(scored.isEmpty()).isTrue();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
