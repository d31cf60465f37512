package io.territoryos.demo.cdc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.territoryos.contracts.cdc.ChangeOp;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.contracts.crm.CrmRep;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Base64;
import java.util.Map;

/**
 * Writes CRM rows as Debezium change events in the JSON converter's form: key {@code {"account_id": ...}},
 * value {@code {"before","after","source","op","ts_ms"}}, optionally inside the {@code schema}/{@code payload}
 * wrapper (then the key is wrapped too, as Debezium's key converter does). Deletes carry only the key columns in
 * {@code before} (the default replica identity) and are followed by a tombstone. Output depends only on its
 * inputs, so a run is reproducible byte for byte.
 */
public final class DebeziumEventWriter {

    public static final String CONNECTOR = "demo-crm";
    public static final String SERVER_NAME = "crm";
    /**
     * Field of {@code source} that names the request an update carries out (an approved owner change): not one of
     * Debezium's, but it lets the write-back recognise its own updates in the feed after a restart.
     */
    public static final String CHANGE_ID_FIELD = "change_id";
    private static final String DB_SCHEMA = "public";
    private static final String VERSION = "0.1.0";

    // Schubfach double formatting: the same digits on every JDK (JDK 17's Double.toString is not always shortest)
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private final CdcFormat format;
    private final TableWriter accounts;
    private final TableWriter reps;

    public DebeziumEventWriter(CdcFormat format) {
        this.format = format;
        this.accounts = new TableWriter(CrmTable.ACCOUNTS, format.accountsTopic());
        this.reps = new TableWriter(CrmTable.REPS, format.repsTopic());
    }

    public CdcFormat format() {
        return format;
    }

    /** A snapshot read ({@code r}), an insert ({@code c}) or an update ({@code u}) of an account. */
    public CdcRecord account(ChangeOp op, CrmAccount account, long tsMs) {
        return accounts.change(op, account.accountId(), account.toRow(), tsMs);
    }

    /**
     * An update the CRM made because it was asked to (an approved owner change): op {@code u}, {@code before} null
     * as with the default replica identity, and {@code source.change_id} naming the request.
     */
    public CdcRecord accountUpdateFor(String changeId, CrmAccount account, long tsMs) {
        return accounts.update(changeId, account.accountId(), account.toRow(), tsMs);
    }

    public CdcRecord rep(ChangeOp op, CrmRep rep, long tsMs) {
        return reps.change(op, rep.repId(), rep.toRow(), tsMs);
    }

    /** The delete event of an account: {@code before} holds the key, every other column null. */
    public CdcRecord accountDelete(String accountId, long tsMs) {
        return accounts.delete(accountId, tsMs);
    }

    /** The null-valued record that follows a delete, so that compaction can drop the key. */
    public CdcRecord accountTombstone(String accountId) {
        return new CdcRecord(accounts.topic, accounts.key(accountId), null);
    }

    public CdcRecord repDelete(String repId, long tsMs) {
        return reps.delete(repId, tsMs);
    }

    public CdcRecord repTombstone(String repId) {
        return new CdcRecord(reps.topic, reps.key(repId), null);
    }

    /** Writes events of one table; the Connect schemas are serialized once. */
    private final class TableWriter {
        private final CrmTable table;
        private final String topic;
        private final String keySchema;
        private final String valueSchema;
        /** The same with the optional {@code source.change_id}; only requested updates use it, so snapshots keep their bytes. */
        private final String requestedValueSchema;

        TableWriter(CrmTable table, String topic) {
            this.table = table;
            this.topic = topic;
            this.keySchema = ConnectSchemas.keySchema(table, SERVER_NAME + "." + DB_SCHEMA);
            this.valueSchema = ConnectSchemas.envelopeSchema(table, SERVER_NAME + "." + DB_SCHEMA, format.decimals(), false);
            this.requestedValueSchema = ConnectSchemas.envelopeSchema(table, SERVER_NAME + "." + DB_SCHEMA,
                    format.decimals(), true);
        }

        CdcRecord change(ChangeOp op, String id, Map<String, Object> row, long tsMs) {
            if (op == ChangeOp.DELETE) {
                throw new IllegalArgumentException("use delete() for deletes: they carry only the key");
            }
            return new CdcRecord(topic, key(id), value(null, row, op, tsMs, null));
        }

        CdcRecord update(String changeId, String id, Map<String, Object> row, long tsMs) {
            if (changeId == null || changeId.isBlank()) {
                throw new IllegalArgumentException("a requested update needs the id of its request");
            }
            return new CdcRecord(topic, key(id), value(null, row, ChangeOp.UPDATE, tsMs, changeId));
        }

        CdcRecord delete(String id, long tsMs) {
            return new CdcRecord(topic, key(id), value(Map.of(table.idColumn(), id), null, ChangeOp.DELETE, tsMs, null));
        }

        byte[] key(String id) {
            return write(json -> {
                if (format.envelope() == Envelope.WRAPPED) {
                    json.writeStartObject();
                    json.writeFieldName("schema");
                    json.writeRawValue(keySchema);
                    json.writeFieldName("payload");
                }
                json.writeStartObject();
                json.writeStringField(table.idColumn(), id);
                json.writeEndObject();
                if (format.envelope() == Envelope.WRAPPED) {
                    json.writeEndObject();
                }
            });
        }

        byte[] value(Map<String, Object> before, Map<String, Object> after, ChangeOp op, long tsMs, String changeId) {
            return write(json -> {
                if (format.envelope() == Envelope.WRAPPED) {
                    json.writeStartObject();
                    json.writeFieldName("schema");
                    json.writeRawValue(changeId == null ? valueSchema : requestedValueSchema);
                    json.writeFieldName("payload");
                }
                json.writeStartObject();
                json.writeFieldName("before");
                writeRow(json, before);
                json.writeFieldName("after");
                writeRow(json, after);
                json.writeObjectFieldStart("source");
                json.writeStringField("version", VERSION);
                json.writeStringField("connector", CONNECTOR);
                json.writeStringField("name", SERVER_NAME);
                json.writeNumberField("ts_ms", tsMs);
                json.writeStringField("snapshot", op == ChangeOp.READ ? "true" : "false");
                json.writeStringField("db", SERVER_NAME);
                json.writeStringField("schema", DB_SCHEMA);
                json.writeStringField("table", table.name());
                if (changeId != null) {
                    json.writeStringField(CHANGE_ID_FIELD, changeId);
                }
                json.writeEndObject();
                json.writeStringField("op", op.code());
                json.writeNumberField("ts_ms", tsMs);
                json.writeEndObject();
                if (format.envelope() == Envelope.WRAPPED) {
                    json.writeEndObject();
                }
            });
        }

        /** Every column of the table, in table order; a column the row lacks is written as null. */
        private void writeRow(JsonGenerator json, Map<String, Object> row) throws IOException {
            if (row == null) {
                json.writeNull();
                return;
            }
            json.writeStartObject();
            for (CrmTable.Column column : table.columns()) {
                json.writeFieldName(column.name());
                writeValue(json, column, row.get(column.name()));
            }
            json.writeEndObject();
        }
    }

    private void writeValue(JsonGenerator json, CrmTable.Column column, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        switch (column.type()) {
            case STRING -> json.writeString(value.toString());
            case MONEY, SCORE -> writeDecimal(json, column, ((Number) value).doubleValue());
            case DOUBLE -> json.writeNumber(((Number) value).doubleValue());
            case BOOLEAN -> json.writeBoolean((Boolean) value);
            case INT32, DATE -> json.writeNumber(((Number) value).intValue());
            case TIMESTAMP_MILLIS -> json.writeNumber(((Number) value).longValue());
        }
    }

    private void writeDecimal(JsonGenerator json, CrmTable.Column column, double value) throws IOException {
        switch (format.decimals()) {
            case DOUBLE -> json.writeNumber(value);
            case STRING -> json.writeString(scaled(column, value).toPlainString());
            case PRECISE -> json.writeString(
                    Base64.getEncoder().encodeToString(scaled(column, value).unscaledValue().toByteArray()));
        }
    }

    private static BigDecimal scaled(CrmTable.Column column, double value) {
        return BigDecimal.valueOf(value).setScale(column.scale(), RoundingMode.HALF_EVEN);
    }

    @FunctionalInterface
    private interface JsonBody {
        void write(JsonGenerator json) throws IOException;
    }

    private static byte[] write(JsonBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a change event", e); // in-memory: not expected
        }
        return out.toByteArray();
    }
}
