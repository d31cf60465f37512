package io.territoryos.demo.csv;

/** A CSV row that was not emitted: where it is and why, e.g. {@code accounts.csv:17: renewal_risk 1.7 outside 0..1}. */
public record CsvRejection(String file, int line, String reason) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
