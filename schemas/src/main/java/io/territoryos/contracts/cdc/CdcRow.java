package io.territoryos.contracts.cdc;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;

import static io.territoryos.contracts.cdc.CdcDecodingException.ErrorType.MISSING_FIELD;
import static io.territoryos.contracts.cdc.CdcDecodingException.ErrorType.PARSE;

/**
 * A row of a Debezium change event, read the way the connector may have written it: decimals as JSON numbers,
 * strings, or base64 bytes whose scale only the wrapper's schema gives; timestamps as epoch millis, micros or
 * ISO strings; dates as epoch days or ISO strings.
 */
public final class CdcRow {

    private final JsonNode data;
    private final Map<String, JsonNode> fieldSchemas;

    CdcRow(JsonNode data, Map<String, JsonNode> fieldSchemas) {
        this.data = data;
        this.fieldSchemas = fieldSchemas;
    }

    public boolean isNull(String field) {
        JsonNode node = data.get(field);
        return node == null || node.isNull();
    }

    public String text(String field) {
        String value = textOrNull(field);
        if (value == null) {
            throw new CdcDecodingException(MISSING_FIELD, field + " is missing");
        }
        return value;
    }

    public String textOrNull(String field) {
        JsonNode node = data.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        String value = node.isTextual() ? node.asText() : node.toString();
        return value.isBlank() ? null : value;
    }

    public boolean bool(String field, boolean fallback) {
        JsonNode node = data.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.intValue() != 0;
        }
        String text = node.asText().trim().toLowerCase();
        return switch (text) {
            case "true", "t", "1", "yes", "y" -> true;
            case "false", "f", "0", "no", "n" -> false;
            default -> throw new CdcDecodingException(PARSE, field + " '" + node.asText() + "' is not a boolean");
        };
    }

    public BigDecimal decimal(String field) {
        BigDecimal value = decimalOrNull(field);
        if (value == null) {
            throw new CdcDecodingException(MISSING_FIELD, field + " is missing");
        }
        return value;
    }

    /** A decimal in any of Debezium's decimal.handling.mode forms (double, string, precise). */
    public BigDecimal decimalOrNull(String field) {
        JsonNode node = data.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            if (node.isNumber()) {
                return node.decimalValue();
            }
            if (node.isObject() && node.has("value")) {
                // io.debezium.data.VariableScaleDecimal: {"scale": s, "value": base64 unscaled}
                return new BigDecimal(new BigInteger(Base64.getDecoder().decode(node.get("value").asText())),
                        node.path("scale").asInt(0));
            }
            String text = node.asText().trim();
            Integer scale = preciseScale(field);
            if (scale != null) {
                return new BigDecimal(new BigInteger(Base64.getDecoder().decode(text)), scale);
            }
            return new BigDecimal(text);
        } catch (IllegalArgumentException e) { // NumberFormatException and bad base64 alike
            throw new CdcDecodingException(PARSE, field + " '" + node.asText() + "' is not a decimal", e);
        }
    }

    public double number(String field, double fallback) {
        JsonNode node = data.get(field);
        double direct = node != null && node.isNumber() ? node.doubleValue() : Double.NaN;
        if (Double.isFinite(direct)) {
            return direct; // the same double as through BigDecimal, without building one per column
        }
        BigDecimal value = decimalOrNull(field);
        return value == null ? fallback : value.doubleValue();
    }

    /**
     * A column the contract requires: missing or null is a bad row naming the field, never a silent zero (a CRM
     * that sends {@code whitespace_arr: null} has not said the whitespace is 0).
     */
    public double requiredNumber(String field) {
        if (isNull(field)) {
            throw new CdcDecodingException(MISSING_FIELD, field + " is " + (data.has(field) ? "null" : "missing")
                    + " but required");
        }
        return number(field, Double.NaN);
    }

    public Integer integerOrNull(String field) {
        BigDecimal value = decimalOrNull(field);
        return value == null ? null : value.intValue();
    }

    /** Epoch millis from io.debezium.time.Timestamp (millis), MicroTimestamp, NanoTimestamp or an ISO string. */
    public Long timestampOrNull(String field) {
        JsonNode node = data.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            String logical = logicalName(field);
            long raw = node.longValue();
            if (logical != null && logical.endsWith("MicroTimestamp")) {
                return raw / 1_000;
            }
            if (logical != null && logical.endsWith("NanoTimestamp")) {
                return raw / 1_000_000;
            }
            return raw;
        }
        String text = node.asText().trim();
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException notOffset) {
            try {
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException notInstant) {
                try {
                    return LocalDate.parse(text).toEpochDay() * 86_400_000L;
                } catch (DateTimeParseException e) {
                    throw new CdcDecodingException(PARSE, field + " '" + text + "' is not a timestamp", e);
                }
            }
        }
    }

    /** A date from io.debezium.time.Date (days since epoch) or an ISO date string. */
    public LocalDate dateOrNull(String field) {
        JsonNode node = data.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return LocalDate.ofEpochDay(node.longValue());
        }
        String text = node.asText().trim();
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            throw new CdcDecodingException(PARSE, field + " '" + text + "' is not a date", e);
        }
    }

    private Integer preciseScale(String field) {
        JsonNode schema = fieldSchemas.get(field);
        if (schema == null || !"org.apache.kafka.connect.data.Decimal".equals(schema.path("name").asText())) {
            return null;
        }
        JsonNode scale = schema.path("parameters").path("scale");
        return scale.isMissingNode() ? 0 : Integer.parseInt(scale.asText());
    }

    private String logicalName(String field) {
        JsonNode schema = fieldSchemas.get(field);
        return schema == null ? null : schema.path("name").asText(null);
    }

    @Override
    public String toString() {
        return data.toString();
    }
}
