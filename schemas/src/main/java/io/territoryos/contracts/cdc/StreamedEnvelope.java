package io.territoryos.contracts.cdc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * The parts of a Debezium envelope that a decode uses, read in one streaming pass: {@code op}, {@code ts_ms} and
 * {@code after} as written, the id column of {@code before} only, and the wrapper's {@code schema}; {@code source},
 * {@code transaction} and the rest are skipped unbuilt. They are most of an event's bytes and were most of its
 * decoding cost. Reads only the two shapes a connector writes (an envelope with {@code op}, bare or inside
 * {@code schema}/{@code payload}); for anything else, malformed JSON included, {@link #read} answers null and the
 * caller reads the record as a whole tree, which also words the rejection.
 *
 * @param schema the wrapper's schema, null without a wrapper
 */
record StreamedEnvelope(String op, long tsMs, JsonNode after, JsonNode before, JsonNode schema) {

    static StreamedEnvelope read(ObjectMapper json, byte[] value, String idField) {
        try (JsonParser parser = json.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Fields root = new Fields();
            Fields payload = null;
            JsonNode schema = null; // a JSON null is read as a NullNode: null means no schema field
            boolean payloadSeen = false;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken valueToken = parser.nextToken();
                if ("schema".equals(name)) {
                    schema = parser.readValueAsTree();
                } else if ("payload".equals(name)) {
                    payloadSeen = true;
                    payload = valueToken == JsonToken.START_OBJECT ? readFields(parser, idField) : null;
                    if (payload == null) {
                        parser.skipChildren();
                    }
                } else {
                    root.read(name, parser, idField);
                }
            }
            if (token != JsonToken.END_OBJECT) {
                return null;
            }
            if (schema != null && payloadSeen) {
                return payload == null ? null : payload.envelope(schema);
            }
            return root.envelope(null);
        } catch (IOException | RuntimeException unusual) {
            return null;
        }
    }

    private static Fields readFields(JsonParser parser, String idField) throws IOException {
        Fields fields = new Fields();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            fields.read(name, parser, idField);
        }
        return fields;
    }

    /** One object's envelope fields, as far as they were seen; {@code usable} turns false on an unusual value. */
    private static final class Fields {
        String op;
        long tsMs;
        JsonNode after;
        JsonNode before;
        boolean usable = true;

        /** Reads the value the parser is on, for field {@code name}. */
        void read(String name, JsonParser parser, String idField) throws IOException {
            JsonToken token = parser.currentToken();
            switch (name) {
                case "op" -> {
                    usable &= token == JsonToken.VALUE_STRING;
                    op = parser.getText();
                }
                case "ts_ms" -> tsMs = token == JsonToken.VALUE_NUMBER_INT
                        ? parser.getLongValue() : parser.<JsonNode>readValueAsTree().asLong(0L);
                case "after" -> after = parser.readValueAsTree();
                case "before" -> before = token == JsonToken.START_OBJECT ? idOnly(parser, idField) : parser.readValueAsTree();
                default -> parser.skipChildren();
            }
        }

        StreamedEnvelope envelope(JsonNode schema) {
            return usable && op != null ? new StreamedEnvelope(op, tsMs, after, before, schema) : null;
        }

        /** The id column of a row, all that is ever read of {@code before}. */
        private static ObjectNode idOnly(JsonParser parser, String idField) throws IOException {
            ObjectNode row = JsonNodeFactory.instance.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (idField.equals(name)) {
                    row.set(name, parser.readValueAsTree());
                } else {
                    parser.skipChildren();
                }
            }
            return row;
        }
    }
}
