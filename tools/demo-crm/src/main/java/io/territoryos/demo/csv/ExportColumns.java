package io.territoryos.demo.csv;

import io.territoryos.demo.cdc.CrmTable;
import io.territoryos.demo.cdc.CrmTable.ColumnType;

import java.util.List;
import java.util.Optional;

/**
 * Which columns of a CRM export must be there and which may be left out, and the value a left-out or blank
 * optional cell stands for. Required: every value PRODUCT.md section 3.1 does not mark optional and that a number
 * of the pipeline depends on (the potential formula, tiers, quotas, capacity, compatibility). A blank required cell
 * rejects its row; it is never replaced by a guess.
 */
public final class ExportColumns {

    /** One column of the export: its CRM name, whether it must have a value, and what a blank optional cell means. */
    public record ExportColumn(String name, ColumnType type, boolean required, String blankMeans) {

        boolean numeric() {
            return type == ColumnType.MONEY || type == ColumnType.SCORE || type == ColumnType.DOUBLE
                    || type == ColumnType.INT32;
        }
    }

    /** {@code owner_rep_id}: the column is required (so a renamed header never empties every book), a blank cell is the unassigned pool. */
    public static final List<ExportColumn> ACCOUNTS = List.of(
            required("account_id"), optional("name", "no name"), required("segment"),
            optional("industry", "no industry"), required("region"), optional("country", "none"),
            optional("lat", "none"), optional("lon", "none"), required("status"),
            required("current_arr"), required("whitespace_arr"), required("buying_capacity"),
            required("renewal_risk"), required("icp_fit"), required("propensity"),
            optional("procurement_stage", "NONE"),
            new ExportColumn("owner_rep_id", ColumnType.STRING, false, "the unassigned pool (the column itself is required)"),
            optional("locked", "false (the optimizer may move the account)"),
            optional("last_activity_at", "no activity recorded"), optional("renewal_date", "none"));

    public static final List<ExportColumn> REPS = List.of(
            required("rep_id"), optional("name", "no name"), required("status"), required("motion"),
            required("segment"), required("region"), required("team"), required("quota"),
            required("capacity_accounts"), optional("start_date", "none"));

    /** Columns whose header must be present even though a cell may be blank. */
    static final List<String> ACCOUNT_COLUMNS_ALWAYS_PRESENT = List.of("owner_rep_id");

    public static List<ExportColumn> of(CrmTable table) {
        return table == CrmTable.ACCOUNTS ? ACCOUNTS : REPS;
    }

    /** The columns a file must have in its header. */
    public static List<String> requiredHeaders(CrmTable table) {
        return of(table).stream()
                .filter(c -> c.required() || (table == CrmTable.ACCOUNTS && ACCOUNT_COLUMNS_ALWAYS_PRESENT.contains(c.name())))
                .map(ExportColumn::name).toList();
    }

    static Optional<ExportColumn> column(CrmTable table, String name) {
        return of(table).stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private static ExportColumn required(String name) {
        return new ExportColumn(name, typeOf(name), true, null);
    }

    private static ExportColumn optional(String name, String blankMeans) {
        return new ExportColumn(name, typeOf(name), false, blankMeans);
    }

    private static ColumnType typeOf(String name) {
        for (CrmTable table : List.of(CrmTable.ACCOUNTS, CrmTable.REPS)) {
            for (CrmTable.Column column : table.columns()) {
                if (column.name().equals(name)) {
                    return column.type();
                }
            }
        }
        throw new IllegalArgumentException("no CRM column " + name);
    }

    private ExportColumns() {
    }
}
