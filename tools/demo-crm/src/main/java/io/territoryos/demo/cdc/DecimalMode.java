package io.territoryos.demo.cdc;

/**
 * Debezium's {@code decimal.handling.mode} for DECIMAL columns: JSON numbers, strings, or base64 of the unscaled
 * big-endian two's-complement bytes whose scale only the wrapper's schema carries (PRECISE, Debezium's default).
 */
public enum DecimalMode {
    DOUBLE, STRING, PRECISE;

    public static DecimalMode parse(String text) {
        return switch (text.trim().toLowerCase()) {
            case "double" -> DOUBLE;
            case "string" -> STRING;
            case "precise" -> PRECISE;
            default -> throw new IllegalArgumentException("decimals '" + text + "' is not one of: double, string, precise");
        };
    }
}
