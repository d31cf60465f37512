package io.territoryos.trigger.streams;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.territoryos.contracts.avro.AccountStatus;
import io.territoryos.contracts.avro.Motion;
import io.territoryos.contracts.avro.RenewalStatus;
import io.territoryos.contracts.avro.RepStatus;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.ScoringWeights;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.avro.TeamBalance;
import io.territoryos.contracts.avro.TeamPolicy;
import io.territoryos.contracts.avro.TerritoryHealth;
import io.territoryos.contracts.avro.Tier;
import io.territoryos.contracts.balance.Balance;
import io.territoryos.contracts.crm.CrmRep;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** Input records as the upstream services and the CRM write them, for topology tests. */
public final class Inputs {

    public static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    public static CrmRep rep(String id, String team, RepStatus status) {
        return new CrmRep(id, "Name " + id, status, Motion.DUAL, Segment.MID_MARKET, "NA-EAST", team, 1_000_000, 200,
                LocalDate.of(2024, 1, 15));
    }

    /** Debezium's JSON converter without schemas: key {"rep_id": ...}, value the change envelope. */
    public static byte[] repKey(String id) {
        return ("{\"rep_id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] repChange(CrmRep rep, String op, Instant tsMs) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("before", null);
        envelope.put("after", rep.toRow());
        envelope.put("source", Map.of("connector", "postgresql", "table", "reps"));
        envelope.put("op", op);
        envelope.put("ts_ms", tsMs.toEpochMilli());
        try {
            return JSON.writeValueAsBytes(envelope);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Debezium's delete: the row before, none after (the tombstone that follows is a null value). */
    public static byte[] repDelete(CrmRep rep, Instant tsMs) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("before", rep.toRow());
        envelope.put("after", null);
        envelope.put("source", Map.of("connector", "postgresql", "table", "reps"));
        envelope.put("op", "d");
        envelope.put("ts_ms", tsMs.toEpochMilli());
        try {
            return JSON.writeValueAsBytes(envelope);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static ScoredAccount account(String id, String owner, double potential, AccountStatus status, Instant at) {
        return account(id, owner, Segment.MID_MARKET, "NA-EAST", potential, status, at);
    }

    public static ScoredAccount account(String id, String owner, Segment segment, String region, double potential,
                                        AccountStatus status, Instant at) {
        return ScoredAccount.newBuilder()
                .setEventId(id + ":" + at.toEpochMilli() + ":1")
                .setAccountId(id).setOwnerRepId(owner).setSegment(segment).setRegion(region).setStatus(status)
                .setCurrentArr(potential / 3).setWhitespaceArr(potential / 3).setBuyingCapacity(1).setRenewalRisk(0)
                .setIcpFit(50).setRetainedArr(potential / 3).setRealizableWhitespace(potential / 3).setFitMultiplier(1.0)
                .setPotential(potential).setScore(50).setTier(Tier.DEVELOP).setCriticalRisk(false)
                .setFormulaVersion("potential-v1").setWeightsVersion(1)
                .setSourceEventTime(at).setScoredAt(at)
                .build();
    }

    public static ScoredAccount withActivity(ScoredAccount account, boolean locked, Instant lastActivity) {
        return ScoredAccount.newBuilder(account).setLocked(locked).setLastActivityAt(lastActivity).build();
    }

    public static TerritoryHealth health(String repId, String team, int accounts, double potential, Instant at) {
        return health(repId, team, RepStatus.ACTIVE, accounts, potential, 1_000_000, RenewalStatus.ON_TRACK, at);
    }

    public static TerritoryHealth health(String repId, String team, RepStatus status, int accounts, double potential,
                                         double quota, RenewalStatus renewal, Instant at) {
        Double coverage = Balance.coverageRatio(potential, quota);
        return TerritoryHealth.newBuilder()
                .setRepId(repId).setTeam(team).setSegment(Segment.MID_MARKET).setRegion("NA-EAST").setMotion(Motion.DUAL)
                .setRepStatus(status).setQuota(quota).setAccountCount(accounts).setPotentialTotal(potential)
                .setArrTotal(potential / 3).setWhitespaceTotal(potential / 3)
                .setTier1Count(0).setDevelopCount(accounts).setQuickWinCount(0).setDeprioritizeCount(0)
                .setCoverageRatio(coverage).setBand(Balance.band(coverage)).setMotionTarget(Balance.motionTarget(Motion.DUAL))
                .setMeetsTarget(coverage != null && coverage >= 4.0)
                .setProjectedCoverage(coverage).setProjectedPotential(potential).setRenewalStatus(renewal)
                .setSourceEventTime(at).setUpdatedAt(at)
                .build();
    }

    public static TeamBalance balance(String team, int reps, double cvCoverage, Instant at) {
        return TeamBalance.newBuilder()
                .setTeam(team).setRepCount(reps).setPotentialTotal(10_000_000).setMeanPotential(10_000_000.0 / reps)
                .setCvPotential(cvCoverage).setCvCoverage(cvCoverage).setGiniPotential(cvCoverage / 2)
                .setGiniCoverage(cvCoverage / 2).setRepsUnderCovered(1)
                .setSourceEventTime(at).setUpdatedAt(at)
                .build();
    }

    public static TeamPolicy policy(String team, int version, boolean regional, Instant at) {
        return TeamPolicy.newBuilder().setTeam(team).setVersion(version).setRegional(regional).setPublishedBy("revops")
                .setPublishedAt(at).build();
    }

    public static ScoringWeights weights(int version, double fitWeight, Instant at) {
        return ScoringWeights.newBuilder().setVersion(version).setFitWeight(fitWeight).setPublishedAt(at).build();
    }

    private Inputs() {
    }
}
