package io.territoryos.demo.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: comma separated, fields optionally in double quotes ({@code ""} inside them is a quote; commas
 * and line breaks inside quotes are kept), LF or CRLF line ends, a UTF-8 byte-order mark tolerated. Each record
 * comes with the line it starts on, for error messages. Blank lines are skipped.
 */
final class CsvReader {

    record CsvLine(int line, List<String> fields) {
    }

    static List<CsvLine> read(Reader reader) throws IOException {
        StringBuilder all = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n; (n = reader.read(buffer)) != -1; ) {
            all.append(buffer, 0, n);
        }
        return parse(all);
    }

    static List<CsvLine> parse(CharSequence text) {
        List<CsvLine> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = text.length() > 0 && text.charAt(0) == '\uFEFF' ? 1 : 0;
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        while (i < text.length()) {
            char c = text.charAt(i++);
            if (quoted) {
                if (c == '"' && i < text.length() && text.charAt(i) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                add(records, fields, recordLine);
                fields = new ArrayList<>();
                line++;
                recordLine = line;
            } else if (c != '\r') {
                field.append(c);
            }
        }
        if (!fields.isEmpty() || !field.isEmpty()) {
            fields.add(field.toString());
            add(records, fields, recordLine);
        }
        return records;
    }

    private static void add(List<CsvLine> records, List<String> fields, int line) {
        if (!fields.stream().allMatch(String::isBlank)) {
            records.add(new CsvLine(line, List.copyOf(fields)));
        }
    }

    private CsvReader() {
    }
}
