package io.territoryos.scoring.streams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.territoryos.contracts.cdc.CdcDecodingException;
import io.territoryos.contracts.serde.AvroSerdes;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

import static io.territoryos.contracts.cdc.CdcDecodingException.ErrorType.PARSE;

/**
 * Reads the account changes a Debezium connector writes with the Avro converter through the registry serde (magic
 * byte 0, 4-byte content id, Avro binary; the envelope {@code before}/{@code after}/{@code source}/{@code op}/
 * {@code ts_ms} as an Avro record) and writes each key and value out again in the JSON converter's form, so that the
 * shared {@code DebeziumDecoder} and {@code CrmAccount} validation treat them exactly like JSON events. Anything not
 * registry-framed passes through untouched: JSON starts with '{', whitespace or 'n', never with a zero byte.
 *
 * <p>The writer's schema comes from the registry by the frame's id (Apicurio's generic deserializer, see
 * {@link AvroSerdes#genericDeserializer}); without {@code apicurio.registry.url} only our own catalogue answers, which
 * has no Debezium schemas, so Avro change events are then dead-lettered with the missing id as the reason. Values
 * are rewritten by their Avro types: decimals ({@code logicalType} decimal, Kafka Connect's Decimal with its
 * {@code connect.parameters} scale, Debezium's VariableScaleDecimal) as exact JSON numbers; timestamps (Avro
 * timestamp logical types, Debezium's Timestamp, MicroTimestamp and NanoTimestamp) and dates (Avro date, Debezium's
 * Date) as ISO strings, so a date column read as a timestamp or the other way round still means the same day; enums
 * as their symbol; other bytes as base64, as the JSON converter writes them.
 *
 * <p>A record that cannot be read (no schema under its id, bytes that do not decode) is the record's fault and
 * becomes a {@link CdcDecodingException} (dead letter). A registry that cannot be reached or answers with an error
 * is not: {@link RegistryUnavailableException} stops the stream instead, so good records are not dead-lettered
 * while it is down. Thread-safe (the Apicurio deserializer's caches are concurrent).
 */
final class AvroAccountChangeDecoder {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final String CONNECT_NAME = "connect.name";
    private static final String CONNECT_DECIMAL = "org.apache.kafka.connect.data.Decimal";
    private static final String VARIABLE_SCALE_DECIMAL = "io.debezium.data.VariableScaleDecimal";
    /** Namespace of the product's own Avro contracts (schemas/src/main/avro). */
    private static final String OWN_CONTRACTS = "io.territoryos.contracts.avro.";

    /** The registry could not be asked for a record's schema; retrying later may well succeed. */
    static final class RegistryUnavailableException extends RuntimeException {
        RegistryUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Deserializer<Object> registryDeserializer;

    /** @param registryDeserializer reads registry-framed Avro into generic data with the writer's schema */
    AvroAccountChangeDecoder(Deserializer<Object> registryDeserializer) {
        this.registryDeserializer = registryDeserializer;
    }

    /** Whether these bytes are registry-framed (Avro) rather than JSON. */
    static boolean isRegistryFramed(byte[] bytes) {
        return bytes != null && bytes.length > 0 && bytes[0] == 0;
    }

    /**
     * The key or value in Debezium's JSON form: registry-framed Avro is read and rewritten; anything else (JSON,
     * null) is returned as it is.
     *
     * @param part "key" or "value", for the reason of a dead letter
     */
    byte[] asJson(String topic, byte[] bytes, String part) {
        if (!isRegistryFramed(bytes)) {
            return bytes;
        }
        try {
            return JSON.writeValueAsBytes(asTree(topic, bytes, part));
        } catch (JsonProcessingException e) {
            throw new CdcDecodingException(PARSE, part + " cannot be rewritten as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Registry-framed Avro bytes read and rewritten in Debezium's JSON form, as a tree (no bytes in between). */
    JsonNode asTree(String topic, byte[] bytes, String part) {
        Object datum;
        try {
            datum = registryDeserializer.deserialize(topic, bytes);
        } catch (RuntimeException e) {
            if (AvroSerdes.isRegistryUnavailable(e)) {
                throw new RegistryUnavailableException("the schema registry could not be asked for the schema of a "
                        + part + " on " + topic + ": " + innermostMessage(e), e);
            }
            throw new CdcDecodingException(PARSE, part + " is registry-framed Avro (content id " + contentId(bytes)
                    + ") that cannot be read: " + innermostMessage(e), e);
        }
        if (datum instanceof GenericRecord record && record.getSchema().getFullName().startsWith(OWN_CONTRACTS)) {
            // one of this product's own records (a ScoredAccount carries every account column: read as a flattened
            // row it would be scored as an account) is never a change event of the CRM
            throw new CdcDecodingException(PARSE, part + " is registry-framed Avro of this product's own contract "
                    + record.getSchema().getName() + " (content id " + contentId(bytes) + "), not a Debezium envelope or row of the CRM");
        }
        return datum instanceof GenericRecord record ? json(record, record.getSchema()) : plain(datum);
    }

    /** A value of the given Avro schema as the JSON converter would have written it (see the class comment). */
    static JsonNode json(Object value, Schema schema) {
        if (value == null) {
            return NODES.nullNode();
        }
        return switch (schema.getType()) {
            case UNION -> json(value, schema.getTypes().get(GenericData.get().resolveUnion(schema, value)));
            case RECORD -> record((GenericRecord) value, schema);
            case ENUM, STRING -> NODES.textNode(value.toString());
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case INT -> isDate(schema) ? NODES.textNode(LocalDate.ofEpochDay((Integer) value).toString())
                    : NODES.numberNode((Integer) value);
            case LONG -> timestamp((Long) value, schema);
            // NaN and infinities have no JSON number: as text they fail the decimal check like any other non-number
            case FLOAT -> Float.isFinite((Float) value) ? NODES.numberNode((Float) value) : NODES.textNode(value.toString());
            case DOUBLE -> Double.isFinite((Double) value) ? NODES.numberNode((Double) value) : NODES.textNode(value.toString());
            case BYTES -> bytes(bytesOf((ByteBuffer) value), schema);
            case FIXED -> bytes(((GenericFixed) value).bytes(), schema);
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                ((Collection<?>) value).forEach(element -> array.add(json(element, schema.getElementType())));
                yield array;
            }
            case MAP -> {
                ObjectNode map = NODES.objectNode();
                ((Map<?, ?>) value).forEach((k, v) -> map.set(k.toString(), json(v, schema.getValueType())));
                yield map;
            }
            case NULL -> NODES.nullNode();
        };
    }

    private static JsonNode record(GenericRecord record, Schema schema) {
        if (VARIABLE_SCALE_DECIMAL.equals(schema.getProp(CONNECT_NAME))) { // {scale: int, value: bytes}
            return NODES.numberNode(new BigDecimal(new BigInteger(bytesOf((ByteBuffer) record.get("value"))),
                    (Integer) record.get("scale")));
        }
        ObjectNode object = NODES.objectNode();
        for (Schema.Field field : schema.getFields()) {
            object.set(field.name(), json(record.get(field.pos()), field.schema()));
        }
        return object;
    }

    private static JsonNode timestamp(long value, Schema schema) {
        LogicalType logical = schema.getLogicalType();
        String connectName = schema.getProp(CONNECT_NAME);
        Instant instant;
        if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.LocalTimestampMillis
                || "io.debezium.time.Timestamp".equals(connectName) || "org.apache.kafka.connect.data.Timestamp".equals(connectName)) {
            instant = Instant.ofEpochMilli(value);
        } else if (logical instanceof LogicalTypes.TimestampMicros || logical instanceof LogicalTypes.LocalTimestampMicros
                || "io.debezium.time.MicroTimestamp".equals(connectName)) {
            instant = Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
        } else if (logical instanceof LogicalTypes.TimestampNanos || logical instanceof LogicalTypes.LocalTimestampNanos
                || "io.debezium.time.NanoTimestamp".equals(connectName)) {
            instant = Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
        } else {
            return NODES.numberNode(value); // ts_ms and other plain longs
        }
        return NODES.textNode(instant.toString());
    }

    private static boolean isDate(Schema schema) {
        String connectName = schema.getProp(CONNECT_NAME);
        return schema.getLogicalType() instanceof LogicalTypes.Date
                || "io.debezium.time.Date".equals(connectName) || "org.apache.kafka.connect.data.Date".equals(connectName);
    }

    private static JsonNode bytes(byte[] bytes, Schema schema) {
        Integer scale = decimalScale(schema);
        return scale == null ? NODES.textNode(Base64.getEncoder().encodeToString(bytes))
                : NODES.numberNode(new BigDecimal(new BigInteger(bytes), scale));
    }

    /** The scale of a decimal in bytes: Avro's decimal logical type, or Kafka Connect's Decimal parameters. */
    private static Integer decimalScale(Schema schema) {
        if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
            return decimal.getScale();
        }
        if (CONNECT_DECIMAL.equals(schema.getProp(CONNECT_NAME))
                && schema.getObjectProp("connect.parameters") instanceof Map<?, ?> parameters
                && parameters.get("scale") != null) {
            try {
                return Integer.valueOf(parameters.get("scale").toString());
            } catch (NumberFormatException e) {
                throw new CdcDecodingException(PARSE, "decimal scale '" + parameters.get("scale") + "' is not a number", e);
            }
        }
        return null;
    }

    /** A datum of a primitive schema (a plain string key, say). */
    private static JsonNode plain(Object datum) {
        if (datum == null) {
            return NODES.nullNode();
        }
        if (datum instanceof Number || datum instanceof Boolean) {
            return JSON.valueToTree(datum);
        }
        if (datum instanceof ByteBuffer buffer) {
            return NODES.textNode(Base64.getEncoder().encodeToString(bytesOf(buffer)));
        }
        return NODES.textNode(datum.toString());
    }

    private static String contentId(byte[] framed) {
        return framed.length < 5 ? "missing" : Integer.toString(ByteBuffer.wrap(framed, 1, 4).getInt());
    }

    private static byte[] bytesOf(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    private static String innermostMessage(Throwable failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        String message = innermost.getMessage();
        return innermost.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
