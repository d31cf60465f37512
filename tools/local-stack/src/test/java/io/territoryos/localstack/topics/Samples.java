package io.territoryos.localstack.topics;

import io.territoryos.contracts.DeadLetters;
import io.territoryos.contracts.avro.CoverageBand;
import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.avro.TerritoryHealth;

import java.time.Instant;

/** Records of the product's own types, as the services write them. */
public final class Samples {

    public static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123Z");

    public static TerritoryHealth health(String repId, double potential, double quota) {
        return TerritoryHealth.newBuilder()
                .setRepId(repId).setTeam("mm-east").setQuota(quota)
                .setAccountCount(3).setPotentialTotal(potential).setArrTotal(100_000).setWhitespaceTotal(250_000)
                .setTier1Count(1).setDevelopCount(1).setQuickWinCount(1).setDeprioritizeCount(0)
                .setCoverageRatio(potential / quota).setBand(CoverageBand.HEALTHY)
                .setMotionTarget(4.0).setMeetsTarget(true)
                .setSourceEventTime(T0).setUpdatedAt(T0)
                .build();
    }

    public static DeadLetter deadLetter(byte[] key, byte[] value, String reason) {
        return DeadLetters.of("scoring-service", "crm.accounts", 2, 41, key, value, "PARSE", reason, T0);
    }

    private Samples() {
    }
}
