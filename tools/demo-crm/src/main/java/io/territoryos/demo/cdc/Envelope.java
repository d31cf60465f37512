package io.territoryos.demo.cdc;

/** Debezium's JSON converter with {@code schemas.enable=false} (PLAIN) or {@code true} (WRAPPED in schema/payload). */
public enum Envelope {
    PLAIN, WRAPPED;

    public static Envelope parse(String text) {
        return switch (text.trim().toLowerCase()) {
            case "plain" -> PLAIN;
            case "wrapped" -> WRAPPED;
            default -> throw new IllegalArgumentException("envelope '" + text + "' is not one of: plain, wrapped");
        };
    }
}
