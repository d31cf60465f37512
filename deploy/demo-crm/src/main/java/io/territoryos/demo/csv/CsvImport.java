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

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Reads a CRM export ({@code reps.csv} and {@code accounts.csv}, a header row with the snake_case columns of
 * PRODUCT.md section 3.1) into validated rows. Each row goes through the same reading and validation as a
 * change event ({@link DebeziumDecoder} + {@link CrmAccount#from}/{@link CrmRep#from}), so the CSV accepts
 * exactly what the stream accepts; a row that fails is reported with file, line and reason and left out.
 */
public final class CsvImport {

    public static final String REPS_FILE = "reps.csv";
    public static final String ACCOUNTS_FILE = "accounts.csv";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> REQUIRED_ACCOUNT_COLUMNS = List.of("account_id", "segment", "status");
    private static final List<String> REQUIRED_REP_COLUMNS = List.of("rep_id", "status", "motion", "segment");

    /** Reads {@code reps.csv} and {@code accounts.csv} from a directory. */
    public static CsvImportResult readDirectory(Path directory) throws IOException {
        Path reps = directory.resolve(REPS_FILE);
        Path accounts = directory.resolve(ACCOUNTS_FILE);
        for (Path file : List.of(reps, accounts)) {
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, "a CRM export needs " + REPS_FILE + " and " + ACCOUNTS_FILE);
            }
        }
        try (Reader repsReader = Files.newBufferedReader(reps, StandardCharsets.UTF_8);
             Reader accountsReader = Files.newBufferedReader(accounts, StandardCharsets.UTF_8)) {
            return read(REPS_FILE, repsReader, ACCOUNTS_FILE, accountsReader);
        }
    }

    public static CsvImportResult read(String repsName, Reader reps, String accountsName, Reader accounts) throws IOException {
        List<CsvRejection> rejections = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<CrmRep> repRows = readTable(repsName, reps, CrmTable.REPS, REQUIRED_REP_COLUMNS, CrmRep::from,
                CrmRep::repId, rejections, warnings);
        List<CrmAccount> accountRows = readTable(accountsName, accounts, CrmTable.ACCOUNTS,
                REQUIRED_ACCOUNT_COLUMNS, CrmAccount::from, CrmAccount::accountId, rejections, warnings);
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
                List.copyOf(warnings));
    }

    private static <T> List<T> readTable(String file, Reader reader, CrmTable table, List<String> required,
                                         BiFunction<String, CdcRow, T> fromRow,
                                         Function<T, String> idOf,
                                         List<CsvRejection> rejections, List<String> warnings) throws IOException {
        List<CsvReader.CsvLine> lines = CsvReader.read(reader);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty: expected a header row with " + required);
        }
        List<String> header = lines.get(0).fields().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        List<String> missing = required.stream().filter(c -> !header.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(file + ":" + lines.get(0).line() + ": header lacks required column(s) "
                    + missing + " (found " + header + ")");
        }
        List<String> known = table.columnNames();
        for (String column : header) {
            if (!known.contains(column)) {
                warnings.add(file + ": column '" + column + "' is not a CRM column; ignored");
            }
        }
        List<T> rows = new ArrayList<>();
        Map<String, Integer> firstLineOfId = new HashMap<>();
        for (CsvReader.CsvLine line : lines.subList(1, lines.size())) {
            if (line.fields().size() != header.size()) {
                rejections.add(new CsvRejection(file, line.line(), "has " + line.fields().size()
                        + " fields, the header has " + header.size()));
                continue;
            }
            ObjectNode row = JSON.createObjectNode();
            for (int i = 0; i < header.size(); i++) {
                String value = line.fields().get(i).trim();
                if (known.contains(header.get(i))) {
                    if (value.isEmpty()) {
                        row.putNull(header.get(i));
                    } else {
                        row.put(header.get(i), value);
                    }
                }
            }
            String id = row.path(table.idColumn()).asText("");
            if (id.isEmpty()) {
                rejections.add(new CsvRejection(file, line.line(), table.idColumn() + " is missing"));
                continue;
            }
            Integer first = firstLineOfId.get(id);
            if (first != null) {
                rejections.add(new CsvRejection(file, line.line(), "duplicate " + table.idColumn() + " " + id
                        + " (first on line " + first + ")"));
                continue;
            }
            try {
                T parsed = fromRow.apply(id, asChangeEvent(table, id, row).after());
                firstLineOfId.put(idOf.apply(parsed), line.line());
                rows.add(parsed);
            } catch (RuntimeException e) { // CdcDecodingException with the validation's reason
                rejections.add(new CsvRejection(file, line.line(), e.getMessage()));
            }
        }
        return rows;
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
