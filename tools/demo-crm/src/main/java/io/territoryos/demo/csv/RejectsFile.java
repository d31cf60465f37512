package io.territoryos.demo.csv;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code rejects.csv}: one line per problem (file, line, column, reason, original row as one CSV-quoted cell), for a spreadsheet. */
public final class RejectsFile {

    public static void write(Path target, List<CsvRejection> rejections) throws IOException {
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            out.write("file,line,column,reason,original_row\n");
            for (CsvRejection r : rejections) {
                out.write(String.join(",", quote(r.file()), String.valueOf(r.line()), quote(r.column()), quote(r.reason()),
                        quote(String.join(",", r.originalRow().stream().map(RejectsFile::quote).toList()))));
                out.write('\n');
            }
        }
    }

    static String quote(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }

    private RejectsFile() {
    }
}
