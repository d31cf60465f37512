package io.territoryos.contracts.crm;

import io.territoryos.contracts.avro.Motion;
import io.territoryos.contracts.avro.RepStatus;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.cdc.CdcDecodingException;
import io.territoryos.contracts.cdc.CdcRow;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.territoryos.contracts.crm.CrmAccount.enumValue;
import static io.territoryos.contracts.crm.CrmAccount.requireAtLeastZero;

/** A rep row of the CRM (PRODUCT.md section 3.1), validated. */
public record CrmRep(
        String repId, String name, RepStatus status, Motion motion, Segment segment, String region, String team,
        double quota, int capacityAccounts, LocalDate startDate) {

    public static final String ID_FIELD = "rep_id";

    public CrmRep {
        requireAtLeastZero("quota", quota);
        if (capacityAccounts < 0) {
            throw new CdcDecodingException(CdcDecodingException.ErrorType.RANGE,
                    "capacity_accounts " + capacityAccounts + " is negative");
        }
    }

    /** ACTIVE and RAMPING reps carry a book and receive accounts. */
    public boolean carriesBook() {
        return status == RepStatus.ACTIVE || status == RepStatus.RAMPING;
    }

    public static CrmRep from(String id, CdcRow row) {
        Integer capacity = row.integerOrNull("capacity_accounts");
        return new CrmRep(
                id,
                row.textOrNull("name"),
                enumValue(RepStatus.class, "status", row.textOrNull("status")),
                enumValue(Motion.class, "motion", row.textOrNull("motion")),
                enumValue(Segment.class, "segment", row.textOrNull("segment")),
                row.textOrNull("region"),
                row.textOrNull("team"),
                row.requiredNumber("quota"),
                capacity == null ? Integer.MAX_VALUE : capacity,
                row.dateOrNull("start_date"));
    }

    public Map<String, Object> toRow() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("rep_id", repId);
        row.put("name", name);
        row.put("status", status.name());
        row.put("motion", motion.name());
        row.put("segment", segment.name());
        row.put("region", region);
        row.put("team", team);
        row.put("quota", quota);
        row.put("capacity_accounts", capacityAccounts);
        row.put("start_date", startDate == null ? null : (int) startDate.toEpochDay());
        return row;
    }

    public CrmRep withStatus(RepStatus newStatus) {
        return new CrmRep(repId, name, newStatus, motion, segment, region, team, quota, capacityAccounts, startDate);
    }
}
