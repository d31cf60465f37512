package io.territoryos.demo.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.territoryos.contracts.cdc.CdcRow;
import io.territoryos.contracts.cdc.ChangeEvent;
import io.territoryos.contracts.cdc.DebeziumDecoder;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.contracts.crm.CrmRep;
import io.territoryos.demo.cdc.CrmTable;
import io.territoryos.demo.csv.ExportColumns.ExportColumn;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads a CRM export ({@code reps.csv} and {@code accounts.csv}) into validated rows, strictly: headers are mapped to
 * the CRM columns of PRODUCT.md section 3.1 ({@link HeaderMapping}), a file lacking required columns is refused with
 * every missing column named, a row with a blank required cell or an unreadable or out-of-range value is rejected
 * with file, line, column and reason, and an export with more than the allowed share of rejected rows is refused
 * as a whole. Each row that passes goes through the stream's own decoder and {@link CrmAccount#from}/{@link
 * CrmRep#from}, so the CSV accepts exactly what the stream accepts.
 */
public final class CsvImport {

    public static final String REPS_FILE = "reps.csv";
    public static final String ACCOUNTS_FILE = "accounts.csv";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A progress line this often while validating a large file. */
    static final int PROGRESS_EVERY_ROWS = 100_000;

    /** Reads {@code reps.csv} and {@code accounts.csv} from a directory with the default options. */
    public static CsvImportResult readDirectory(Path directory) throws IOException {
        return readDirectory(directory, ImportOptions.defaults());
    }

    public static CsvImportResult readDirectory(Path directory, ImportOptions options) throws IOException {
        return readDirectory(directory, options, line -> { });
    }

    /** @param progress receives a line per {@value #PROGRESS_EVERY_ROWS} rows validated (large exports) */
    public static CsvImportResult readDirectory(Path directory, ImportOptions options, Consumer<String> progress)
            throws IOException {
        Path reps = directory.resolve(REPS_FILE);
        Path accounts = directory.resolve(ACCOUNTS_FILE);
        for (Path file : List.of(reps, accounts)) {
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, "a CRM export needs " + REPS_FILE + " and " + ACCOUNTS_FILE);
            }
        }
        try (Reader repsReader = Files.newBufferedReader(reps, StandardCharsets.UTF_8);
             Reader accountsReader = Files.newBufferedReader(accounts, StandardCharsets.UTF_8)) {
            return read(REPS_FILE, repsReader, ACCOUNTS_FILE, accountsReader, options, progress);
        }
    }

    public static CsvImportResult read(String repsName, Reader reps, String accountsName, Reader accounts) throws IOException {
        return read(repsName, reps, accountsName, accounts, ImportOptions.defaults());
    }

    /**
     * @throws ExportRefusedException when a file lacks required columns (all of both files named at once) or more
     *                                than {@link ImportOptions#maxRejectShare()} of a file's rows are rejected
     */
    public static CsvImportResult read(String repsName, Reader reps, String accountsName, Reader accounts,
                                       ImportOptions options) throws IOException {
        return read(repsName, reps, accountsName, accounts, options, line -> { });
    }

    static CsvImportResult read(String repsName, Reader reps, String accountsName, Reader accounts,
                                ImportOptions options, Consumer<String> progress) throws IOException {
        Table repTable = Table.of(repsName, CsvReader.read(reps), CrmTable.REPS, options.mapping());
        Table accountTable = Table.of(accountsName, CsvReader.read(accounts), CrmTable.ACCOUNTS, options.mapping());
        List<String> refusals = new ArrayList<>();
        refusals.addAll(repTable.missingColumns());
        refusals.addAll(accountTable.missingColumns());
        if (!refusals.isEmpty()) {
            throw new ExportRefusedException(refusals);
        }
        List<CsvRejection> rejections = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        repTable.warnUnmapped(warnings);
        accountTable.warnUnmapped(warnings);
        List<CrmRep> repRows = repTable.rows(options.locale(), CrmRep::from, CrmRep::repId, rejections, progress);
        List<CrmAccount> accountRows = accountTable.rows(options.locale(), CrmAccount::from, CrmAccount::accountId,
                rejections, progress);
        for (Table table : List.of(repTable, accountTable)) {
            long rejected = rejections.stream().filter(r -> r.file().equals(table.file)).map(CsvRejection::line).distinct().count();
            int rows = table.lines.size() - 1;
            if (rows > 0 && rejected > options.maxRejectShare() * rows) {
                refusals.add(String.format("%s: %d of %d rows rejected (%.0f%%), more than --max-rejects %s allows (first: %s)",
                        table.file, rejected, rows, 100.0 * rejected / rows, options.maxRejectShare(),
                        rejections.stream().filter(r -> r.file().equals(table.file)).findFirst().orElseThrow()));
            }
        }
        if (!refusals.isEmpty()) {
            throw new ExportRefusedException(refusals, rejections);
        }
        Set<String> repIds = new HashSet<>();
        repRows.forEach(r -> repIds.add(r.repId()));
        Set<String> unknownOwners = new TreeSet<>();
        for (CrmAccount account : accountRows) {
            if (account.ownerRepId() != null && !repIds.contains(account.ownerRepId())) {
                unknownOwners.add(account.ownerRepId());
            }
        }
        if (!unknownOwners.isEmpty()) {
            warnings.add(accountsName + ": owner_rep_id not in " + repsName + " (emitted as is): " + unknownOwners);
        }
        return new CsvImportResult(List.copyOf(repRows), List.copyOf(accountRows), List.copyOf(rejections),
                List.copyOf(warnings), repTable.mapping.name(), accountTable.mapping.name(),
                Set.copyOf(repTable.rejectedIds), Set.copyOf(accountTable.rejectedIds));
    }

    /** One file: its lines, the mapping used and the CRM column of each header. */
    private record Table(String file, List<CsvReader.CsvLine> lines, CrmTable crmTable, HeaderMapping mapping,
                         List<String> header, List<String> columns, Set<String> rejectedIds) {

        static Table of(String file, List<CsvReader.CsvLine> lines, CrmTable crmTable, HeaderMapping chosen) {
            if (lines.isEmpty()) {
                throw new ExportRefusedException(List.of(file + " is empty: expected a header row with "
                        + ExportColumns.requiredHeaders(crmTable)));
            }
            List<String> header = lines.get(0).fields();
            HeaderMapping mapping = chosen != null ? chosen : HeaderMapping.detect(crmTable, header);
            List<String> columns;
            try {
                columns = mapping.columnsOf(crmTable, header);
            } catch (IllegalArgumentException ambiguous) {
                throw new ExportRefusedException(List.of(file + ": " + ambiguous.getMessage()));
            }
            return new Table(file, lines, crmTable, mapping, header, columns, new TreeSet<>());
        }

        List<String> missingColumns() {
            List<String> missing = ExportColumns.requiredHeaders(crmTable).stream()
                    .filter(c -> !columns.contains(c)).map(c -> mapping.describe(crmTable, c)).toList();
            if (missing.isEmpty()) {
                return List.of();
            }
            return List.of(file + ":" + lines.get(0).line() + ": missing required column(s) " + String.join(", ", missing)
                    + " (headers read with mapping " + mapping.name() + "; found " + header + ")");
        }

        void warnUnmapped(List<String> warnings) {
            for (int i = 0; i < header.size(); i++) {
                if (columns.get(i) == null) {
                    warnings.add(file + ": column '" + header.get(i) + "' is not a CRM column (mapping " + mapping.name() + "); ignored");
                }
            }
        }

        <T> List<T> rows(NumberLocale locale, BiFunction<String, CdcRow, T> fromRow, Function<T, String> idOf,
                         List<CsvRejection> rejections, Consumer<String> progress) {
            List<T> rows = new ArrayList<>();
            Map<String, Integer> firstLineOfId = new HashMap<>();
            int done = 0;
            for (CsvReader.CsvLine line : lines.subList(1, lines.size())) {
                if (++done % PROGRESS_EVERY_ROWS == 0) {
                    progress.accept(String.format("%s: %,d of %,d rows validated, %,d rejected so far", file, done,
                            lines.size() - 1, rejections.stream().filter(r -> r.file().equals(file)).count()));
                }
                List<CsvRejection> problems = new ArrayList<>();
                T parsed = row(line, locale, fromRow, problems);
                if (parsed == null) {
                    int idIndex = columns.indexOf(crmTable.idColumn());
                    if (idIndex >= 0 && idIndex < line.fields().size() && !line.fields().get(idIndex).isBlank()) {
                        rejectedIds.add(line.fields().get(idIndex).strip());
                    }
                }
                if (parsed != null) {
                    String id = idOf.apply(parsed);
                    Integer first = firstLineOfId.putIfAbsent(id, line.line());
                    if (first != null) {
                        problems.add(reject(line, crmTable.idColumn(), "duplicate " + crmTable.idColumn() + " " + id
                                + " (first on line " + first + ")"));
                    } else {
                        rows.add(parsed);
                    }
                }
                rejections.addAll(problems);
            }
            return rows;
        }

        private <T> T row(CsvReader.CsvLine line, NumberLocale locale, BiFunction<String, CdcRow, T> fromRow,
                          List<CsvRejection> problems) {
            if (line.fields().size() != header.size()) {
                problems.add(reject(line, "", "has " + line.fields().size() + " fields, the header has " + header.size()
                        + (locale == NumberLocale.PLAIN ? " (an unquoted number with a thousands separator? quote it and pass --locale)" : "")));
                return null;
            }
            ObjectNode row = JSON.createObjectNode();
            for (int i = 0; i < header.size(); i++) {
                String column = columns.get(i);
                if (column == null) {
                    continue;
                }
                ExportColumn spec = ExportColumns.column(crmTable, column).orElseThrow();
                String cell = line.fields().get(i).strip();
                if (cell.isEmpty()) {
                    if (spec.required()) {
                        problems.add(reject(line, column, "is blank; the column is required (never guessed)"));
                    }
                    row.putNull(column);
                } else if (spec.numeric()) {
                    try {
                        BigDecimal number = locale.read(cell);
                        row.put(column, number);
                    } catch (IllegalArgumentException e) {
                        problems.add(reject(line, column, e.getMessage()));
                    }
                } else {
                    row.put(column, cell);
                }
            }
            if (!problems.isEmpty()) {
                return null;
            }
            String id = row.path(crmTable.idColumn()).asText();
            try {
                return fromRow.apply(id, asChangeEvent(crmTable, id, row).after());
            } catch (RuntimeException e) { // CdcDecodingException with the validation's reason
                problems.add(reject(line, columnNamedIn(e.getMessage()), e.getMessage()));
                return null;
            }
        }

        /** The validation messages start with (or quote) the column they are about: "renewal_risk 1.7 outside 0..1". */
        private String columnNamedIn(String message) {
            String text = message == null ? "" : message;
            for (String column : crmTable.columnNames()) {
                if (text.startsWith(column + " ") || text.contains(" " + column + " ")) {
                    return column;
                }
            }
            return "";
        }

        private CsvRejection reject(CsvReader.CsvLine line, String column, String reason) {
            return new CsvRejection(file, line.line(), column, reason, line.fields());
        }
    }

    /** The row as a snapshot event, read back by the stream's own decoder: one set of parsing rules. */
    private static ChangeEvent asChangeEvent(CrmTable table, String id, ObjectNode row) {
        ObjectNode key = JSON.createObjectNode().put(table.idColumn(), id);
        ObjectNode envelope = JSON.createObjectNode();
        envelope.putNull("before");
        envelope.set("after", row);
        envelope.put("op", "r");
        try {
            return DebeziumDecoder.decode(JSON.writeValueAsBytes(key), JSON.writeValueAsBytes(envelope), table.idColumn());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON row", e); // an ObjectNode always serializes
        }
    }

    private CsvImport() {
    }
}
