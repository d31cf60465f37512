package io.territoryos.territory.streams;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.territoryos.contracts.avro.AccountStatus;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.avro.Tier;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Records as the upstream services and the CRM connector write them. */
public final class TestRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ScoredAccount scored(String accountId, String owner, double potential, double arr, Tier tier,
                                       boolean critical, long eventTime) {
        return ScoredAccount.newBuilder()
                .setEventId(accountId + "@" + eventTime)
                .setAccountId(accountId)
                .setName("Account " + accountId)
                .setOwnerRepId(owner)
                .setSegment(Segment.MID_MARKET)
                .setRegion("NA-EAST")
                .setStatus(AccountStatus.CUSTOMER)
                .setCurrentArr(arr)
                .setWhitespaceArr(0.0)
                .setBuyingCapacity(1.0)
                .setRenewalRisk(critical ? 0.7 : 0.1)
                .setIcpFit(50.0)
                .setRetainedArr(arr)
                .setRealizableWhitespace(0.0)
                .setFitMultiplier(1.0)
                .setPotential(potential)
                .setScore(50.0)
                .setTier(tier)
                .setCriticalRisk(critical)
                .setFormulaVersion("potential-v1")
                .setWeightsVersion(1)
                .setSourceEventTime(Instant.ofEpochMilli(eventTime))
                .setScoredAt(Instant.ofEpochMilli(eventTime))
                .build();
    }

    public static ScoredAccount scored(String accountId, String owner, double potential, long eventTime) {
        return scored(accountId, owner, potential, potential / 4, Tier.DEVELOP, false, eventTime);
    }

    public static byte[] repKey(String repId) {
        return ("{\"rep_id\":\"" + repId + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** A Debezium JSON change event (no schema wrapper) for a rep row. */
    public static byte[] repRow(String op, String repId, String team, String status, String motion, String segment,
                                double quota, long tsMs) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("rep_id", repId);
        row.put("name", "Rep " + repId);
        row.put("status", status);
        row.put("motion", motion);
        row.put("segment", segment);
        row.put("region", "NA-EAST");
        row.put("team", team);
        row.put("quota", quota);
        row.put("capacity_accounts", 120);
        row.put("start_date", 19_000);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("before", null);
        envelope.put("after", row);
        envelope.put("op", op);
        envelope.put("ts_ms", tsMs);
        envelope.put("source", Map.of("table", "reps"));
        try {
            return JSON.writeValueAsBytes(envelope);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] repRow(String repId, String team, double quota, long tsMs) {
        return repRow("c", repId, team, "ACTIVE", "NEW_BUSINESS", "MID_MARKET", quota, tsMs);
    }

    private TestRecords() {
    }
}
