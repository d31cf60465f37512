package io.territoryos.contracts.cdc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.territoryos.contracts.crm.CrmAccount;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-pass read of an envelope must decide exactly as the whole-tree read does (same event, or the same
 * rejection), and must be the path the connector's own shapes take.
 */
class StreamedEnvelopeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = CrmAccount.ID_FIELD;
    private static final String ROW = """
            {"account_id":"A-1","name":"Acme","segment":"SMB","status":"CUSTOMER","current_arr":%s,
             "renewal_risk":0.25,"icp_fit":70,"locked":true,"last_activity_at":1700000000000,"renewal_date":19800}""";
    private static final String SOURCE = """
            {"version":"2.7.3.Final","connector":"postgresql","name":"crm","ts_ms":1700000000100,"snapshot":"false",
             "db":"crm","sequence":"[\\"1\\",\\"2\\"]","schema":"public","table":"accounts","txId":7,"lsn":33,"xmin":null}""";
    private static final String PRECISE = Base64.getEncoder().encodeToString(BigInteger.valueOf(10000050).toByteArray());
    private static final String SCHEMA = """
            {"type":"struct","fields":[{"field":"before","type":"struct","fields":[]},
             {"field":"after","type":"struct","fields":[{"field":"current_arr","type":"bytes",
              "name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":"2"}}]}]}""";

    /** Shapes a connector writes: the one-pass read must take them. */
    static Stream<String> connectorShapes() {
        String created = envelope("null", ROW.formatted("100000.5"), "c", "1700000000123");
        return Stream.of(
                created,
                envelope("null", ROW.formatted("\"100000.50\""), "r", "1700000000123"),
                envelope(ROW.formatted("1"), ROW.formatted("2"), "u", "1700000000123"),
                envelope("{\"account_id\":\"A-9\"}", "null", "d", "1700000000123"),
                envelope("{\"account_id\":\"A-9\",\"name\":{\"nested\":[1,2]}}", "null", "d", "1700000000123"),
                "{\"schema\":" + SCHEMA + ",\"payload\":" + envelope("null", ROW.formatted("\"" + PRECISE + "\""), "c", "1") + "}",
                "{\"payload\":" + envelope("null", ROW.formatted("3"), "u", "2") + ",\"schema\":" + SCHEMA + "}",
                created.replace("\"ts_ms\":1700000000123}", "\"ts_ms\":1700000000123,\"ts_us\":1700000000123456,\"transaction\":{\"id\":\"7\"}}"),
                created.replace("\"ts_ms\":1700000000123", "\"ts_ms\":\"1700000000123\""),
                "{\"op\":\"c\",\"after\":" + ROW.formatted("4") + "}");
    }

    /** Everything else: the one-pass read may or may not take them, but must decide as the tree read does. */
    static Stream<String> otherShapes() {
        return Stream.of(
                ROW.formatted("5"),                                                   // flattened row
                "{\"account_id\":\"A-1\",\"__op\":\"d\",\"__deleted\":\"true\"}",    // flattened delete
                "{\"account_id\":\"A-1\",\"source\":\"web\",\"segment\":\"SMB\",\"status\":\"LEAD\"}", // a column named source
                "{\"schema\":" + SCHEMA + ",\"payload\":null}",                       // wrapped tombstone
                "{\"schema\":null,\"payload\":" + envelope("null", ROW.formatted("2"), "u", "3") + "}",
                "{\"schema\":" + SCHEMA + ",\"payload\":" + ROW.formatted("\"" + PRECISE + "\"") + "}", // wrapped row
                "{\"schema\":" + SCHEMA + ",\"payload\":[1]}",
                "{\"payload\":" + envelope("null", ROW.formatted("6"), "c", "1") + "}", // payload without schema
                envelope("null", ROW.formatted("7"), "x", "1"),                         // unknown op
                envelope("null", "null", "c", "1"),                                   // create without after
                envelope("null", "[1,2]", "u", "1"),
                envelope("null", ROW.formatted("-8"), "c", "1"),                      // range: still decodes here
                envelope("null", ROW.formatted("\"eight\""), "c", "1"),
                "{\"op\":null,\"after\":" + ROW.formatted("9") + "}",
                "{\"op\":7,\"after\":" + ROW.formatted("9") + "}",
                "{\"op\":\"c\",\"op\":\"u\",\"after\":" + ROW.formatted("9") + ",\"ts_ms\":1.9e3}",
                envelope("{\"name\":\"no id\"}", "null", "d", "1"),
                envelope("null", ROW.formatted("10"), "c", "1").substring(0, 60),        // truncated
                "{\"op\":\"c\", after}",
                "[]", "42", "\"text\"", "null", "", "   ");
    }

    @ParameterizedTest
    @MethodSource("connectorShapes")
    void shouldReadTheConnectorsShapesInOnePass(String value) {
        assertThat(StreamedEnvelope.read(JSON, bytes(value), ID)).isNotNull();
    }

    @ParameterizedTest
    @MethodSource({"connectorShapes", "otherShapes"})
    void shouldDecideExactlyAsTheWholeTreeReadWithAKey(String value) {
        assertSameDecision("{\"account_id\":\"A-1\"}", value);
    }

    @ParameterizedTest
    @MethodSource({"connectorShapes", "otherShapes"})
    void shouldDecideExactlyAsTheWholeTreeReadWithAKeyNamingNoId(String value) {
        // a keyless record is rejected before its value is read; a key without an id falls back to the row
        assertSameDecision("{\"schema\":{},\"payload\":null}", value);
    }

    private static void assertSameDecision(String key, String value) {
        byte[] keyBytes = key == null ? null : bytes(key);
        Object streamed = decision(() -> DebeziumDecoder.decode(keyBytes, bytes(value), ID));
        Object tree = decision(() -> DebeziumDecoder.decode(keyBytes, treeOf(value), ID));
        assertThat(streamed).isEqualTo(tree);
    }

    /** What a decode decided, in comparable form: the event with its row and decimal, or the rejection. */
    private static Object decision(java.util.function.Supplier<ChangeEvent> decode) {
        try {
            ChangeEvent e = decode.get();
            CdcRow row = e.after();
            return List.of(e.id(), String.valueOf(e.op()), e.tsMs(), e.removesRow(), String.valueOf(row),
                    row == null ? "-" : String.valueOf(decimal(row)));
        } catch (CdcDecodingException rejected) {
            return List.of(rejected.type(), rejected.getMessage());
        }
    }

    private static Object decimal(CdcRow row) {
        try {
            return row.decimalOrNull("current_arr");
        } catch (CdcDecodingException notDecimal) {
            return notDecimal.getMessage();
        }
    }

    /** The value as the tree path sees it; unparseable values go through the byte path, which must then reject. */
    private static JsonNode treeOf(String value) {
        try {
            JsonNode node = JSON.readTree(value);
            if (node == null || node.isMissingNode()) {
                throw new CdcDecodingException(CdcDecodingException.ErrorType.PARSE, "value is empty");
            }
            return node;
        } catch (java.io.IOException e) {
            throw new CdcDecodingException(CdcDecodingException.ErrorType.PARSE,
                    "value is not valid JSON: " + ((com.fasterxml.jackson.core.JsonProcessingException) e).getOriginalMessage(), e);
        }
    }

    private static String envelope(String before, String after, String op, String tsMs) {
        return "{\"before\":" + before + ",\"after\":" + after + ",\"source\":" + SOURCE + ",\"op\":\"" + op
                + "\",\"ts_ms\":" + tsMs + "}";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
