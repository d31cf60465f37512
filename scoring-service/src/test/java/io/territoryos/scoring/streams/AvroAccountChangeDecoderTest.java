package io.territoryos.scoring.streams;

import com.fasterxml.jackson.databind.JsonNode;
import io.territoryos.contracts.cdc.CdcDecodingException;
import io.territoryos.contracts.cdc.ChangeEvent;
import io.territoryos.contracts.cdc.DebeziumDecoder;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How Avro values are rewritten in the JSON converter's form, type by type. */
class AvroAccountChangeDecoderTest {

    /** A key is required; one that names no id leaves the id to the row, which is what these tests read. */
    private static final byte[] KEY_NAMING_NO_ID = "{\"schema\":{},\"payload\":null}".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldPassJsonAndNullThroughUntouched() {
        AvroAccountChangeDecoder decoder = new AvroAccountChangeDecoder(failing());
        byte[] json = "{\"account_id\":\"A-1\"}".getBytes(StandardCharsets.UTF_8);
        byte[] indented = " \n{}".getBytes(StandardCharsets.UTF_8);

        assertThat(decoder.asJson("t", json, "key")).isSameAs(json);
        assertThat(decoder.asJson("t", indented, "value")).isSameAs(indented);
        assertThat(decoder.asJson("t", null, "value")).isNull();
        assertThat(AvroAccountChangeDecoder.isRegistryFramed(new byte[] {0, 0, 0, 0, 7, 2})).isTrue();
    }

    @Test
    void shouldReadDecimalsByTheirLogicalTypeOrConnectScaleOrAsVariableScaleStruct() {
        Schema avroDecimal = LogicalTypes.decimal(12, 2).addToSchema(Schema.create(Schema.Type.BYTES));
        Schema connectDecimal = Schema.create(Schema.Type.BYTES);
        connectDecimal.addProp("connect.name", "org.apache.kafka.connect.data.Decimal");
        connectDecimal.addProp("connect.parameters", Map.of("scale", "3"));
        Schema variableScale = SchemaBuilder.record("VariableScaleDecimal").namespace("io.debezium.data")
                .prop("connect.name", "io.debezium.data.VariableScaleDecimal").fields()
                .requiredInt("scale").requiredBytes("value").endRecord();
        GenericRecord variable = new GenericData.Record(variableScale);
        variable.put("scale", 1);
        variable.put("value", unscaled("-12345"));

        assertThat(AvroAccountChangeDecoder.json(unscaled("12345678"), avroDecimal).decimalValue())
                .isEqualByComparingTo(new BigDecimal("123456.78"));
        assertThat(AvroAccountChangeDecoder.json(unscaled("12345678"), connectDecimal).decimalValue())
                .isEqualByComparingTo(new BigDecimal("12345.678"));
        assertThat(AvroAccountChangeDecoder.json(variable, variableScale).decimalValue())
                .isEqualByComparingTo(new BigDecimal("-1234.5"));
        assertThat(AvroAccountChangeDecoder.json(unscaled("12345678"), Schema.create(Schema.Type.BYTES)).asText())
                .isEqualTo("ALxhTg==");
    }

    @Test
    void shouldWriteTimestampsOfEveryPrecisionAndDatesAsIsoText() {
        Schema micros = Schema.create(Schema.Type.LONG);
        micros.addProp("connect.name", "io.debezium.time.MicroTimestamp");
        Schema nanos = LogicalTypes.timestampNanos().addToSchema(Schema.create(Schema.Type.LONG));
        Schema millis = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
        Schema date = Schema.create(Schema.Type.INT);
        date.addProp("connect.name", "io.debezium.time.Date");

        assertThat(AvroAccountChangeDecoder.json(1_699_000_000_123_456L, micros).asText()).isEqualTo("2023-11-03T08:26:40.123456Z");
        assertThat(AvroAccountChangeDecoder.json(1_699_000_000_123_456_789L, nanos).asText()).isEqualTo("2023-11-03T08:26:40.123456789Z");
        assertThat(AvroAccountChangeDecoder.json(1_699_000_000_123L, millis).asText()).isEqualTo("2023-11-03T08:26:40.123Z");
        assertThat(AvroAccountChangeDecoder.json(20_000, date).asText()).isEqualTo("2024-10-04");
        assertThat(AvroAccountChangeDecoder.json(1_700_000_000_000L, Schema.create(Schema.Type.LONG)).longValue())
                .isEqualTo(1_700_000_000_000L);
    }

    @Test
    void shouldGiveTheSharedDecoderRowsItReadsLikeTheJsonConverters() throws Exception {
        Schema row = SchemaBuilder.record("Value").fields()
                .requiredString("account_id")
                .name("renewal_date").type(dateSchema()).noDefault()
                .name("last_activity_at").type(LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
                .name("current_arr").type(LogicalTypes.decimal(18, 4).addToSchema(Schema.create(Schema.Type.BYTES))).noDefault()
                .name("segment").type(SchemaBuilder.enumeration("Segment").symbols("SMB", "MID_MARKET")).noDefault()
                .endRecord();
        Schema envelope = SchemaBuilder.record("Envelope").fields()
                .name("after").type(Schema.createUnion(Schema.create(Schema.Type.NULL), row)).withDefault(null)
                .requiredString("op").requiredLong("ts_ms").endRecord();
        GenericRecord after = new GenericData.Record(row);
        after.put("account_id", "A-1");
        after.put("renewal_date", 20_000);
        after.put("last_activity_at", 1_699_000_000_123_456L);
        after.put("current_arr", unscaled("1234567890"));
        after.put("segment", new GenericData.EnumSymbol(row.getField("segment").schema(), "MID_MARKET"));
        GenericRecord change = new GenericData.Record(envelope);
        change.put("after", after);
        change.put("op", "u");
        change.put("ts_ms", 1_700_000_000_000L);

        JsonNode json = AvroAccountChangeDecoder.json(change, envelope);
        ChangeEvent event = DebeziumDecoder.decode(KEY_NAMING_NO_ID, json.toString().getBytes(StandardCharsets.UTF_8), "account_id");

        assertThat(event.id()).isEqualTo("A-1");
        assertThat(event.tsMs()).isEqualTo(1_700_000_000_000L);
        assertThat(event.after().dateOrNull("renewal_date")).isEqualTo(java.time.LocalDate.ofEpochDay(20_000));
        assertThat(event.after().timestampOrNull("last_activity_at")).isEqualTo(1_699_000_000_123L);
        assertThat(event.after().decimal("current_arr")).isEqualByComparingTo(new BigDecimal("123456.789"));
        assertThat(event.after().text("segment")).isEqualTo("MID_MARKET");
    }

    @Test
    void shouldKeepTheMarkersOfAFlattenedRowForTheSharedDecoder() {
        Schema flattened = SchemaBuilder.record("Value").fields()
                .requiredString("account_id").requiredString("__op").requiredString("__deleted").requiredLong("__source_ts_ms")
                .endRecord();
        GenericRecord deleted = new GenericData.Record(flattened);
        deleted.put("account_id", "A-3");
        deleted.put("__op", "d");
        deleted.put("__deleted", "true");
        deleted.put("__source_ts_ms", 1_700_000_000_000L);

        ChangeEvent event = DebeziumDecoder.decode(KEY_NAMING_NO_ID,
                AvroAccountChangeDecoder.json(deleted, flattened).toString().getBytes(StandardCharsets.UTF_8), "account_id");

        assertThat(event.id()).isEqualTo("A-3");
        assertThat(event.removesRow()).isTrue();
        assertThat(event.tsMs()).isEqualTo(1_700_000_000_000L);
    }

    @Test
    void shouldBlameTheRecordWhenTheDeserializerCannotReadIt() {
        AvroAccountChangeDecoder decoder = new AvroAccountChangeDecoder(failing());

        assertThatThrownBy(() -> decoder.asJson("crm.accounts", new byte[] {0, 0, 0, 0, 42, 1}, "value"))
                .isInstanceOf(CdcDecodingException.class)
                .hasMessageContaining("value is registry-framed Avro (content id 42) that cannot be read")
                .hasMessageContaining("EOFException");
    }

    @Test
    void shouldRefuseARecordOfOneOfOurOwnContracts() {
        // a ScoredAccount has every column of an account row: rewritten as JSON it read as a flattened row and was
        // scored (the bad-input drill sent 400 of them to crm.accounts and all 400 were scored)
        Schema scored = SchemaBuilder.record("ScoredAccount").namespace("io.territoryos.contracts.avro").fields()
                .requiredString("account_id").requiredString("segment").requiredString("status").requiredDouble("current_arr")
                .endRecord();
        GenericRecord record = new GenericData.Record(scored);
        record.put("account_id", "A-9");
        record.put("segment", "SMB");
        record.put("status", "CUSTOMER");
        record.put("current_arr", 1.0);
        AvroAccountChangeDecoder decoder = new AvroAccountChangeDecoder((topic, bytes) -> record);

        assertThatThrownBy(() -> decoder.asJson("crm.accounts", new byte[] {0, 0, 0, 0, 9, 1}, "value"))
                .isInstanceOf(CdcDecodingException.class)
                .hasMessageContaining("value is registry-framed Avro of this product's own contract ScoredAccount (content id 9)")
                .hasMessageContaining("not a Debezium envelope");
    }

    private static Schema dateSchema() {
        return LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
    }

    private static ByteBuffer unscaled(String unscaledValue) {
        return ByteBuffer.wrap(new java.math.BigInteger(unscaledValue).toByteArray());
    }

    private static Deserializer<Object> failing() {
        return (topic, bytes) -> {
            throw new IllegalStateException("no reader", new java.io.EOFException("truncated"));
        };
    }
}
