package io.territoryos.demo.cdc;

import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.contracts.crm.CrmRep;

import java.util.List;

/**
 * The two CRM tables as a Postgres source would declare them, column by column, in the order of
 * {@link CrmAccount#toRow()} and {@link CrmRep#toRow()}. The column type decides how Debezium writes a value:
 * only DECIMAL columns follow {@code decimal.handling.mode}; the 0..1 ratios are {@code double precision}.
 */
public record CrmTable(String name, String idColumn, List<Column> columns) {

    /** Column types as Debezium maps them to Kafka Connect. */
    public enum ColumnType {
        /** text / varchar */
        STRING,
        /** numeric(14,2) */
        MONEY,
        /** numeric(5,2), e.g. icp_fit 0..100 */
        SCORE,
        /** double precision */
        DOUBLE,
        BOOLEAN,
        /** integer */
        INT32,
        /** timestamp(3): io.debezium.time.Timestamp, epoch millis */
        TIMESTAMP_MILLIS,
        /** date: io.debezium.time.Date, days since epoch */
        DATE
    }

    public record Column(String name, ColumnType type) {

        public int scale() {
            return 2;
        }

        public int precision() {
            return type == ColumnType.SCORE ? 5 : 14;
        }
    }

    public static final CrmTable ACCOUNTS = new CrmTable("accounts", CrmAccount.ID_FIELD, List.of(
            string("account_id"), string("name"), string("segment"), string("industry"), string("region"),
            string("country"), column("lat", ColumnType.DOUBLE), column("lon", ColumnType.DOUBLE), string("status"),
            column("current_arr", ColumnType.MONEY), column("whitespace_arr", ColumnType.MONEY),
            column("buying_capacity", ColumnType.DOUBLE), column("renewal_risk", ColumnType.DOUBLE),
            column("icp_fit", ColumnType.SCORE), column("propensity", ColumnType.DOUBLE),
            string("procurement_stage"), string("owner_rep_id"), column("locked", ColumnType.BOOLEAN),
            column("last_activity_at", ColumnType.TIMESTAMP_MILLIS), column("renewal_date", ColumnType.DATE)));

    public static final CrmTable REPS = new CrmTable("reps", CrmRep.ID_FIELD, List.of(
            string("rep_id"), string("name"), string("status"), string("motion"), string("segment"),
            string("region"), string("team"), column("quota", ColumnType.MONEY),
            column("capacity_accounts", ColumnType.INT32), column("start_date", ColumnType.DATE)));

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    private static Column string(String name) {
        return new Column(name, ColumnType.STRING);
    }

    private static Column column(String name, ColumnType type) {
        return new Column(name, type);
    }
}
