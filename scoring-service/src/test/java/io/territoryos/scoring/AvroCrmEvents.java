package io.territoryos.scoring;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * The account change events of {@link CrmEvents} as a Debezium connector writes them with the Avro converter and
 * the Apicurio registry serde: schemas registered in the (test) registry, each key and value framed as magic byte 0,
 * the 4-byte content id, Avro binary. The envelope is a record {@code before}/{@code after} (union of null and the
 * row record), {@code source}, {@code op}, {@code ts_ms}; column types follow the connector's settings below.
 */
public final class AvroCrmEvents {

    private static final List<String> DECIMAL_COLUMNS =
            List.of("current_arr", "whitespace_arr", "buying_capacity", "renewal_risk", "icp_fit", "propensity");
    private static final int DECIMAL_SCALE = 4;
    private static final String NAMESPACE = "crm.public.accounts";

    /** decimal.handling.mode: precise (bytes, logicalType decimal), double, string. */
    public enum Decimals { PRECISE, DOUBLE, STRING }

    /** time.precision.mode: adaptive (io.debezium.time.MicroTimestamp) or connect (timestamp-millis). */
    public enum Timestamps { MICROS, CONNECT_MILLIS }

    private final TestSchemaRegistry registry;
    private final Schema valueSchema;
    private final Schema rowSchema;
    private final Schema keySchema;

    /**
     * @param avroEnums segment and status as Avro enums (Avro converter's enhanced schema support) rather than strings
     */
    public AvroCrmEvents(TestSchemaRegistry registry, Decimals decimals, Timestamps timestamps, boolean avroEnums) {
        this.registry = registry;
        this.rowSchema = rowSchema(decimals, timestamps, avroEnums);
        this.valueSchema = envelopeSchema(rowSchema);
        this.keySchema = SchemaBuilder.record("Key").namespace(NAMESPACE).fields().requiredString("account_id").endRecord();
    }

    public AvroCrmEvents(TestSchemaRegistry registry) {
        this(registry, Decimals.PRECISE, Timestamps.MICROS, false);
    }

    public byte[] key(CrmEvents event) {
        return framed(keySchema, new GenericRecordBuilder(keySchema).set("account_id", event.id()).build());
    }

    public byte[] value(CrmEvents event) {
        boolean delete = "d".equals(event.opCode());
        GenericRecord before = null;
        if (delete) { // the default replica identity: only the key columns on a delete
            before = new GenericData.Record(rowSchema);
            before.put("account_id", event.id());
        }
        GenericRecord source = new GenericRecordBuilder(valueSchema.getField("source").schema())
                .set("connector", "postgresql").set("db", "crm").set("table", "accounts").set("ts_ms", event.tsMs() - 5)
                .build();
        GenericRecord envelope = new GenericRecordBuilder(valueSchema)
                .set("before", before)
                .set("after", delete ? null : row(event.row()))
                .set("source", source)
                .set("op", event.opCode())
                .set("ts_ms", event.tsMs())
                .build();
        return framed(valueSchema, envelope);
    }

    public Schema valueSchema() {
        return valueSchema;
    }

    /** Avro bytes under a content id as given, for records the registry cannot resolve. */
    public static byte[] framed(int contentId, byte[] avro) {
        return ByteBuffer.allocate(5 + avro.length).put((byte) 0).putInt(contentId).put(avro).array();
    }

    private byte[] framed(Schema schema, GenericRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return framed(registry.register(schema), out.toByteArray());
    }

    private GenericRecord row(Map<String, Object> columns) {
        GenericRecord row = new GenericData.Record(rowSchema);
        columns.forEach((column, value) -> {
            Schema.Field field = rowSchema.getField(column);
            if (field == null) {
                throw new IllegalArgumentException("no column " + column + " in the test row schema");
            }
            Schema type = field.schema().isUnion() ? field.schema().getTypes().get(1) : field.schema();
            row.put(column, value == null ? null : encode(value, type));
        });
        return row;
    }

    private static Object encode(Object value, Schema schema) {
        if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
            BigDecimal scaled = new BigDecimal(value.toString()).setScale(decimal.getScale());
            return ByteBuffer.wrap(scaled.unscaledValue().toByteArray());
        }
        if ("io.debezium.time.MicroTimestamp".equals(schema.getProp("connect.name"))) {
            return ((Number) value).longValue() * 1_000L;
        }
        return switch (schema.getType()) {
            case DOUBLE -> ((Number) value).doubleValue();
            case LONG -> ((Number) value).longValue();
            case INT -> ((Number) value).intValue();
            case ENUM -> new GenericData.EnumSymbol(schema, value.toString());
            case STRING -> value instanceof Number ? new BigDecimal(value.toString()).toPlainString() : value.toString();
            default -> value;
        };
    }

    private static Schema rowSchema(Decimals decimals, Timestamps timestamps, boolean avroEnums) {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("Value").namespace(NAMESPACE)
                .prop("connect.name", NAMESPACE + ".Value").fields()
                .requiredString("account_id");
        for (String column : List.of("name", "segment", "industry", "region", "country", "status", "current_arr",
                "whitespace_arr", "buying_capacity", "renewal_risk", "icp_fit", "propensity", "procurement_stage",
                "owner_rep_id", "locked", "last_activity_at", "renewal_date")) {
            Schema type;
            if (DECIMAL_COLUMNS.contains(column)) {
                type = decimal(decimals);
            } else if (avroEnums && column.equals("segment")) {
                type = SchemaBuilder.enumeration("Segment").namespace(NAMESPACE)
                        .symbols("SMB", "MID_MARKET", "ENTERPRISE", "STRATEGIC");
            } else if (avroEnums && column.equals("status")) {
                type = SchemaBuilder.enumeration("Status").namespace(NAMESPACE)
                        .symbols("PROSPECT", "CUSTOMER", "CHURNED");
            } else if (column.equals("locked")) {
                type = Schema.create(Schema.Type.BOOLEAN);
            } else if (column.equals("last_activity_at")) {
                type = timestamp(timestamps);
            } else if (column.equals("renewal_date")) {
                type = Schema.create(Schema.Type.INT);
                type.addProp("connect.version", 1);
                type.addProp("connect.name", "io.debezium.time.Date");
            } else {
                type = Schema.create(Schema.Type.STRING);
            }
            fields = fields.name(column).type(Schema.createUnion(Schema.create(Schema.Type.NULL), type)).withDefault(null);
        }
        return fields.endRecord();
    }

    private static Schema decimal(Decimals decimals) {
        return switch (decimals) {
            case DOUBLE -> Schema.create(Schema.Type.DOUBLE);
            case STRING -> Schema.create(Schema.Type.STRING);
            case PRECISE -> {
                // what the Avro converter makes of Kafka Connect's Decimal: both Avro's logical type and Connect's names
                Schema bytes = LogicalTypes.decimal(18, DECIMAL_SCALE).addToSchema(Schema.create(Schema.Type.BYTES));
                bytes.addProp("connect.version", 1);
                bytes.addProp("connect.parameters", Map.of("scale", String.valueOf(DECIMAL_SCALE), "connect.decimal.precision", "18"));
                bytes.addProp("connect.name", "org.apache.kafka.connect.data.Decimal");
                yield bytes;
            }
        };
    }

    private static Schema timestamp(Timestamps timestamps) {
        Schema type = Schema.create(Schema.Type.LONG);
        type.addProp("connect.version", 1);
        if (timestamps == Timestamps.MICROS) {
            type.addProp("connect.name", "io.debezium.time.MicroTimestamp");
            return type;
        }
        type.addProp("connect.name", "org.apache.kafka.connect.data.Timestamp");
        return LogicalTypes.timestampMillis().addToSchema(type);
    }

    private static Schema envelopeSchema(Schema row) {
        Schema source = SchemaBuilder.record("Source").namespace("io.debezium.connector.postgresql").fields()
                .requiredString("connector").requiredString("db").requiredString("table").requiredLong("ts_ms")
                .endRecord();
        Schema optionalRow = Schema.createUnion(Schema.create(Schema.Type.NULL), row);
        return SchemaBuilder.record("Envelope").namespace(NAMESPACE).prop("connect.name", NAMESPACE + ".Envelope").fields()
                .name("before").type(optionalRow).withDefault(null)
                .name("after").type(optionalRow).withDefault(null)
                .name("source").type(source).noDefault()
                .requiredString("op")
                .optionalLong("ts_ms")
                .endRecord();
    }
}
