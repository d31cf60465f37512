package io.territoryos.contracts.crm;

import io.territoryos.contracts.avro.AccountStatus;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.cdc.CdcDecodingException;
import io.territoryos.contracts.cdc.CdcRow;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.territoryos.contracts.cdc.CdcDecodingException.ErrorType.RANGE;
import static io.territoryos.contracts.cdc.CdcDecodingException.ErrorType.UNKNOWN_VALUE;

/**
 * An account row of the CRM (PRODUCT.md section 3.1), validated: a row that breaks a range is rejected with
 * the reason, never clamped. The column names are the CRM's snake_case ones.
 */
public record CrmAccount(
        String accountId, String name, Segment segment, String industry, String region, String country,
        Double lat, Double lon, AccountStatus status, double currentArr, double whitespaceArr,
        double buyingCapacity, double renewalRisk, double icpFit, double propensity, ProcurementStage procurementStage,
        String ownerRepId, boolean locked, Long lastActivityAt, LocalDate renewalDate) {

    public static final String ID_FIELD = "account_id";

    /** Procurement complexity of the account. */
    public enum ProcurementStage { NONE, EVALUATION, NEGOTIATION }

    public CrmAccount {
        requireAtLeastZero("current_arr", currentArr);
        requireAtLeastZero("whitespace_arr", whitespaceArr);
        requireBetween("buying_capacity", buyingCapacity, 0, 1);
        requireBetween("renewal_risk", renewalRisk, 0, 1);
        requireBetween("icp_fit", icpFit, 0, 100);
        requireBetween("propensity", propensity, 0, 1);
        if (segment == null) {
            throw new CdcDecodingException(UNKNOWN_VALUE, "segment is missing");
        }
        if (status == null) {
            throw new CdcDecodingException(UNKNOWN_VALUE, "status is missing");
        }
    }

    /** Reads and validates a row; the id comes from the event key when the row lacks it. */
    public static CrmAccount from(String id, CdcRow row) {
        return new CrmAccount(
                id,
                row.textOrNull("name"),
                enumValue(Segment.class, "segment", row.textOrNull("segment")),
                row.textOrNull("industry"),
                row.textOrNull("region"),
                row.textOrNull("country"),
                optionalNumber(row, "lat"),
                optionalNumber(row, "lon"),
                enumValue(AccountStatus.class, "status", row.textOrNull("status")),
                row.requiredNumber("current_arr"),
                row.requiredNumber("whitespace_arr"),
                row.requiredNumber("buying_capacity"),
                row.requiredNumber("renewal_risk"),
                row.requiredNumber("icp_fit"),
                row.requiredNumber("propensity"),
                row.isNull("procurement_stage") ? ProcurementStage.NONE
                        : enumValue(ProcurementStage.class, "procurement_stage", row.textOrNull("procurement_stage")),
                row.textOrNull("owner_rep_id"),
                row.bool("locked", false),
                row.timestampOrNull("last_activity_at"),
                row.dateOrNull("renewal_date"));
    }

    /** The row as the CRM (and the demo CRM) writes it, in Debezium's JSON converter form with doubles. */
    public Map<String, Object> toRow() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("account_id", accountId);
        row.put("name", name);
        row.put("segment", segment.name());
        row.put("industry", industry);
        row.put("region", region);
        row.put("country", country);
        row.put("lat", lat);
        row.put("lon", lon);
        row.put("status", status.name());
        row.put("current_arr", currentArr);
        row.put("whitespace_arr", whitespaceArr);
        row.put("buying_capacity", buyingCapacity);
        row.put("renewal_risk", renewalRisk);
        row.put("icp_fit", icpFit);
        row.put("propensity", propensity);
        row.put("procurement_stage", procurementStage == null ? null : procurementStage.name());
        row.put("owner_rep_id", ownerRepId);
        row.put("locked", locked);
        row.put("last_activity_at", lastActivityAt);
        row.put("renewal_date", renewalDate == null ? null : (int) renewalDate.toEpochDay());
        return row;
    }

    public CrmAccount withOwner(String newOwner) {
        return new CrmAccount(accountId, name, segment, industry, region, country, lat, lon, status, currentArr,
                whitespaceArr, buyingCapacity, renewalRisk, icpFit, propensity, procurementStage, newOwner, locked,
                lastActivityAt, renewalDate);
    }

    public CrmAccount withStatus(AccountStatus newStatus) {
        return new CrmAccount(accountId, name, segment, industry, region, country, lat, lon, newStatus, currentArr,
                whitespaceArr, buyingCapacity, renewalRisk, icpFit, propensity, procurementStage, ownerRepId, locked,
                lastActivityAt, renewalDate);
    }

    static Double optionalNumber(CdcRow row, String field) {
        return row.isNull(field) ? null : row.number(field, 0.0);
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String field, String text) {
        if (text == null) {
            throw new CdcDecodingException(UNKNOWN_VALUE, field + " is missing");
        }
        try {
            return Enum.valueOf(type, text.trim().toUpperCase().replace('-', '_').replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            throw new CdcDecodingException(UNKNOWN_VALUE, "unknown " + field + " '" + text + "'");
        }
    }

    static void requireAtLeastZero(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new CdcDecodingException(RANGE, field + " " + value + " is negative or not a number");
        }
    }

    static void requireBetween(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new CdcDecodingException(RANGE, field + " " + value + " outside " + fmt(min) + ".." + fmt(max));
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
