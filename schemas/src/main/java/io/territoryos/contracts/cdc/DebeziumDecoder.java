package io.territoryos.contracts.cdc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.territoryos.contracts.DeadLetters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static io.territoryos.contracts.cdc.CdcDecodingException.ErrorType.MISSING_KEY;
import static io.territoryos.contracts.cdc.CdcDecodingException.ErrorType.PARSE;

/**
 * Decodes a Debezium change event from the JSON converter, with or without the {@code schema}/{@code payload}
 * wrapper, keyed by a plain or wrapped JSON object, a JSON string or raw id bytes. Also accepts the flattened
 * rows of Debezium's ExtractNewRecordState transform ({@code __op}, {@code __deleted}). Never reads old values
 * from {@code before}: with the default replica identity it holds only the key.
 */
public final class DebeziumDecoder {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param key     key bytes as received (may be null)
     * @param value   value bytes as received (null = tombstone)
     * @param idField name of the id column, e.g. {@code account_id}
     */
    public static ChangeEvent decode(byte[] key, byte[] value, String idField) {
        requireKey(key);
        if (value == null) {
            return decode(key, (JsonNode) null, idField);
        }
        // the connector's usual shapes are read in one pass that never builds source or before; any other shape,
        // and any malformed record, is read as a whole tree so that it is decoded and rejected exactly as before
        StreamedEnvelope envelope = StreamedEnvelope.read(JSON, value, idField);
        if (envelope != null) {
            return fromEnvelope(envelope.op(), envelope.tsMs(), envelope.after(), envelope.before(),
                    envelope.schema() == null ? Map.of() : fieldSchemas(envelope.schema()), idFromKey(key, idField), idField);
        }
        return decode(key, parse(value, "value"), idField);
    }

    /**
     * The same, for a value already in tree form (a change event read from another encoding, such as Avro,
     * and rewritten as the JSON converter would have written it).
     *
     * @param value the envelope (null or a JSON null = tombstone)
     */
    public static ChangeEvent decode(byte[] key, JsonNode value, String idField) {
        requireKey(key);
        String keyId = idFromKey(key, idField);
        JsonNode root = value;
        if (root == null || root.isNull()) {
            if (keyId == null) {
                throw new CdcDecodingException(MISSING_KEY, "tombstone without a key");
            }
            return new ChangeEvent(keyId, null, null, 0L, true);
        }
        Map<String, JsonNode> afterSchema = Map.of();
        JsonNode envelope = root;
        if (root.has("payload") && root.has("schema")) {
            envelope = root.get("payload");
            afterSchema = fieldSchemas(root.get("schema"));
            if (envelope == null || envelope.isNull()) {
                if (keyId == null) {
                    throw new CdcDecodingException(MISSING_KEY, "tombstone without a key");
                }
                return new ChangeEvent(keyId, null, null, 0L, true);
            }
        }
        if (!envelope.isObject()) {
            throw new CdcDecodingException(PARSE, "value is not a JSON object: " + abbreviate(envelope.toString()));
        }
        if (envelope.has("op")) {
            return fromEnvelope(envelope.path("op").asText(), envelope.path("ts_ms").asLong(0L), envelope.get("after"),
                    envelope.get("before"), afterSchema, keyId, idField);
        }
        if (!envelope.has("before") && !envelope.has("after") && !envelope.has(idField) && !envelope.has("__op")
                && !envelope.has("__deleted")) {
            // neither an envelope nor a flattened row (which carries its id column): say so, not "segment is missing"
            throw new CdcDecodingException(PARSE, "not a Debezium envelope: no before/after/op (nor a flattened row with "
                    + idField + "): " + abbreviate(envelope.toString()));
        }
        return fromFlattenedRow(envelope, afterSchema, keyId, idField);
    }

    /**
     * Debezium keys every change by the row's primary key; a record without key bytes was partitioned at random, so
     * its row's changes are no longer in order: it is rejected even when its row names an id.
     */
    private static void requireKey(byte[] key) {
        if (key == null || key.length == 0) {
            throw new CdcDecodingException(MISSING_KEY, key == null ? "the record has no key" : "the record's key is empty");
        }
    }

    private static ChangeEvent fromEnvelope(String opCode, long tsMs, JsonNode after, JsonNode before,
                                            Map<String, JsonNode> schema, String keyId, String idField) {
        ChangeOp op = ChangeOp.fromCode(opCode);
        CdcRow row = null;
        if (op != ChangeOp.DELETE) {
            if (after == null || after.isNull() || !after.isObject()) {
                throw new CdcDecodingException(PARSE, "op '" + op.code() + "' without an 'after' row");
            }
            row = new CdcRow(after, schema);
        }
        String id = keyId;
        if (id == null && row != null) {
            id = row.textOrNull(idField);
        }
        if (id == null && before != null && before.isObject()) {
            id = new CdcRow(before, Map.of()).textOrNull(idField);
        }
        if (id == null) {
            throw new CdcDecodingException(MISSING_KEY, "no " + idField + " in the key or the row");
        }
        return new ChangeEvent(id, op, row, tsMs, false);
    }

    private static ChangeEvent fromFlattenedRow(JsonNode row, Map<String, JsonNode> schema, String keyId, String idField) {
        CdcRow cdcRow = new CdcRow(row, schema);
        String id = keyId != null ? keyId : cdcRow.textOrNull(idField);
        if (id == null) {
            throw new CdcDecodingException(MISSING_KEY, "no " + idField + " in the key or the row");
        }
        boolean deleted = cdcRow.bool("__deleted", false);
        String opCode = cdcRow.textOrNull("__op");
        ChangeOp op = deleted ? ChangeOp.DELETE : opCode == null ? ChangeOp.UPDATE : ChangeOp.fromCode(opCode);
        long tsMs = row.path("__source_ts_ms").asLong(row.path("__ts_ms").asLong(0L));
        return new ChangeEvent(id, op, op == ChangeOp.DELETE ? null : cdcRow, tsMs, false);
    }

    /**
     * The key a dead letter of this record is written under: the id its key names, so that one row's letters stay
     * together and say which row is stuck; else the key's text; null for a keyless record (its position is in the
     * letter's value).
     */
    public static String deadLetterKey(byte[] key, String idField) {
        String id = idFromKey(key, idField);
        return id != null ? id : DeadLetters.key(key);
    }

    /** The id from the key: {"id_field": "..."}, a schema/payload wrapper around it, a JSON string, or raw text. */
    static String idFromKey(byte[] key, String idField) {
        if (key == null || key.length == 0) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(key);
        } catch (IOException notJson) {
            String raw = new String(key, StandardCharsets.UTF_8).trim();
            return raw.isEmpty() ? null : raw;
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject() && node.has("payload") && node.has("schema")) {
            node = node.get("payload");
        }
        JsonNode id = node;
        if (node.isObject()) {
            id = node.get(idField);
            if (id == null && node.size() == 1) {
                id = node.elements().next();
            }
        }
        // a null or blank id is no id: the caller falls back to the row, or rejects the record
        if (id == null || id.isNull() || !id.isValueNode() || id.asText().isBlank()) {
            return null;
        }
        return id.asText().trim();
    }

    private static JsonNode parse(byte[] bytes, String what) {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new CdcDecodingException(PARSE, what + " is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new CdcDecodingException(PARSE, what + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CdcDecodingException(PARSE, what + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Field schemas of the envelope's {@code after} struct, by field name, for decimals and timestamps. */
    private static Map<String, JsonNode> fieldSchemas(JsonNode envelopeSchema) {
        Map<String, JsonNode> result = new HashMap<>();
        for (JsonNode field : envelopeSchema.path("fields")) {
            if ("after".equals(field.path("field").asText())) {
                for (JsonNode column : field.path("fields")) {
                    result.put(column.path("field").asText(), column);
                }
            }
        }
        if (result.isEmpty()) {
            // a flattened row: the schema's fields are the columns themselves
            for (JsonNode column : envelopeSchema.path("fields")) {
                result.put(column.path("field").asText(), column);
            }
        }
        return result;
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }

    private DebeziumDecoder() {
    }
}
