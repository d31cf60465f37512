package io.territoryos.optimizer.offline;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: comma-separated, fields optionally in double quotes, "" for a quote inside, CRLF or LF. Each record
 * carries the physical line it starts on (a quoted field may span lines), so an error can name the line an editor
 * shows. Blank lines are skipped. A quote inside an unquoted field, text after a closing quote or a quote left open
 * is an error: such a file would otherwise be read with its columns shifted.
 */
final class Csv {

    /** One record: the physical line it starts on (the first line is 1) and its fields. */
    record Record(int line, List<String> fields) {
    }

    /** A file that is not CSV at all, at a physical line. */
    static final class FormatException extends Exception {
        final int line;

        FormatException(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    static List<Record> parse(String text) throws FormatException {
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int line = 1;
        int recordLine = 1;
        int quoteLine = 1;
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n' || (c == '\r' && !(i + 1 < text.length() && text.charAt(i + 1) == '\n'))) {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                add(records, recordLine, fields);
                fields = new ArrayList<>();
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                line++;
                recordLine = line;
            } else if (wasQuoted) {
                throw new FormatException(line, "text after a closing quote (a field in quotes must end at the "
                        + "quote; write \"\" for a quote inside it)");
            } else if (c == '"') {
                if (field.length() > 0) {
                    throw new FormatException(line, "a quote inside an unquoted field (put the field in quotes and "
                            + "write \"\" for the quote)");
                }
                quoted = true;
                wasQuoted = true;
                quoteLine = line;
            } else {
                field.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new FormatException(quoteLine, "a quoted field is never closed");
        }
        if (field.length() > 0 || !fields.isEmpty() || wasQuoted) {
            fields.add(field.toString());
            add(records, recordLine, fields);
        }
        return records;
    }

    private static void add(List<Record> records, int line, List<String> fields) {
        if (fields.size() == 1 && fields.get(0).isBlank()) {
            return; // a blank line
        }
        records.add(new Record(line, List.copyOf(fields)));
    }

    private Csv() {
    }
}
