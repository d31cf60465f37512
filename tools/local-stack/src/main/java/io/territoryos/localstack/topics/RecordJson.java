package io.territoryos.localstack.topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.territoryos.contracts.serde.SchemaCatalog;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the bytes of any record on the product's topics into JSON a person or {@code jq} can read: an Avro value in
 * the registry frame (magic byte 0, 4-byte content id, Avro binary) is decoded with the writer schema the compiled
 * {@link SchemaCatalog} holds under that id; other bytes are shown as JSON when they parse as JSON, as text when they
 * are printable UTF-8, and as {@code {"base64": …}} otherwise, so that a dead letter's original bytes, whatever they
 * were, always print safely. Timestamps print as ISO instants, dates as ISO dates.
 */
public final class RecordJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SchemaCatalog catalog;

    public RecordJson(SchemaCatalog catalog) {
        this.catalog = catalog;
    }

    /** The Avro writer schema of registry-framed bytes, when the frame's content id is catalogued. */
    public Optional<Schema> frameSchema(byte[] bytes) {
        if (bytes == null || bytes.length < 5 || bytes[0] != 0) {
            return Optional.empty();
        }
        return catalog.schema(contentId(bytes));
    }

    /** The content id in the frame's bytes 1..4 (big-endian, as Apicurio's 4-byte id handler writes it). */
    public static long contentId(byte[] framed) {
        return ByteBuffer.wrap(framed, 1, 4).getInt() & 0xFFFF_FFFFL;
    }

    /**
     * Any record's key or value: Avro decoded when framed with a catalogued id (falling back to the bytes if they do
     * not decode), else JSON, text or base64.
     */
    public JsonNode decode(byte[] bytes) {
        if (bytes == null) {
            return NODES.nullNode();
        }
        Optional<Schema> schema = frameSchema(bytes);
        if (schema.isPresent()) {
            try {
                GenericDatumReader<Object> reader = new GenericDatumReader<>(schema.get());
                Object value = reader.read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
                return avro(value, schema.get());
            } catch (IOException | RuntimeException notAvro) {
                return raw(bytes); // a 0 byte and a known id by chance: show what is there
            }
        }
        return raw(bytes);
    }

    /** Bytes that are not ours to decode: parsed JSON, printable UTF-8 text, or base64. */
    public static JsonNode raw(byte[] bytes) {
        Optional<String> text = printableUtf8(bytes);
        if (text.isEmpty()) {
            return NODES.objectNode().put("base64", Base64.getEncoder().encodeToString(bytes));
        }
        String trimmed = text.get().strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                return JSON.readTree(trimmed);
            } catch (IOException notJson) {
                // text that only looks like JSON (a truncated or broken record): show it as text
            }
        }
        return NODES.textNode(text.get());
    }

    private static Optional<String> printableUtf8(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            boolean printable = text.chars().allMatch(c -> c >= 0x20 || c == '\n' || c == '\r' || c == '\t');
            return printable ? Optional.of(text) : Optional.empty();
        } catch (CharacterCodingException binary) {
            return Optional.empty();
        }
    }

    private JsonNode avro(Object value, Schema schema) {
        if (value == null) {
            return NODES.nullNode();
        }
        switch (schema.getType()) {
            case UNION:
                return avro(value, schema.getTypes().get(GenericData.get().resolveUnion(schema, value)));
            case RECORD: {
                GenericRecord record = (GenericRecord) value;
                ObjectNode node = NODES.objectNode();
                for (Schema.Field field : schema.getFields()) {
                    node.set(field.name(), avro(record.get(field.pos()), field.schema()));
                }
                return node;
            }
            case ARRAY: {
                ArrayNode array = NODES.arrayNode();
                for (Object element : (Iterable<?>) value) {
                    array.add(avro(element, schema.getElementType()));
                }
                return array;
            }
            case MAP: {
                ObjectNode node = NODES.objectNode();
                ((Map<?, ?>) value).forEach((k, v) -> node.set(k.toString(), avro(v, schema.getValueType())));
                return node;
            }
            case BYTES: {
                ByteBuffer buffer = ((ByteBuffer) value).duplicate();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return decode(bytes); // a dead letter's original bytes may themselves be one of our framed records
            }
            case FIXED:
                return raw(((GenericData.Fixed) value).bytes());
            case LONG:
                return schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
                        ? NODES.textNode(Instant.ofEpochMilli((Long) value).toString())
                        : NODES.numberNode((Long) value);
            case INT:
                return schema.getLogicalType() instanceof LogicalTypes.Date
                        ? NODES.textNode(LocalDate.ofEpochDay((Integer) value).toString())
                        : NODES.numberNode((Integer) value);
            case DOUBLE:
                return NODES.numberNode((Double) value);
            case FLOAT:
                return NODES.numberNode((Float) value);
            case BOOLEAN:
                return NODES.booleanNode((Boolean) value);
            case NULL:
                return NODES.nullNode();
            default: // STRING, ENUM
                return NODES.textNode(value.toString());
        }
    }
}
