package io.territoryos.demo.csv;

import java.util.List;

/**
 * A CSV row that was not emitted: where it is, which column, why, and the row as it was in the file, e.g.
 * {@code accounts.csv:17: renewal_risk: renewal_risk 1.7 outside 0..1}. The column is empty when the reason is the
 * row as a whole (a wrong number of fields).
 */
public record CsvRejection(String file, int line, String column, String reason, List<String> originalRow) {

    public CsvRejection {
        originalRow = List.copyOf(originalRow);
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + (column.isEmpty() || namesColumn() ? "" : column + ": ") + reason;
    }

    /** The validation's own messages name their column ("unknown status 'RETIRED'"): not said twice. */
    private boolean namesColumn() {
        return reason.startsWith(column + " ") || reason.contains(" " + column + " ");
    }
}
