package io.territoryos.contracts.serde;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.avro.Move;
import io.territoryos.contracts.avro.RebalanceProposal;
import io.territoryos.contracts.avro.ScoredAccount;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The Apicurio serde without a registry: schemas from the compiled catalogue, Apicurio's v3 frame on the wire. */
class AvroValueSerdeTest {

    private static final String SCORED = Topics.ACCOUNTS_SCORED.name();
    private static final String PROPOSALS = Topics.REBALANCE_PROPOSALS.name();
    private static final String DEAD_LETTERS = Topics.CRM_ACCOUNTS_DLQ.name();

    @Test
    void shouldBeTheApicurioSerializerAndDeserializer() {
        Serde<ScoredAccount> serde = AvroSerdes.valueSerde(ScoredAccount.class, Map.of());

        assertThat(serde.serializer()).isInstanceOf(AvroKafkaSerializer.class);
        assertThat(serde.deserializer()).isInstanceOf(AvroKafkaDeserializer.class);
    }

    @Test
    void shouldRoundTripFlatNestedAndBytesRecordsIntoTheirGeneratedClasses() {
        ScoredAccount account = SampleRecords.scoredAccount();
        RebalanceProposal proposal = SampleRecords.rebalanceProposal();
        DeadLetter deadLetter = SampleRecords.deadLetter();

        Object accountBack = roundTrip(ScoredAccount.class, SCORED, account);
        Object proposalBack = roundTrip(RebalanceProposal.class, PROPOSALS, proposal);
        Object deadLetterBack = roundTrip(DeadLetter.class, DEAD_LETTERS, deadLetter);

        assertThat(accountBack).isInstanceOf(ScoredAccount.class).isEqualTo(account);
        assertThat(proposalBack).isInstanceOf(RebalanceProposal.class).isEqualTo(proposal);
        assertThat(deadLetterBack).isInstanceOf(DeadLetter.class).isEqualTo(deadLetter);
        assertThat(((DeadLetter) deadLetterBack).getOriginalValue())
                .isEqualTo(ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 0xFF, 0x7F}));
    }

    @Test
    void shouldFrameValuesAsMagicByteContentIdAndPlainAvroBinary() {
        ScoredAccount account = SampleRecords.scoredAccount();

        byte[] framed = AvroSerdes.valueSerde(ScoredAccount.class, Map.of()).serializer().serialize(SCORED, account);

        byte[] plainAvro = AvroSerdes.binary(ScoredAccount.class).serializer().serialize(SCORED, account);
        assertThat(framed[0]).isEqualTo((byte) 0x00);
        assertThat(ByteBuffer.wrap(framed, 1, 4).getInt())
                .isEqualTo((int) SchemaCatalog.contentIdOf(ScoredAccount.getClassSchema()));
        assertThat(Arrays.copyOfRange(framed, 5, framed.length)).isEqualTo(plainAvro);
    }

    @Test
    void shouldWriteTheSameContentIdFromIndependentSerializers() {
        byte[] first = AvroSerdes.valueSerde(ScoredAccount.class, Map.of()).serializer().serialize(SCORED, SampleRecords.scoredAccount());
        byte[] second = AvroSerdes.valueSerde(ScoredAccount.class, Map.of()).serializer().serialize(SCORED, SampleRecords.scoredAccount());
        byte[] proposal = AvroSerdes.valueSerde(RebalanceProposal.class, Map.of()).serializer().serialize(PROPOSALS, SampleRecords.rebalanceProposal());

        assertThat(contentId(first)).isEqualTo(contentId(second));
        assertThat(contentId(proposal)).isNotEqualTo(contentId(first));
        assertThat(first).isEqualTo(second);
    }

    @Test
    void shouldReadWithADeserializerWhoseCatalogIsRebuiltFromSchemaText() {
        byte[] framed = AvroSerdes.valueSerde(RebalanceProposal.class, Map.of()).serializer()
                .serialize(PROPOSALS, SampleRecords.rebalanceProposal());
        // as in another process: nothing shared with the writer but the schemas' JSON text
        List<Schema> reparsed = SchemaCatalog.compiled().schemasByContentId().values().stream()
                .map(schema -> new Schema.Parser().parse(schema.toString()))
                .toList();
        AvroKafkaDeserializer<RebalanceProposal> otherProcess =
                new AvroKafkaDeserializer<>(new CatalogSchemaResolver<>(SchemaCatalog.of(reparsed)));
        otherProcess.configure(AvroValueSerde.effectiveConfig(Map.of()), false);

        RebalanceProposal read = otherProcess.deserialize(PROPOSALS, framed);

        assertThat(read).isEqualTo(SampleRecords.rebalanceProposal());
    }

    @Test
    void shouldRejectAContentIdMissingFromTheCatalogWithTheReason() {
        int unknownId = 12345;
        assertThat(SchemaCatalog.compiled().schema(unknownId)).isEmpty();
        byte[] framed = ByteBuffer.allocate(8).put((byte) 0).putInt(unknownId).put(new byte[] {2, 4, 6}).array();
        Serde<ScoredAccount> serde = AvroSerdes.valueSerde(ScoredAccount.class, Map.of());

        assertThatThrownBy(() -> serde.deserializer().deserialize(SCORED, framed))
                .rootCause()
                .hasMessageContaining("content id 12345 is not in the compiled schema catalogue")
                .hasMessageContaining("ScoredAccount=" + SchemaCatalog.contentIdOf(ScoredAccount.getClassSchema()));
    }

    @Test
    void shouldReadTheSameFrameIntoGenericDataWithTheGenericDeserializer() {
        byte[] framed = AvroSerdes.valueSerde(ScoredAccount.class, Map.of()).serializer()
                .serialize(SCORED, SampleRecords.scoredAccount());

        Object read = AvroSerdes.genericDeserializer(Map.of()).deserialize(SCORED, framed);

        assertThat(read).isInstanceOf(GenericRecord.class).isNotInstanceOf(ScoredAccount.class);
        GenericRecord record = (GenericRecord) read;
        assertThat(record.getSchema()).isEqualTo(ScoredAccount.getClassSchema());
        assertThat(record.get("account_id")).hasToString("acc-42");
        assertThat(record.get("potential")).isEqualTo(134_200.0);
        assertThat(record.get("tier")).isInstanceOf(GenericEnumSymbol.class).hasToString("TIER_1");
    }

    @Test
    void shouldNameTheMissingContentIdWhenTheGenericDeserializerHasNoRegistry() {
        byte[] framed = ByteBuffer.allocate(8).put((byte) 0).putInt(4242).put(new byte[] {2, 4, 6}).array();

        assertThatThrownBy(() -> AvroSerdes.genericDeserializer(Map.of()).deserialize("dbserver1.public.accounts", framed))
                .rootCause()
                .hasMessageContaining("content id 4242 is not in the compiled schema catalogue");
    }

    @Test
    void shouldBlameTheRecordForAnUnknownIdOrBytesThatDoNotDecode() {
        byte[] framed = AvroSerdes.valueSerde(ScoredAccount.class, Map.of()).serializer().serialize(SCORED, SampleRecords.scoredAccount());
        byte[] truncated = Arrays.copyOf(framed, 12);
        byte[] unknownId = ByteBuffer.allocate(8).put((byte) 0).putInt(4242).put(new byte[] {2, 4, 6}).array();

        Throwable undecodable = catchThrowable(() -> AvroSerdes.genericDeserializer(Map.of()).deserialize(SCORED, truncated));
        Throwable notCatalogued = catchThrowable(() -> AvroSerdes.genericDeserializer(Map.of()).deserialize(SCORED, unknownId));

        assertThat(undecodable).isNotNull();
        assertThat(AvroSerdes.isRegistryUnavailable(undecodable)).isFalse();
        assertThat(notCatalogued).isNotNull();
        assertThat(AvroSerdes.isRegistryUnavailable(notCatalogued)).isFalse();
    }

    @Test
    void shouldRefuseATypeNoTopicCarriesWhenThereIsNoRegistry() {
        assertThatThrownBy(() -> AvroSerdes.valueSerde(Move.class, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Move is not the value type of any topic");
    }

    @Test
    void shouldConfigureFromAKafkaStreamsConfigMap() {
        Map<String, Object> streamsConfig = Map.of(
                "application.id", "scoring-service",
                "bootstrap.servers", "localhost:9092",
                "default.key.serde", "org.apache.kafka.common.serialization.Serdes$StringSerde",
                "processing.guarantee", "exactly_once_v2",
                "apicurio.registry.url", "   ");
        // as Kafka Streams does with default.value.serde: no-arg constructor, then configure(config, false)
        AvroValueSerde<SpecificRecord> defaultSerde = new AvroValueSerde<>();
        defaultSerde.configure(streamsConfig, false);

        byte[] account = defaultSerde.serializer().serialize(SCORED, SampleRecords.scoredAccount());
        byte[] deadLetter = defaultSerde.serializer().serialize(DEAD_LETTERS, SampleRecords.deadLetter());

        assertThat(defaultSerde.deserializer().deserialize(SCORED, account)).isEqualTo(SampleRecords.scoredAccount());
        assertThat(defaultSerde.deserializer().deserialize(DEAD_LETTERS, deadLetter)).isEqualTo(SampleRecords.deadLetter());
    }

    @Test
    void shouldRefuseUseBeforeConfiguration() {
        AvroValueSerde<ScoredAccount> serde = new AvroValueSerde<>(ScoredAccount.class);

        assertThatThrownBy(serde::serializer)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not configured");
    }

    private static <T extends SpecificRecord> Object roundTrip(Class<T> type, String topic, T value) {
        byte[] framed = AvroSerdes.valueSerde(type, Map.of()).serializer().serialize(topic, value);
        // a separate serde instance reads, so nothing cached by the writer helps
        return AvroSerdes.valueSerde(type, Map.of()).deserializer().deserialize(topic, framed);
    }

    private static int contentId(byte[] framed) {
        return ByteBuffer.wrap(framed, 1, 4).getInt();
    }
}
