package io.territoryos.optimizer.offline;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One row of input, a CSV record or a JSON object, with where it is for messages ("reps.csv, line 4" or
 * "book.json, accounts[3] (line 12)") and its values by column. The typed readers below record what is wrong in
 * {@link InputErrors} and return null: the caller goes on, so one pass finds every error of the file.
 * <p>
 * In CSV everything is text: a number is a plain decimal ("1e6" too, never "12d", "NaN" or "1,000"), a boolean
 * true or false. In JSON a value must have its JSON type: a number is a JSON number, a boolean a JSON boolean.
 */
final class Row {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    final String where;
    /** JSON: values keep their JSON type; CSV: every value is text. */
    final boolean json;
    /** Why the row cannot be read column by column (a CSV record of the wrong width), else null. */
    final String broken;
    private final Map<String, JsonNode> values;

    Row(String where, boolean json, Map<String, JsonNode> values) {
        this(where, json, values, null);
    }

    Row(String where, boolean json, Map<String, JsonNode> values, String broken) {
        this.where = where;
        this.json = json;
        this.values = values;
        this.broken = broken;
    }

    boolean has(String column) {
        return values.containsKey(column);
    }

    /** The value as the file has it (null when absent or JSON null), for messages. */
    JsonNode raw(String column) {
        JsonNode node = values.get(column);
        return node == null || node.isNull() ? null : node;
    }

    void error(InputErrors errors, String column, String message) {
        errors.add(where + ", " + (json ? "field " : "column ") + column + ": " + message);
    }

    /** A required value is absent: "no value", unless a JSON field is absent altogether (reported once, as such). */
    private void requiredMissing(InputErrors errors, String column, String expected) {
        if (!json || has(column)) {
            error(errors, column, "no value (required" + expected + ")");
        }
    }

    private boolean blank(String column) {
        JsonNode node = raw(column);
        return node == null || (node.isTextual() && node.asText().isBlank());
    }

    /** A text value; blank is an error when {@code required}, else null. */
    String text(String column, boolean required, InputErrors errors) {
        if (blank(column)) {
            if (required) {
                requiredMissing(errors, column, "");
            }
            return null;
        }
        JsonNode node = raw(column);
        if (!node.isTextual()) {
            error(errors, column, "expected a string, got " + node);
            return null;
        }
        return node.asText().trim();
    }

    /** A required finite number >= 0. */
    Double amount(String column, InputErrors errors) {
        return number(column, true, 0, Double.MAX_VALUE, true, errors);
    }

    /**
     * A number within [min, max] (max exclusive when {@code maxInclusive} is false); blank: an error when required,
     * else null.
     */
    Double number(String column, boolean required, double min, double max, boolean maxInclusive, InputErrors errors) {
        if (blank(column)) {
            if (required) {
                requiredMissing(errors, column, "");
            }
            return null;
        }
        JsonNode node = raw(column);
        double value;
        if (json) {
            if (!node.isNumber()) {
                error(errors, column, "expected a number, got " + node);
                return null;
            }
            value = node.asDouble();
        } else {
            String text = node.asText().trim();
            if (!DECIMAL.matcher(text).matches()) {
                error(errors, column, "'" + text + "' is not a number");
                return null;
            }
            value = Double.parseDouble(text);
        }
        if (!Double.isFinite(value) || value < min || value > max || (!maxInclusive && value == max)) {
            error(errors, column, format(value) + " is out of range: " + range(min, max, maxInclusive));
            return null;
        }
        return value;
    }

    /** A whole number >= 0; blank: null (the caller decides what that means). */
    Integer count(String column, InputErrors errors) {
        Double value = number(column, false, 0, Integer.MAX_VALUE, true, errors);
        if (value == null) {
            return null;
        }
        if (value != Math.rint(value)) {
            error(errors, column, format(value) + " is not a whole number");
            return null;
        }
        return value.intValue();
    }

    /** true or false; blank: an error when required, else null. */
    Boolean bool(String column, boolean required, InputErrors errors) {
        if (blank(column)) {
            if (required) {
                requiredMissing(errors, column, ": true or false");
            }
            return null;
        }
        JsonNode node = raw(column);
        if (json) {
            if (!node.isBoolean()) {
                error(errors, column, "expected true or false, got " + node);
                return null;
            }
            return node.asBoolean();
        }
        return switch (node.asText().trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                error(errors, column, "'" + node.asText().trim() + "' is not true or false");
                yield null;
            }
        };
    }

    /** One of an enum's names (case and '-'/' ' for '_' do not matter); blank: an error when required, else null. */
    <E extends Enum<E>> E choice(String column, Class<E> type, boolean required, InputErrors errors) {
        String text = text(column, required, errors);
        if (text == null) {
            return null;
        }
        String name = text.toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        error(errors, column, "unknown " + column + " '" + text + "' (one of " + names(type) + ")");
        return null;
    }

    /** A JSON array of strings, or in CSV a list separated by ';'; blank: null. */
    List<String> list(String column, InputErrors errors) {
        if (blank(column)) {
            return null;
        }
        JsonNode node = raw(column);
        if (!json) {
            return Arrays.stream(node.asText().split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        if (!node.isArray()) {
            error(errors, column, "expected an array of strings, got " + node);
            return null;
        }
        List<String> items = new java.util.ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || item.asText().isBlank()) {
                error(errors, column, "expected an array of strings, got " + node);
                return null;
            }
            items.add(item.asText().trim());
        }
        return items;
    }

    static <E extends Enum<E>> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    private static String range(double min, double max, boolean maxInclusive) {
        if (max == Double.MAX_VALUE || max == Integer.MAX_VALUE) {
            return "must be >= " + format(min);
        }
        return "must be within " + format(min) + ".." + format(max) + (maxInclusive ? "" : " (exclusive)");
    }

    static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
                : String.valueOf(value);
    }
}
