package io.territoryos.demo.csv;

import io.territoryos.demo.cdc.CrmTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which header of a CRM's export holds which CRM column (PRODUCT.md section 3.1): built in for Salesforce and HubSpot
 * exports, or read from a mapping file for any other CRM. Headers match case-insensitively, ignoring surrounding
 * spaces; a header already named like the CRM column ({@code account_id}) always matches, so a mapping only lists
 * what differs. The table of the built-in names is in docs/csv-import.md.
 */
public final class HeaderMapping {

    /** Salesforce report labels and API names (custom fields as {@code Name__c}). */
    public static final HeaderMapping SALESFORCE = new HeaderMapping("salesforce", Map.of(
            CrmTable.ACCOUNTS, aliases(
                    "account_id", "Account ID|Id",
                    "name", "Account Name|Name",
                    "segment", "Segment|Segment__c",
                    "industry", "Industry",
                    "region", "Region|Sales Region|Region__c",
                    "country", "Billing Country|BillingCountry",
                    "lat", "Billing Latitude|BillingLatitude",
                    "lon", "Billing Longitude|BillingLongitude",
                    "status", "Account Status|Status__c",
                    "current_arr", "Annual Recurring Revenue|ARR|ARR__c",
                    "whitespace_arr", "Whitespace ARR|Whitespace|Whitespace_ARR__c",
                    "buying_capacity", "Buying Capacity|Buying_Capacity__c",
                    "renewal_risk", "Renewal Risk|Renewal_Risk__c",
                    "icp_fit", "ICP Fit|ICP Fit Score|ICP_Fit__c",
                    "propensity", "Propensity|Propensity__c",
                    "procurement_stage", "Procurement Stage|Procurement_Stage__c",
                    "owner_rep_id", "Account Owner ID|OwnerId",
                    "locked", "Named Account|Locked__c",
                    "last_activity_at", "Last Activity|LastActivityDate",
                    "renewal_date", "Renewal Date|Renewal_Date__c"),
            CrmTable.REPS, aliases(
                    "rep_id", "User ID|Id",
                    "name", "Full Name|Name",
                    "status", "Rep Status|Rep_Status__c",
                    "motion", "Sales Motion|Motion__c",
                    "segment", "Segment|Segment__c",
                    "region", "Region|Sales Region|Region__c",
                    "team", "Sales Team|Team__c",
                    "quota", "Annual Quota|Quota__c",
                    "capacity_accounts", "Account Capacity|Capacity_Accounts__c",
                    "start_date", "Start Date|Start_Date__c")));

    /** HubSpot company and user (owner) export labels and internal property names. */
    public static final HeaderMapping HUBSPOT = new HeaderMapping("hubspot", Map.of(
            CrmTable.ACCOUNTS, aliases(
                    "account_id", "Record ID|Company ID|hs_object_id",
                    "name", "Company name|name",
                    "segment", "Segment",
                    "industry", "Industry",
                    "region", "Region|Sales region",
                    "country", "Country/Region|country",
                    "status", "Account status",
                    "current_arr", "Annual recurring revenue|hs_arr",
                    "whitespace_arr", "Whitespace ARR",
                    "buying_capacity", "Buying capacity",
                    "renewal_risk", "Renewal risk",
                    "icp_fit", "ICP fit|ICP fit score",
                    "propensity", "Propensity",
                    "procurement_stage", "Procurement stage",
                    "owner_rep_id", "Company owner ID|HubSpot Owner ID|hubspot_owner_id",
                    "locked", "Named account",
                    "last_activity_at", "Last activity date|notes_last_updated",
                    "renewal_date", "Renewal date"),
            CrmTable.REPS, aliases(
                    "rep_id", "Owner ID|User ID|hubspot_owner_id",
                    "name", "Name|Full name",
                    "status", "Rep status",
                    "motion", "Sales motion",
                    "segment", "Segment",
                    "region", "Region|Sales region",
                    "team", "Team|Primary team",
                    "quota", "Annual quota",
                    "capacity_accounts", "Account capacity",
                    "start_date", "Start date")));

    /** Headers named exactly like the CRM columns. */
    public static final HeaderMapping NATIVE = new HeaderMapping("native", Map.of(
            CrmTable.ACCOUNTS, Map.of(), CrmTable.REPS, Map.of()));

    private final String name;
    /** Per table: CRM column to the export headers that may hold it. */
    private final Map<CrmTable, Map<String, List<String>>> sources;

    private HeaderMapping(String name, Map<CrmTable, Map<String, List<String>>> sources) {
        this.name = name;
        this.sources = sources;
    }

    public String name() {
        return name;
    }

    /** {@code salesforce}, {@code hubspot}, {@code native}, or the path of a mapping file. */
    public static HeaderMapping named(String nameOrFile) throws IOException {
        return switch (nameOrFile.toLowerCase(Locale.ROOT)) {
            case "salesforce" -> SALESFORCE;
            case "hubspot" -> HUBSPOT;
            case "native" -> NATIVE;
            default -> fromFile(Path.of(nameOrFile));
        };
    }

    /**
     * A mapping file: one {@code table.column = Header|Other header} per line ({@code accounts.current_arr = ARR (USD)});
     * {@code #} starts a comment. Columns left out keep their CRM name.
     */
    public static HeaderMapping fromFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--mapping '" + file + "' is neither salesforce, hubspot, native nor a file");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return parse(file.getFileName().toString(), lines);
    }

    static HeaderMapping parse(String name, List<String> lines) {
        Map<String, List<String>> accounts = new LinkedHashMap<>();
        Map<String, List<String>> reps = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            int dot = line.indexOf('.');
            if (equals < 0 || dot < 0 || dot > equals) {
                problems.add(name + ":" + (i + 1) + ": expected 'accounts.column = Header' or 'reps.column = Header'");
                continue;
            }
            String table = line.substring(0, dot).strip().toLowerCase(Locale.ROOT);
            String column = line.substring(dot + 1, equals).strip().toLowerCase(Locale.ROOT);
            CrmTable crmTable = table.equals("accounts") ? CrmTable.ACCOUNTS : table.equals("reps") ? CrmTable.REPS : null;
            if (crmTable == null) {
                problems.add(name + ":" + (i + 1) + ": unknown table '" + table + "' (accounts or reps)");
            } else if (!crmTable.columnNames().contains(column)) {
                problems.add(name + ":" + (i + 1) + ": '" + column + "' is not a column of " + table + " " + crmTable.columnNames());
            } else {
                (crmTable == CrmTable.ACCOUNTS ? accounts : reps).put(column, split(line.substring(equals + 1)));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("mapping file " + String.join("; ", problems));
        }
        return new HeaderMapping(name, Map.of(CrmTable.ACCOUNTS, accounts, CrmTable.REPS, reps));
    }

    /**
     * The CRM column each header holds (null where none), in header order.
     *
     * @throws IllegalArgumentException when two headers hold the same column
     */
    public List<String> columnsOf(CrmTable table, List<String> headers) {
        Map<String, List<String>> aliases = sources.get(table);
        List<String> columns = new ArrayList<>();
        Map<String, String> headerOfColumn = new LinkedHashMap<>();
        for (String header : headers) {
            String key = normalize(header);
            String column = null;
            for (Map.Entry<String, List<String>> entry : aliases.entrySet()) {
                if (entry.getValue().stream().anyMatch(alias -> normalize(alias).equals(key))) {
                    column = entry.getKey();
                    break;
                }
            }
            if (column == null && table.columnNames().contains(key)) {
                column = key;
            }
            if (column != null && headerOfColumn.containsKey(column)) {
                throw new IllegalArgumentException("headers '" + headerOfColumn.get(column) + "' and '" + header
                        + "' both hold " + column + " (mapping " + name + ")");
            }
            if (column != null) {
                headerOfColumn.put(column, header);
            }
            columns.add(column);
        }
        return columns;
    }

    /** The built-in mapping that recognises the most required columns of the header (native on a tie). */
    public static HeaderMapping detect(CrmTable table, List<String> headers) {
        HeaderMapping best = NATIVE;
        long bestScore = -1;
        for (HeaderMapping candidate : List.of(NATIVE, SALESFORCE, HUBSPOT)) {
            List<String> columns;
            try {
                columns = candidate.columnsOf(table, headers);
            } catch (IllegalArgumentException ambiguous) {
                continue;
            }
            long score = ExportColumns.requiredHeaders(table).stream().filter(columns::contains).count();
            if (score > bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

    /** The headers this mapping reads for a column, for messages: "current_arr (Annual Recurring Revenue, ARR)". */
    public String describe(CrmTable table, String column) {
        List<String> names = sources.get(table).getOrDefault(column, List.of());
        return names.isEmpty() ? column : column + " (" + name + ": " + String.join(", ", names) + ")";
    }

    private static Map<String, List<String>> aliases(String... pairs) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], split(pairs[i + 1]));
        }
        return map;
    }

    private static List<String> split(String names) {
        List<String> result = new ArrayList<>();
        for (String part : names.split("\\|")) {
            if (!part.isBlank()) {
                result.add(part.strip());
            }
        }
        return List.copyOf(result);
    }

    static String normalize(String header) {
        return header.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return name;
    }
}
