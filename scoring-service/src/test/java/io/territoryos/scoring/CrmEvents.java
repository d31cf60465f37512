package io.territoryos.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Debezium account change events as the JSON converter writes them, in each of the forms a connector may be
 * configured for: with or without the schema/payload wrapper, plain or wrapped keys, decimals as numbers,
 * strings or precise base64. Starts from the seed account of PRODUCT.md section 4.
 */
public final class CrmEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DECIMAL_COLUMNS =
            List.of("current_arr", "whitespace_arr", "buying_capacity", "renewal_risk", "icp_fit", "propensity");
    private static final int DECIMAL_SCALE = 4;

    public enum Decimals { NUMBER, STRING, PRECISE }

    private final Map<String, Object> row = new LinkedHashMap<>();
    private String op = "c";
    private long tsMs = 1_700_000_000_000L;
    private boolean wrapped;
    private boolean wrappedKey;
    private Decimals decimals = Decimals.NUMBER;

    /** ARR 100K, whitespace 250K, no risk, full capacity, fit 50: potential 350K (seed 001). */
    public static CrmEvents account(String id) {
        CrmEvents e = new CrmEvents();
        e.row.put("account_id", id);
        e.row.put("name", "Account " + id);
        e.row.put("segment", "MID_MARKET");
        e.row.put("industry", "Software");
        e.row.put("region", "NA-EAST");
        e.row.put("country", "US");
        e.row.put("status", "CUSTOMER");
        e.row.put("current_arr", 100_000.0);
        e.row.put("whitespace_arr", 250_000.0);
        e.row.put("buying_capacity", 1.0);
        e.row.put("renewal_risk", 0.0);
        e.row.put("icp_fit", 50.0);
        e.row.put("propensity", 0.5);
        e.row.put("procurement_stage", "NONE");
        e.row.put("owner_rep_id", "R-1");
        e.row.put("locked", false);
        e.row.put("last_activity_at", 1_699_000_000_000L);
        e.row.put("renewal_date", 20_000);
        return e;
    }

    public CrmEvents set(String column, Object value) {
        row.put(column, value);
        return this;
    }

    public CrmEvents without(String column) {
        row.remove(column);
        return this;
    }

    public CrmEvents op(String op) {
        this.op = op;
        return this;
    }

    public CrmEvents ts(long tsMs) {
        this.tsMs = tsMs;
        return this;
    }

    public CrmEvents wrapped(boolean schemaPayloadWrapper) {
        this.wrapped = schemaPayloadWrapper;
        return this;
    }

    public CrmEvents wrappedKey(boolean wrappedKey) {
        this.wrappedKey = wrappedKey;
        return this;
    }

    public CrmEvents decimals(Decimals decimals) {
        this.decimals = decimals;
        return this;
    }

    public String id() {
        return (String) row.get("account_id");
    }

    /** The row's columns as set, before any encoding (for the Avro form, {@link AvroCrmEvents}). */
    public Map<String, Object> row() {
        return new LinkedHashMap<>(row);
    }

    public String opCode() {
        return op;
    }

    public long tsMs() {
        return tsMs;
    }

    public byte[] key() {
        Map<String, Object> key = Map.of("account_id", id());
        if (!wrappedKey) {
            return bytes(key);
        }
        Map<String, Object> schema = Map.of("type", "struct", "optional", false, "name", "crm.public.accounts.Key",
                "fields", List.of(Map.of("type", "string", "optional", false, "field", "account_id")));
        return bytes(Map.of("schema", schema, "payload", key));
    }

    public byte[] value() {
        Map<String, Object> envelope = new LinkedHashMap<>();
        boolean delete = "d".equals(op);
        // Debezium with the default replica identity: no before on updates, only the key on deletes
        Map<String, Object> before = new LinkedHashMap<>();
        row.keySet().forEach(column -> before.put(column, null));
        before.put("account_id", id());
        envelope.put("before", delete ? before : null);
        envelope.put("after", delete ? null : encodedRow());
        envelope.put("source", Map.of("connector", "postgresql", "db", "crm", "table", "accounts", "ts_ms", tsMs - 5));
        envelope.put("op", op);
        envelope.put("ts_ms", tsMs);
        if (!wrapped) {
            return bytes(envelope);
        }
        return bytes(Map.of("schema", envelopeSchema(), "payload", envelope));
    }

    /** The record Debezium writes after a delete: same key, null value. */
    public static byte[] tombstone() {
        return null;
    }

    private Map<String, Object> encodedRow() {
        Map<String, Object> encoded = new LinkedHashMap<>(row);
        for (String column : DECIMAL_COLUMNS) {
            Object value = row.get(column);
            if (value instanceof Number number) {
                BigDecimal decimal = new BigDecimal(number.toString());
                encoded.put(column, switch (decimals) {
                    case NUMBER -> number;
                    case STRING -> decimal.toPlainString();
                    case PRECISE -> Base64.getEncoder().encodeToString(
                            decimal.setScale(DECIMAL_SCALE).unscaledValue().toByteArray());
                });
            }
        }
        return encoded;
    }

    private Map<String, Object> envelopeSchema() {
        List<Map<String, Object>> columns = new ArrayList<>();
        for (String column : row.keySet()) {
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("field", column);
            field.put("optional", !"account_id".equals(column));
            if (DECIMAL_COLUMNS.contains(column) && decimals == Decimals.PRECISE) {
                field.put("type", "bytes");
                field.put("name", "org.apache.kafka.connect.data.Decimal");
                field.put("version", 1);
                field.put("parameters", Map.of("scale", String.valueOf(DECIMAL_SCALE), "connect.decimal.precision", "18"));
            } else if (DECIMAL_COLUMNS.contains(column)) {
                field.put("type", decimals == Decimals.STRING ? "string" : "double");
            } else if ("locked".equals(column)) {
                field.put("type", "boolean");
            } else if ("last_activity_at".equals(column)) {
                field.put("type", "int64");
                field.put("name", "io.debezium.time.Timestamp");
            } else if ("renewal_date".equals(column)) {
                field.put("type", "int32");
                field.put("name", "io.debezium.time.Date");
            } else {
                field.put("type", "string");
            }
            columns.add(field);
        }
        Map<String, Object> rowSchema = Map.of("type", "struct", "optional", true, "name", "crm.public.accounts.Value",
                "fields", columns);
        List<Map<String, Object>> fields = new ArrayList<>();
        fields.add(with(rowSchema, "field", "before"));
        fields.add(with(rowSchema, "field", "after"));
        fields.add(Map.of("type", "struct", "optional", false, "name", "io.debezium.connector.postgresql.Source",
                "field", "source", "fields", List.of()));
        fields.add(Map.of("type", "string", "optional", false, "field", "op"));
        fields.add(Map.of("type", "int64", "optional", true, "field", "ts_ms"));
        return Map.of("type", "struct", "optional", false, "name", "crm.public.accounts.Envelope", "fields", fields);
    }

    private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    private static byte[] bytes(Object json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
