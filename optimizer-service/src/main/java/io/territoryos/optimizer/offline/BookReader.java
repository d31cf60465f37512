package io.territoryos.optimizer.offline;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.RebalanceOptions;
import io.territoryos.optimizer.domain.RebalanceProblem;
import io.territoryos.optimizer.domain.Rep;
import io.territoryos.optimizer.domain.RepStatus;
import io.territoryos.optimizer.domain.TeamPolicy;
import io.territoryos.optimizer.domain.Tier;
import io.territoryos.optimizer.offline.InputErrors.BadInput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a book for an offline rebalance and checks every header and value of it. Two forms:
 * <ul>
 *   <li>one JSON file {@code {"budget_fraction", "teams": [...], "reps": [...], "accounts": [...]}}
 *       ({@link #book});</li>
 *   <li>the same tables as separate files, CSV (a header row) or JSON (an array of objects): reps, accounts and
 *       optionally teams ({@link #files}).</li>
 * </ul>
 * Nothing is defaulted behind the analyst's back: a required column that is absent, a value of the wrong type, a
 * duplicate id, an owner that is not a rep of the file, a rep that does not match its team's segment or regions,
 * an empty reps table: each is an error naming the file, the line (CSV: the physical line, header = 1; JSON: the
 * array path and the line of the element) and the column. Every error of the input is collected; {@link BadInput}
 * carries them all. Unknown columns of reps and accounts are ignored (CRM exports carry more); unknown fields of a
 * team entry or of the book are errors (a misspelt {@code regional} must not silently mean false).
 */
public final class BookReader {

    /** Required columns: the column must be present; in a row capacity_accounts may be blank (= unlimited). */
    public static final List<String> REP_COLUMNS =
            List.of("rep_id", "team", "segment", "region", "status", "quota", "capacity_accounts");
    /** Required columns: the column must be present; in a row owner_rep_id may be blank (= unassigned). */
    public static final List<String> ACCOUNT_COLUMNS =
            List.of("account_id", "segment", "region", "potential", "arr", "tier", "owner_rep_id", "locked");
    /** The fields of a team entry; only {@code team} is required. */
    public static final List<String> TEAM_FIELDS = List.of("team", "segment", "regions", "regional",
            "balance_tolerance", "max_move_fraction", "on_leave", "keep_locks_on_leave");
    static final List<String> BOOK_FIELDS = List.of("budget_fraction", "teams", "reps", "accounts");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What was read: the scope, the policy of each team that has an entry (the others get
     * {@link TeamPolicy#defaults}), the disruption budget of the file and the warnings the proposal carries.
     */
    public record Book(List<Rep> reps, List<Account> accounts, Map<String, TeamPolicy> policies,
                       double budgetFraction, List<String> warnings) {

        /** The problem to solve: {@code options} with this book's budget, the team policies and the warnings. */
        public RebalanceProblem problem(RebalanceOptions options) {
            return new RebalanceProblem(accounts, reps, options.withMaxMoveFraction(budgetFraction), policies,
                    warnings);
        }
    }

    /** The JSON book: one object with budget_fraction (optional), teams (optional), reps and accounts. */
    public static Book book(Path file) throws BadInput {
        InputErrors errors = new InputErrors();
        requireReadable(file);
        Parsed parsed = parseJson(file, errors);
        errors.throwIfAny();
        String label = file.toString();
        if (parsed.array != null) {
            throw new BadInput(label + ", line 1: expected the book, a JSON object {\"budget_fraction\", \"teams\", "
                    + "\"reps\", \"accounts\"}; got an array (a reps or accounts file goes with --reps/--accounts)");
        }
        for (String key : parsed.fields.keySet()) {
            if (!BOOK_FIELDS.contains(key)) {
                errors.add(label + ", line " + parsed.keyLines.get(key) + ": unknown field '" + key + "' (the book has "
                        + String.join(", ", BOOK_FIELDS) + ")");
            }
        }
        Table teams = parsed.fields.containsKey("teams")
                ? jsonTable(label, "teams", parsed, TEAM_FIELDS, List.of("team"), errors) : null;
        Table reps = jsonTable(label, "reps", parsed, null, REP_COLUMNS, errors);
        Table accounts = jsonTable(label, "accounts", parsed, null, ACCOUNT_COLUMNS, errors);
        Row top = new Row(parsed.keyLines.containsKey("budget_fraction")
                ? label + ", line " + parsed.keyLines.get("budget_fraction") : label, true, parsed.fields);
        Double budget = top.number("budget_fraction", false, 0, 1, true, errors);
        return assemble(reps, accounts, teams, budget, "the reps of " + label, errors);
    }

    /** The tables as separate files, each CSV or (by the .json extension) a JSON array of objects. */
    public static Book files(Path repsFile, Path accountsFile, Path teamsFile) throws BadInput {
        InputErrors errors = new InputErrors();
        List<String> missing = new ArrayList<>();
        for (Path file : teamsFile == null ? List.of(repsFile, accountsFile)
                : List.of(repsFile, accountsFile, teamsFile)) {
            String problem = readableProblem(file);
            if (problem != null) {
                missing.add(problem);
            }
        }
        if (!missing.isEmpty()) {
            missing.forEach(errors::add);
            errors.throwIfAny();
        }
        Table reps = table(repsFile, null, REP_COLUMNS, errors);
        Table accounts = table(accountsFile, null, ACCOUNT_COLUMNS, errors);
        Table teams = teamsFile == null ? null : table(teamsFile, TEAM_FIELDS, List.of("team"), errors);
        return assemble(reps, accounts, teams, null, repsFile.toString(), errors);
    }

    // ---------------------------------------------------------------- the tables, checked and put together

    private static Book assemble(Table repTable, Table accountTable, Table teamTable, Double budgetField,
                                 String repsLabel, InputErrors errors) throws BadInput {
        List<String> warnings = new ArrayList<>();
        Map<String, TeamEntry> teams = teamTable == null ? Map.of() : teams(teamTable, errors);

        List<Rep> reps = new ArrayList<>();
        Set<String> repIds = new LinkedHashSet<>();
        Map<String, String> firstRep = new HashMap<>();
        if (repTable != null && repTable.columnsOk) {
            if (repTable.rows.isEmpty()) {
                errors.add(repTable.label + ": no reps (" + repTable.emptyWhat + ")");
            }
            for (Row row : repTable.rows) {
                if (row.broken != null) {
                    errors.add(row.broken);
                    // its id still counts as a rep's: its accounts are not reported as owned by an unknown rep
                    String id = row.text("rep_id", false, new InputErrors());
                    if (id != null) {
                        repIds.add(id);
                    }
                    continue;
                }
                String id = row.text("rep_id", true, errors);
                if (id != null) {
                    String first = firstRep.putIfAbsent(id, row.where);
                    if (first != null) {
                        row.error(errors, "rep_id", "duplicate rep_id " + id + " (first at " + first + ")");
                    }
                    repIds.add(id);
                }
                Rep rep = rep(row, id, errors);
                if (rep != null && first(firstRep, id, row)) {
                    reps.add(rep);
                    checkAgainstTeam(rep, row, teams.get(rep.team()), errors);
                }
            }
        }

        List<Account> accounts = new ArrayList<>();
        Map<String, String> firstAccount = new HashMap<>();
        boolean ownersKnown = repTable != null && repTable.columnsOk && !repTable.rows.isEmpty();
        List<String> lockedWithoutOwner = new ArrayList<>();
        if (accountTable != null && accountTable.columnsOk) {
            if (accountTable.rows.isEmpty()) {
                errors.add(accountTable.label + ": no accounts (" + accountTable.emptyWhat + ")");
            }
            for (Row row : accountTable.rows) {
                if (row.broken != null) {
                    errors.add(row.broken);
                    continue;
                }
                String id = row.text("account_id", true, errors);
                if (id != null) {
                    String first = firstAccount.putIfAbsent(id, row.where);
                    if (first != null) {
                        row.error(errors, "account_id", "duplicate account_id " + id + " (first at " + first + ")");
                    }
                }
                int before = errors.size();
                Account account = account(row, id, errors);
                JsonNode owner = row.raw("owner_rep_id");
                if (ownersKnown && owner != null && owner.isTextual() && !owner.asText().isBlank()
                        && !repIds.contains(owner.asText().trim())) {
                    row.error(errors, "owner_rep_id", "owner " + owner.asText().trim() + " is not a rep_id in "
                            + repsLabel + " (blank = unassigned)");
                }
                if (account == null || errors.size() > before) {
                    continue;
                }
                if (account.locked() && account.ownerRepId() == null) {
                    lockedWithoutOwner.add(account.id());
                }
                if (first(firstAccount, id, row)) {
                    accounts.add(account);
                }
            }
        }
        errors.throwIfAny();

        if (!lockedWithoutOwner.isEmpty()) {
            warnings.add(lockedWithoutOwner.size() + " account(s) are locked but have no owner; a lock holds an "
                    + "account with its owner, so these are placed like any unassigned account: "
                    + examples(lockedWithoutOwner) + ".");
        }
        Set<String> teamsOfReps = new TreeSet<>();
        reps.forEach(rep -> teamsOfReps.add(rep.team()));
        teams.forEach((team, entry) -> {
            if (!teamsOfReps.contains(team)) {
                warnings.add("Team " + team + " (" + entry.row.where + ") has no reps in this book.");
            }
        });
        if (teamTable != null) {
            List<String> withoutEntry = teamsOfReps.stream().filter(team -> !teams.containsKey(team)).toList();
            if (!withoutEntry.isEmpty()) {
                warnings.add("Team(s) " + String.join(", ", withoutEntry) + " of the reps have no entry in teams: "
                        + "default policy (not regional, balance_tolerance " + TeamPolicy.DEFAULT_TOLERANCE
                        + ", on_leave KEEP_BOOK).");
            }
        }
        Map<String, TeamPolicy> policies = new LinkedHashMap<>();
        teams.forEach((team, entry) -> policies.put(team, entry.policy));
        double budget = budget(budgetField, teams, warnings);
        return new Book(reps, accounts, policies, budget, warnings);
    }

    /** True when {@code row} is the first row of {@code id} (a duplicate is reported, not added). */
    private static boolean first(Map<String, String> firstRow, String id, Row row) {
        return id != null && row.where.equals(firstRow.get(id));
    }

    /**
     * The file's disruption budget: budget_fraction; absent, the max_move_fraction of the only team that has one;
     * else the default. The solver has one budget per scope, so per-team fractions that cannot apply are warned of.
     */
    private static double budget(Double budgetField, Map<String, TeamEntry> teams, List<String> warnings) {
        List<TeamEntry> withFraction = teams.values().stream().filter(e -> e.maxMoveFraction != null).toList();
        if (budgetField != null) {
            for (TeamEntry entry : withFraction) {
                if (entry.maxMoveFraction.doubleValue() != budgetField) {
                    warnings.add("Team " + entry.policy.team() + " has max_move_fraction " + entry.maxMoveFraction
                            + " but the disruption budget is one for the whole book: budget_fraction " + budgetField
                            + " applies.");
                }
            }
            return budgetField;
        }
        if (withFraction.size() == 1) {
            return withFraction.get(0).maxMoveFraction;
        }
        if (withFraction.size() > 1) {
            warnings.add("Teams " + String.join(", ", withFraction.stream().map(e -> e.policy.team()).toList())
                    + " each have a max_move_fraction but the disruption budget is one for the whole book and "
                    + "budget_fraction is not given: the default " + RebalanceOptions.DEFAULT_MAX_MOVE_FRACTION
                    + " applies.");
        }
        return RebalanceOptions.DEFAULT_MAX_MOVE_FRACTION;
    }

    /** The rep of a row, or null when a value of it is wrong (each wrong value is in {@code errors}). */
    private static Rep rep(Row row, String id, InputErrors errors) {
        int before = errors.size();
        String name = row.has("name") ? row.text("name", false, errors) : null;
        String team = row.text("team", true, errors);
        Segment segment = row.choice("segment", Segment.class, true, errors);
        String region = row.text("region", true, errors);
        RepStatus status = row.choice("status", RepStatus.class, true, errors);
        Double quota = row.amount("quota", errors);
        Integer capacity = row.count("capacity_accounts", errors);
        if (id == null || errors.size() > before) {
            return null;
        }
        return new Rep(id, name, team, segment.name(), region, status, quota,
                capacity == null ? Rep.UNLIMITED_CAPACITY : capacity);
    }

    /** The account of a row, or null when a value of it is wrong (each wrong value is in {@code errors}). */
    private static Account account(Row row, String id, InputErrors errors) {
        int before = errors.size();
        String name = row.has("name") ? row.text("name", false, errors) : null;
        Segment segment = row.choice("segment", Segment.class, true, errors);
        String region = row.text("region", true, errors);
        Double potential = row.amount("potential", errors);
        Double arr = row.amount("arr", errors);
        Tier tier = row.choice("tier", Tier.class, true, errors);
        String owner = row.text("owner_rep_id", false, errors);
        Boolean locked = row.bool("locked", true, errors);
        if (id == null || errors.size() > before) {
            return null;
        }
        return new Account(id, name, segment.name(), region, potential, arr, tier, owner, locked);
    }

    // ---------------------------------------------------------------- teams

    /** A team entry: its policy, the descriptive segment/regions (checked against the reps) and where it is. */
    private record TeamEntry(TeamPolicy policy, Segment segment, List<String> regions, Double maxMoveFraction,
                             Row row) {
    }

    private static Map<String, TeamEntry> teams(Table table, InputErrors errors) {
        Map<String, TeamEntry> teams = new LinkedHashMap<>();
        if (!table.columnsOk) {
            return teams;
        }
        for (Row row : table.rows) {
            String team = row.text("team", true, errors);
            Segment segment = row.choice("segment", Segment.class, false, errors);
            List<String> regions = row.list("regions", errors);
            Boolean regional = row.bool("regional", false, errors);
            Double tolerance = row.number("balance_tolerance", false, 0, 1, false, errors);
            Double fraction = row.number("max_move_fraction", false, 0, 1, true, errors);
            TeamPolicy.OnLeave onLeave = row.choice("on_leave", TeamPolicy.OnLeave.class, false, errors);
            Boolean keepLocks = row.bool("keep_locks_on_leave", false, errors);
            if (team == null) {
                continue;
            }
            if (teams.containsKey(team)) {
                row.error(errors, "team", "duplicate team " + team + " (first at " + teams.get(team).row.where + ")");
                continue;
            }
            // An entry with a wrong value is kept (with the defaults in its place) so that its reps are still
            // checked against its segment and regions; the errors stop the run before any solve.
            TeamPolicy defaults = TeamPolicy.defaults(team);
            TeamPolicy policy = new TeamPolicy(team,
                    regional != null ? regional : defaults.regional(),
                    tolerance != null ? tolerance : defaults.balanceTolerance(),
                    fraction != null ? fraction : defaults.maxMoveFraction(),
                    onLeave != null ? onLeave : defaults.onLeave(),
                    keepLocks != null ? keepLocks : defaults.keepLocksOnLeave());
            teams.put(team, new TeamEntry(policy, segment, regions, fraction, row));
        }
        return teams;
    }

    /** A team entry's segment and regions are descriptive; when given, its reps must match them. */
    private static void checkAgainstTeam(Rep rep, Row row, TeamEntry team, InputErrors errors) {
        if (team == null) {
            return;
        }
        if (team.segment != null && !team.segment.name().equals(rep.segment())) {
            row.error(errors, "segment", "rep " + rep.id() + " is " + rep.segment() + " but team " + rep.team()
                    + " is " + team.segment + " (" + team.row.where + ")");
        }
        if (team.regions != null && !team.regions.contains(rep.region())) {
            row.error(errors, "region", "rep " + rep.id() + " is in region " + rep.region() + ", not one of team "
                    + rep.team() + "'s regions " + String.join(", ", team.regions) + " (" + team.row.where + ")");
        }
    }

    // ---------------------------------------------------------------- files

    /**
     * The rows of one table, or a table whose {@code columnsOk} is false when a required column is absent (then
     * the rows are not checked one by one: every one of them would repeat the header's error).
     */
    private record Table(String label, List<Row> rows, boolean columnsOk, String emptyWhat) {
    }

    private static Table table(Path file, List<String> allowed, List<String> required, InputErrors errors) {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            Parsed parsed = parseJson(file, errors);
            if (parsed == null) {
                return null;
            }
            if (parsed.array == null) {
                errors.add(file + ", line 1: expected a JSON array of objects (the whole book in one object "
                        + "goes as the FILE argument, without --reps/--accounts/--teams)");
                return null;
            }
            return elements(file.toString(), "", parsed.array, allowed, required, errors);
        }
        return csvTable(file, allowed, required, errors);
    }

    private static Table csvTable(Path file, List<String> allowed, List<String> required, InputErrors errors) {
        String label = file.toString();
        List<Csv.Record> records;
        try {
            records = Csv.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (Csv.FormatException e) {
            errors.add(label + ", line " + e.line + ": not valid CSV: " + e.getMessage());
            return null;
        } catch (java.nio.charset.MalformedInputException e) {
            errors.add(label + ": not UTF-8 text (save the export as UTF-8 CSV)");
            return null;
        } catch (IOException e) {
            errors.add(label + ": cannot be read: " + e.getMessage());
            return null;
        }
        if (records.isEmpty()) {
            errors.add(label + ", line 1: empty file; expected a header with the columns " + String.join(", ", required));
            return new Table(label, List.of(), false, "empty file");
        }
        Csv.Record header = records.get(0);
        List<String> columns = header.fields().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        boolean ok = true;
        Set<String> seen = new LinkedHashSet<>();
        for (String column : columns) {
            if (!seen.add(column)) {
                errors.add(label + ", line " + header.line() + ", column " + column + ": the column appears twice");
                ok = false;
            }
            if (allowed != null && !allowed.contains(column)) {
                errors.add(label + ", line " + header.line() + ", column " + (column.isEmpty() ? "(blank)" : column)
                        + ": unknown column (the columns are " + String.join(", ", allowed) + ")");
                ok = false;
            }
        }
        List<String> missing = required.stream().filter(c -> !columns.contains(c)).toList();
        if (!missing.isEmpty()) {
            errors.add(label + ", line " + header.line() + ": missing column" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + " (required: " + String.join(", ", required) + ")");
            ok = false;
        }
        if (!ok) {
            return new Table(label, List.of(), false, null);
        }
        List<Row> rows = new ArrayList<>();
        for (Csv.Record record : records.subList(1, records.size())) {
            String where = label + ", line " + record.line();
            Map<String, JsonNode> values = new LinkedHashMap<>();
            for (int c = 0; c < Math.min(columns.size(), record.fields().size()); c++) {
                values.put(columns.get(c), TextNode.valueOf(record.fields().get(c)));
            }
            String broken = record.fields().size() == columns.size() ? null
                    : where + ": " + record.fields().size() + " values but the header has " + columns.size()
                    + " columns (an unquoted comma, or a missing one?)";
            rows.add(new Row(where, false, values, broken));
        }
        return new Table(label, rows, true, "the file has a header but no rows");
    }

    private static Table jsonTable(String label, String field, Parsed parsed, List<String> allowed,
                                   List<String> required, InputErrors errors) {
        if (!parsed.fields.containsKey(field)) {
            errors.add(label + ": field " + field + " is missing (the book has " + String.join(", ", BOOK_FIELDS) + ")");
            return null;
        }
        List<Element> elements = parsed.arrays.get(field);
        if (elements == null) {
            errors.add(label + ", line " + parsed.keyLines.get(field) + ", field " + field
                    + ": expected an array of objects, got " + parsed.fields.get(field));
            return null;
        }
        return elements(label, field, elements, allowed, required, errors);
    }

    /**
     * The objects of a JSON array as rows. A required field absent from every element is one error for the
     * array (like a CSV header); absent from some elements, one error per element.
     */
    private static Table elements(String label, String field, List<Element> elements, List<String> allowed,
                                  List<String> required, InputErrors errors) {
        String array = label + (field.isEmpty() ? "" : ", " + field);
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> absent = new LinkedHashMap<>();
        required.forEach(c -> absent.put(c, 0));
        List<JsonNode> objects = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            Element element = elements.get(i);
            String where = label + ", " + field + "[" + i + "] (line " + element.line + ")";
            if (!element.node.isObject()) {
                errors.add(where + ": expected an object, got " + abbreviate(element.node));
                continue;
            }
            Map<String, JsonNode> values = new LinkedHashMap<>();
            element.node.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
            for (String column : required) {
                if (!values.containsKey(column)) {
                    absent.merge(column, 1, Integer::sum);
                }
            }
            if (allowed != null) {
                for (String key : values.keySet()) {
                    if (!allowed.contains(key)) {
                        errors.add(where + ", field " + key + ": unknown field (the fields are "
                                + String.join(", ", allowed) + ")");
                    }
                }
            }
            rows.add(new Row(where, true, values));
            objects.add(element.node);
        }
        List<String> inNone = absent.entrySet().stream()
                .filter(e -> e.getValue() == objects.size() && !objects.isEmpty()).map(Map.Entry::getKey).toList();
        if (!inNone.isEmpty()) {
            errors.add(array + ": missing field" + (inNone.size() == 1 ? " " : "s ") + String.join(", ", inNone)
                    + " in every element (required: " + String.join(", ", required) + ")");
            return new Table(array, List.of(), false, null);
        }
        for (Row row : rows) {
            List<String> missing = required.stream().filter(c -> !row.has(c)).toList();
            if (!missing.isEmpty()) {
                errors.add(row.where + ": missing field" + (missing.size() == 1 ? " " : "s ")
                        + String.join(", ", missing) + " (required: " + String.join(", ", required) + ")");
            }
        }
        return new Table(array, rows, true, "the array is empty");
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    // ---------------------------------------------------------------- JSON with the line of each element

    private record Element(JsonNode node, int line) {
    }

    /** A JSON file: a top-level array's elements, or a top-level object's fields (arrays with element lines). */
    private static final class Parsed {
        List<Element> array;
        final Map<String, JsonNode> fields = new LinkedHashMap<>();
        final Map<String, List<Element>> arrays = new LinkedHashMap<>();
        final Map<String, Integer> keyLines = new LinkedHashMap<>();
    }

    private static Parsed parseJson(Path file, InputErrors errors) {
        try (JsonParser parser = JSON.createParser(file.toFile())) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            JsonToken first = parser.nextToken();
            Parsed parsed = new Parsed();
            if (first == JsonToken.START_ARRAY) {
                parsed.array = elements(parser);
            } else if (first == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    parsed.keyLines.put(name, parser.currentTokenLocation().getLineNr());
                    if (value == JsonToken.START_ARRAY) {
                        List<Element> elements = elements(parser);
                        parsed.arrays.put(name, elements);
                        parsed.fields.put(name, JSON.createArrayNode()
                                .addAll(elements.stream().map(Element::node).toList()));
                    } else {
                        parsed.fields.put(name, parser.readValueAsTree());
                    }
                }
            } else {
                errors.add(file + ", line 1: " + (first == null ? "empty file" : "not a JSON object or array")
                        + "; expected JSON");
                return null;
            }
            if (parser.nextToken() != null) {
                errors.add(file + ", line " + parser.currentTokenLocation().getLineNr()
                        + ": more JSON after the end of the document");
                return null;
            }
            return parsed;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            errors.add(file + (at == null ? "" : ", line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + ": not valid JSON: " + e.getOriginalMessage());
            return null;
        } catch (IOException e) {
            errors.add(file + ": cannot be read: " + e.getMessage());
            return null;
        }
    }

    private static List<Element> elements(JsonParser parser) throws IOException {
        List<Element> elements = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            int line = parser.currentTokenLocation().getLineNr();
            elements.add(new Element(parser.readValueAsTree(), line));
        }
        return elements;
    }

    // ---------------------------------------------------------------- helpers

    /** "&lt;path&gt;: not found" (and the like) when a file cannot be read at all, else null. */
    static String readableProblem(Path file) {
        if (!Files.exists(file)) {
            return file + ": not found";
        }
        if (Files.isDirectory(file)) {
            return file + ": is a directory, not a file";
        }
        if (!Files.isReadable(file)) {
            return file + ": cannot be read (permission denied)";
        }
        return null;
    }

    private static void requireReadable(Path file) throws BadInput {
        String problem = readableProblem(file);
        if (problem != null) {
            throw new BadInput(problem);
        }
    }

    private static String examples(List<String> ids) {
        return String.join(", ", ids.subList(0, Math.min(5, ids.size())))
                + (ids.size() > 5 ? " and " + (ids.size() - 5) + " more" : "");
    }

    private BookReader() {
    }
}
