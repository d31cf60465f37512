package io.territoryos.optimizer.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.Rep;
import io.territoryos.optimizer.domain.RepStatus;
import io.territoryos.optimizer.domain.Tier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads reps and accounts from a CRM export, as CSV (a header row naming the columns) or JSON (an array of objects),
 * with the snake_case fields of PRODUCT.md section 7: rep_id, name, team, segment, region, status, quota,
 * capacity_accounts; account_id, name, segment, region, potential, arr, tier, owner_rep_id, locked. Blank status
 * means ACTIVE, blank tier DEPRIORITIZE, blank capacity unlimited, blank owner the unassigned pool. A bad row fails
 * the whole read with its line (or index) and the reason: an analyst fixes the file, nothing is skipped silently.
 */
public final class BookReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static List<Rep> reps(Path file) throws IOException {
        return read(file, BookReader::rep);
    }

    public static List<Account> accounts(Path file) throws IOException {
        return read(file, BookReader::account);
    }

    static Rep rep(Map<String, String> row) {
        String capacity = row.get("capacity_accounts");
        return new Rep(required(row, "rep_id"), row.get("name"), row.get("team"), required(row, "segment"),
                row.get("region"), blank(row.get("status")) ? RepStatus.ACTIVE : RepStatus.valueOf(upper(row.get("status"))),
                number(row, "quota", 0), blank(capacity) ? Rep.UNLIMITED_CAPACITY : (int) Double.parseDouble(capacity));
    }

    static Account account(Map<String, String> row) {
        return new Account(required(row, "account_id"), row.get("name"), required(row, "segment"), row.get("region"),
                number(row, "potential", 0), number(row, "arr", 0),
                blank(row.get("tier")) ? Tier.DEPRIORITIZE : Tier.valueOf(upper(row.get("tier"))),
                blank(row.get("owner_rep_id")) ? null : row.get("owner_rep_id").trim(), bool(row.get("locked")));
    }

    private static <T> List<T> read(Path file, Function<Map<String, String>, T> parse) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<Map<String, String>> rows = name.endsWith(".json") ? jsonRows(file) : csvRows(file);
        List<T> result = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            try {
                result.add(parse.apply(rows.get(i)));
            } catch (RuntimeException e) {
                String where = name.endsWith(".json") ? "element " + i : "line " + (i + 2);
                throw new IllegalArgumentException(file + ", " + where + ": " + e.getMessage(), e);
            }
        }
        return result;
    }

    private static List<Map<String, String>> jsonRows(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (!root.isArray()) {
            throw new IllegalArgumentException(file + ": expected a JSON array of objects");
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (JsonNode node : root) {
            Map<String, String> row = new LinkedHashMap<>();
            node.fields().forEachRemaining(field ->
                    row.put(field.getKey(), field.getValue().isNull() ? null : field.getValue().asText()));
            rows.add(row);
        }
        return rows;
    }

    static List<Map<String, String>> csvRows(Path file) throws IOException {
        List<List<String>> records = Csv.parse(Files.readString(file, StandardCharsets.UTF_8));
        if (records.isEmpty()) {
            return List.of();
        }
        List<String> header = records.get(0).stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> record : records.subList(1, records.size())) {
            if (record.size() == 1 && record.get(0).isBlank()) {
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), c < record.size() ? record.get(c) : null);
            }
            rows.add(row);
        }
        return rows;
    }

    private static String required(Map<String, String> row, String field) {
        String value = row.get(field);
        if (blank(value)) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value.trim();
    }

    private static double number(Map<String, String> row, String field, double fallback) {
        String value = row.get(field);
        if (blank(value)) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " is not a number: " + value);
        }
    }

    private static boolean bool(String value) {
        if (blank(value)) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "y" -> true;
            case "false", "0", "no", "n" -> false;
            default -> throw new IllegalArgumentException("locked is not a boolean: " + value);
        };
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String upper(String value) {
        return value.trim().toUpperCase(Locale.ROOT);
    }

    private BookReader() {
    }
}
