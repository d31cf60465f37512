package io.territoryos.trigger.streams;

import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.AccountStatus;
import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.avro.RebalanceCommand;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.ScoringWeights;
import io.territoryos.contracts.avro.TeamBalance;
import io.territoryos.contracts.avro.TeamPolicy;
import io.territoryos.contracts.avro.TerritoryHealth;
import io.territoryos.contracts.avro.TriggerType;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.contracts.serde.SchemaCatalog;
import io.territoryos.trigger.domain.AccountFacts;
import io.territoryos.trigger.domain.TeamPolicyFacts;
import io.territoryos.trigger.domain.WeightsVersion;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
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
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.territoryos.trigger.streams.Inputs.T0;
import static io.territoryos.trigger.streams.Inputs.account;
import static io.territoryos.trigger.streams.Inputs.balance;
import static io.territoryos.trigger.streams.Inputs.health;
import static io.territoryos.trigger.streams.Inputs.weights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Unreadable records on the five Avro contract inputs, with the registry-framed serdes the service runs with
 * (schemas from the compiled catalogue): each becomes one dead letter on {@code <topic>.dlq}, the next record is
 * still processed, and tombstones keep their meaning.
 */
class TriggerDeadLetterTest {

    private static final Serde<ScoredAccount> ACCOUNT_SERDE = AvroSerdes.valueSerde(ScoredAccount.class, Map.of());
    private static final Serde<TerritoryHealth> HEALTH_SERDE = AvroSerdes.valueSerde(TerritoryHealth.class, Map.of());
    private static final Serde<TeamBalance> BALANCE_SERDE = AvroSerdes.valueSerde(TeamBalance.class, Map.of());
    private static final Serde<ScoringWeights> WEIGHTS_SERDE = AvroSerdes.valueSerde(ScoringWeights.class, Map.of());
    private static final Serde<TeamPolicy> POLICY_SERDE = AvroSerdes.valueSerde(TeamPolicy.class, Map.of());
    /** A content id no catalogued schema has (checked in {@link #unknownContentId}). */
    private static final int UNKNOWN_CONTENT_ID = 0x7FFF_FFF0;
    private static final Instant T1 = T0.plus(Duration.ofHours(1));

    /**
     * One contract input: a good record to come before the garbage (so the garbage sits at offset 1), a good record
     * to come after it, and how to see that the one after was processed.
     */
    record Contract(String topic, String deadLetterTopic, String key, byte[] before, byte[] after, byte[] otherType,
                    String otherTypeName, Consumer<TriggerDeadLetterTest> afterWasProcessed) {
        @Override
        public String toString() {
            return topic;
        }
    }

    static final Contract ACCOUNTS = new Contract(Topics.ACCOUNTS_SCORED.name(), Topics.ACCOUNTS_SCORED_DLQ.name(), "A-1",
            ACCOUNT_SERDE.serializer().serialize("", account("A-1", "R-1", 100_000, AccountStatus.CUSTOMER, T0)),
            ACCOUNT_SERDE.serializer().serialize("", account("A-1", "R-2", 100_000, AccountStatus.CUSTOMER, T1)),
            BALANCE_SERDE.serializer().serialize("", balance("East", 5, 0.1, T0)), "TeamBalance",
            test -> assertThat(test.<AccountFacts>store(StoreNames.ACCOUNTS).get("A-1").ownerRepId()).isEqualTo("R-2"));
    static final Contract HEALTH = new Contract(Topics.TERRITORY_HEALTH.name(), Topics.TERRITORY_HEALTH_DLQ.name(), "R-1",
            HEALTH_SERDE.serializer().serialize("", health("R-1", "East", 10, 3_200_000, T0)),
            HEALTH_SERDE.serializer().serialize("", health("R-1", "East", 11, 3_500_000, T1)),
            ACCOUNT_SERDE.serializer().serialize("", account("A-1", "R-1", 100_000, AccountStatus.CUSTOMER, T0)), "ScoredAccount",
            test -> assertThat(test.<RepAlertState>store(StoreNames.REP_ALERTS).get("R-1").latest().accountCount()).isEqualTo(11));
    static final Contract BALANCE = new Contract(Topics.TEAM_BALANCE.name(), Topics.TEAM_BALANCE_DLQ.name(), "East",
            BALANCE_SERDE.serializer().serialize("", balance("East", 5, 0.10, T0)),
            BALANCE_SERDE.serializer().serialize("", balance("East", 5, 0.35, T1)),
            ACCOUNT_SERDE.serializer().serialize("", account("A-1", "R-1", 100_000, AccountStatus.CUSTOMER, T0)), "ScoredAccount",
            test -> assertThat(test.commands.readValuesToList()).extracting(RebalanceCommand::getType).containsExactly(TriggerType.DRIFT));
    static final Contract WEIGHTS = new Contract(Topics.SCORING_WEIGHTS.name(), Topics.SCORING_WEIGHTS_DLQ.name(), "potential-v1",
            WEIGHTS_SERDE.serializer().serialize("", weights(1, 0.30, T0)),
            WEIGHTS_SERDE.serializer().serialize("", weights(2, 0.31, T1)),
            ACCOUNT_SERDE.serializer().serialize("", account("A-1", "R-1", 100_000, AccountStatus.CUSTOMER, T0)), "ScoredAccount",
            test -> assertThat(test.<WeightsVersion>store(StoreNames.WEIGHTS).get("potential-v1").version()).isEqualTo(2));
    static final Contract POLICIES = new Contract(Topics.TEAM_POLICIES.name(), Topics.TEAM_POLICIES_DLQ.name(), "Emea",
            POLICY_SERDE.serializer().serialize("", Inputs.policy("Emea", 1, true, T0)),
            POLICY_SERDE.serializer().serialize("", Inputs.policy("Emea", 2, false, T1)),
            ACCOUNT_SERDE.serializer().serialize("", account("A-1", "R-1", 100_000, AccountStatus.CUSTOMER, T0)), "ScoredAccount",
            test -> assertThat(test.<TeamPolicyFacts>store(StoreNames.TEAM_POLICIES).get("Emea").version()).isEqualTo(2));

    @TempDir
    Path stateDir;

    private final List<String> counted = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestOutputTopic<String, RebalanceCommand> commands;

    private void start(TriggerSerdes serdes) {
        TriggerListener listener = new TriggerListener() {
            @Override
            public void deadLetter(String sourceTopic, String errorType) {
                counted.add(sourceTopic + " " + errorType);
            }
        };
        driver = new TopologyTestDriver(
                TriggerTopology.build(TriggerTopologyConfig.defaults().withAlertSettle(Duration.ZERO), serdes, listener),
                TriggerStreamsProperties.of("unused:9092", stateDir.toString()), T0);
        commands = driver.createOutputTopic(Topics.REBALANCE_COMMANDS.name(), new StringDeserializer(),
                serdes.rebalanceCommand().deserializer());
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    static Stream<Arguments> unreadableRecords() {
        return Stream.of(ACCOUNTS, HEALTH, BALANCE, WEIGHTS, POLICIES).flatMap(contract -> Stream.of(
                Arguments.of(contract, "not avro", "not avro".getBytes(StandardCharsets.UTF_8), "magic byte"),
                Arguments.of(contract, "unknown content id", unknownContentId(contract.before()), "content id " + UNKNOWN_CONTENT_ID),
                Arguments.of(contract, "truncated", Arrays.copyOf(contract.before(), contract.before().length / 2), "EOFException"),
                Arguments.of(contract, "another type", contract.otherType(), "is a " + contract.otherTypeName() + " record")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("unreadableRecords")
    void shouldDeadLetterAnUnreadableRecordAndProcessTheNextOne(Contract contract, String kind, byte[] garbage, String reasonMentions) {
        start(TriggerSerdes.registry(Map.of()));
        TestInputTopic<byte[], byte[]> input = rawInput(contract.topic());
        TestOutputTopic<String, DeadLetter> dlq = deadLetters(contract.deadLetterTopic());
        input.pipeInput(key(contract.key()), contract.before(), T0);

        input.pipeInput(key(contract.key()), garbage, T0.plusSeconds(1));
        input.pipeInput(key(contract.key()), contract.after(), T1);

        List<TestRecord<String, DeadLetter>> letters = dlq.readRecordsToList();
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).key()).isEqualTo(contract.key());
        DeadLetter letter = letters.get(0).value();
        assertThat(letter.getSourceTopic()).isEqualTo(contract.topic());
        assertThat(letter.getSourcePartition()).isZero();
        assertThat(letter.getSourceOffset()).isEqualTo(1L);
        assertThat(letter.getOriginalKey()).isEqualTo(ByteBuffer.wrap(key(contract.key())));
        assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(garbage));
        assertThat(letter.getErrorType()).isEqualTo("PARSE");
        assertThat(letter.getReason()).startsWith("cannot read a ").contains(reasonMentions);
        assertThat(letter.getService()).isEqualTo("trigger-service");
        assertThat(letter.getFailedAt()).isEqualTo(T0);
        assertThat(counted).containsExactly(contract.topic() + " PARSE");
        contract.afterWasProcessed().accept(this);
    }

    @Test
    void shouldTreatTombstonesAsDeletionsNotAsDeadLetters() {
        start(TriggerSerdes.registry(Map.of()));
        for (Contract contract : List.of(ACCOUNTS, HEALTH, BALANCE, WEIGHTS, POLICIES)) {
            rawInput(contract.topic()).pipeInput(key(contract.key()), contract.before(), T0);
        }
        assertThat(this.<AccountFacts>store(StoreNames.ACCOUNTS).get("A-1")).isNotNull();
        assertThat(this.<RepAlertState>store(StoreNames.REP_ALERTS).get("R-1")).isNotNull();
        assertThat(this.<TeamPolicyFacts>store(StoreNames.TEAM_POLICIES).get("Emea")).isNotNull();

        for (Contract contract : List.of(ACCOUNTS, HEALTH, BALANCE, WEIGHTS, POLICIES)) {
            rawInput(contract.topic()).pipeInput(key(contract.key()), null, T1);
        }

        assertThat(this.<AccountFacts>store(StoreNames.ACCOUNTS).get("A-1")).isNull(); // the account was deleted
        assertThat(this.<RepAlertState>store(StoreNames.REP_ALERTS).get("R-1")).isNull();
        assertThat(this.<TeamPolicyFacts>store(StoreNames.TEAM_POLICIES).get("Emea")).as("back to the defaults").isNull();
        for (Contract contract : List.of(ACCOUNTS, HEALTH, BALANCE, WEIGHTS, POLICIES)) {
            assertThat(deadLetters(contract.deadLetterTopic()).isEmpty()).as(contract.deadLetterTopic()).isTrue();
        }
        assertThat(counted).isEmpty();
    }

    @Test
    void shouldStopInsteadOfDeadLetteringWhenTheRegistryCannotBeReached() {
        Serde<TeamBalance> unreachable = Serdes.serdeFrom(BALANCE_SERDE.serializer(), (topic, bytes) -> {
            throw new SerializationException("cannot fetch the schema", new ConnectException("Connection refused"));
        });
        TriggerSerdes registry = TriggerSerdes.registry(Map.of());
        start(new TriggerSerdes(registry.scoredAccount(), registry.territoryHealth(), unreachable, registry.scoringWeights(),
                registry.teamPolicy(), registry.rebalanceCommand(), registry.territoryAlert(), registry.deadLetter()));

        assertThatThrownBy(() -> rawInput(BALANCE.topic()).pipeInput(key(BALANCE.key()), BALANCE.before(), T0))
                .hasRootCauseInstanceOf(ConnectException.class);

        assertThat(deadLetters(BALANCE.deadLetterTopic()).isEmpty()).isTrue();
        assertThat(counted).isEmpty();
    }

    private TestInputTopic<byte[], byte[]> rawInput(String topic) {
        return driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private TestOutputTopic<String, DeadLetter> deadLetters(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), AvroSerdes.valueSerde(DeadLetter.class, Map.of()).deserializer());
    }

    private <V> KeyValueStore<String, V> store(String name) {
        return driver.getKeyValueStore(name);
    }

    private static byte[] unknownContentId(byte[] framed) {
        assertThat(SchemaCatalog.compiled().schema(UNKNOWN_CONTENT_ID)).isEmpty();
        byte[] copy = framed.clone();
        ByteBuffer.wrap(copy, 1, 4).putInt(UNKNOWN_CONTENT_ID);
        return copy;
    }

    private static byte[] key(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
