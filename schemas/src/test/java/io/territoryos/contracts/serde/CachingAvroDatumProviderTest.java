package io.territoryos.contracts.serde;

import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.ScoredAccount;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CachingAvroDatumProviderTest {

    private static final String SCORED = Topics.ACCOUNTS_SCORED.name();

    @Test
    void shouldBeTheDatumProviderOfTheValueSerdeUnlessAnotherIsConfigured() {
        assertThat(AvroValueSerde.effectiveConfig(Map.of()))
                .containsEntry(AvroSerdeConfig.AVRO_DATUM_PROVIDER, CachingAvroDatumProvider.class);
        assertThat(AvroValueSerde.effectiveConfig(Map.of(AvroSerdeConfig.AVRO_DATUM_PROVIDER, DefaultAvroDatumProvider.class)))
                .containsEntry(AvroSerdeConfig.AVRO_DATUM_PROVIDER, DefaultAvroDatumProvider.class);
    }

    @Test
    void shouldWriteAndReadExactlyWhatApicuriosOwnProviderDoes() {
        Map<String, Object> apicurioDefault = Map.of(AvroSerdeConfig.AVRO_DATUM_PROVIDER, DefaultAvroDatumProvider.class);
        ScoredAccount account = SampleRecords.scoredAccount();

        byte[] cached = AvroSerdes.valueSerde(ScoredAccount.class, Map.of()).serializer().serialize(SCORED, account);
        byte[] uncached = AvroSerdes.valueSerde(ScoredAccount.class, apicurioDefault).serializer().serialize(SCORED, account);

        assertThat(cached).isEqualTo(uncached);
        assertThat(AvroSerdes.valueSerde(ScoredAccount.class, apicurioDefault).deserializer().deserialize(SCORED, cached))
                .isEqualTo(account);
        assertThat(AvroSerdes.valueSerde(ScoredAccount.class, Map.of()).deserializer().deserialize(SCORED, uncached))
                .isEqualTo(account);
    }

    @Test
    void shouldHandOutOneWriterAndOneReaderPerSchemaEvenForAnEqualCopy() {
        CachingAvroDatumProvider<Object> provider = new CachingAvroDatumProvider<>(true);
        Schema schema = ScoredAccount.getClassSchema();
        Schema reparsed = new Schema.Parser().parse(schema.toString());

        var writer = provider.createDatumWriter(SampleRecords.scoredAccount(), schema);
        var reader = provider.createDatumReader(schema);

        assertThat(writer).isInstanceOf(SpecificDatumWriter.class)
                .isSameAs(provider.createDatumWriter(SampleRecords.scoredAccount(), schema))
                .isSameAs(provider.createDatumWriter(SampleRecords.scoredAccount(), reparsed));
        assertThat(reader).isInstanceOf(SpecificDatumReader.class)
                .isSameAs(provider.createDatumReader(schema))
                .isSameAs(provider.createDatumReader(reparsed));
    }

    @Test
    void shouldKeepSpecificAndGenericWritersOfOneSchemaApart() {
        CachingAvroDatumProvider<Object> provider = new CachingAvroDatumProvider<>(true);
        Schema schema = ScoredAccount.getClassSchema();
        GenericRecord generic = new GenericData.Record(schema);

        var specificWriter = provider.createDatumWriter(SampleRecords.scoredAccount(), schema);
        var genericWriter = provider.createDatumWriter(generic, schema);

        assertThat(specificWriter).isInstanceOf(SpecificDatumWriter.class);
        assertThat(genericWriter).isNotInstanceOf(SpecificDatumWriter.class).isInstanceOf(GenericDatumWriter.class);
    }
}
