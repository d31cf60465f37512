package io.territoryos.demo.cdc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Kafka Connect schemas that the JSON converter puts in the {@code schema} half of a wrapped record, as
 * Debezium's Postgres connector would declare them. Consumers need them for one thing: the scale of a precise
 * decimal ({@code org.apache.kafka.connect.data.Decimal}, {@code parameters.scale}).
 */
final class ConnectSchemas {

    static final String DECIMAL_LOGICAL_NAME = "org.apache.kafka.connect.data.Decimal";
    private static final ObjectMapper JSON = new ObjectMapper();

    static String keySchema(CrmTable table, String prefix) {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("type", "struct");
        schema.putArray("fields").add(field("string", false, table.idColumn()));
        schema.put("optional", false);
        schema.put("name", prefix + "." + table.name() + ".Key");
        return schema.toString();
    }

    /** @param withChangeId declare the optional {@code source.change_id} of requested updates */
    static String envelopeSchema(CrmTable table, String prefix, DecimalMode decimals, boolean withChangeId) {
        String valueName = prefix + "." + table.name() + ".Value";
        ObjectNode schema = JSON.createObjectNode();
        schema.put("type", "struct");
        ArrayNode fields = schema.putArray("fields");
        fields.add(rowSchema(table, decimals, valueName, "before"));
        fields.add(rowSchema(table, decimals, valueName, "after"));
        fields.add(sourceSchema(withChangeId));
        fields.add(field("string", false, "op"));
        fields.add(field("int64", true, "ts_ms"));
        schema.put("optional", false);
        schema.put("name", prefix + "." + table.name() + ".Envelope");
        schema.put("version", 1);
        return schema.toString();
    }

    private static ObjectNode rowSchema(CrmTable table, DecimalMode decimals, String name, String fieldName) {
        ObjectNode row = JSON.createObjectNode();
        row.put("type", "struct");
        ArrayNode columns = row.putArray("fields");
        for (CrmTable.Column column : table.columns()) {
            columns.add(columnSchema(column, decimals, !column.name().equals(table.idColumn())));
        }
        row.put("optional", true);
        row.put("name", name);
        row.put("field", fieldName);
        return row;
    }

    private static ObjectNode columnSchema(CrmTable.Column column, DecimalMode decimals, boolean optional) {
        return switch (column.type()) {
            case STRING -> field("string", optional, column.name());
            case DOUBLE -> field("double", optional, column.name());
            case BOOLEAN -> field("boolean", optional, column.name());
            case INT32 -> field("int32", optional, column.name());
            case TIMESTAMP_MILLIS -> logical("int64", optional, "io.debezium.time.Timestamp", column.name());
            case DATE -> logical("int32", optional, "io.debezium.time.Date", column.name());
            case MONEY, SCORE -> switch (decimals) {
                case DOUBLE -> field("double", optional, column.name());
                case STRING -> field("string", optional, column.name());
                case PRECISE -> {
                    ObjectNode decimal = JSON.createObjectNode();
                    decimal.put("type", "bytes");
                    decimal.put("optional", optional);
                    decimal.put("name", DECIMAL_LOGICAL_NAME);
                    decimal.put("version", 1);
                    ObjectNode parameters = decimal.putObject("parameters");
                    parameters.put("scale", String.valueOf(column.scale()));
                    parameters.put("connect.decimal.precision", String.valueOf(column.precision()));
                    decimal.put("field", column.name());
                    yield decimal;
                }
            };
        };
    }

    private static ObjectNode sourceSchema(boolean withChangeId) {
        ObjectNode source = JSON.createObjectNode();
        source.put("type", "struct");
        ArrayNode fields = source.putArray("fields");
        fields.add(field("string", false, "version"));
        fields.add(field("string", false, "connector"));
        fields.add(field("string", false, "name"));
        fields.add(field("int64", false, "ts_ms"));
        ObjectNode snapshot = JSON.createObjectNode();
        snapshot.put("type", "string");
        snapshot.put("optional", true);
        snapshot.put("name", "io.debezium.data.Enum");
        snapshot.put("version", 1);
        snapshot.putObject("parameters").put("allowed", "true,last,false,incremental");
        snapshot.put("default", "false");
        snapshot.put("field", "snapshot");
        fields.add(snapshot);
        fields.add(field("string", false, "db"));
        fields.add(field("string", false, "schema"));
        fields.add(field("string", false, "table"));
        if (withChangeId) {
            fields.add(field("string", true, DebeziumEventWriter.CHANGE_ID_FIELD));
        }
        source.put("optional", false);
        source.put("name", "io.debezium.connector.postgresql.Source");
        source.put("field", "source");
        return source;
    }

    private static ObjectNode field(String type, boolean optional, String name) {
        ObjectNode field = JSON.createObjectNode();
        field.put("type", type);
        field.put("optional", optional);
        field.put("field", name);
        return field;
    }

    private static ObjectNode logical(String type, boolean optional, String logicalName, String name) {
        ObjectNode field = JSON.createObjectNode();
        field.put("type", type);
        field.put("optional", optional);
        field.put("name", logicalName);
        field.put("version", 1);
        field.put("field", name);
        return field;
    }

    private ConnectSchemas() {
    }
}
