package io.territoryos.demo.csv;

import java.util.List;

/** The export as a whole cannot be loaded (missing required columns, too many rejected rows): nothing is sent. */
public final class ExportRefusedException extends RuntimeException {

    private final List<String> reasons;
    private final List<CsvRejection> rejections;

    public ExportRefusedException(List<String> reasons) {
        this(reasons, List.of());
    }

    public ExportRefusedException(List<String> reasons, List<CsvRejection> rejections) {
        super("export refused, nothing sent: " + String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
        this.rejections = List.copyOf(rejections);
    }

    /** The rows rejected before the export was refused (for rejects.csv). */
    public List<CsvRejection> rejections() {
        return rejections;
    }

    public List<String> reasons() {
        return reasons;
    }
}
