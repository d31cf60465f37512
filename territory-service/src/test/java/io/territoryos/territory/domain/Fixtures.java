package io.territoryos.territory.domain;

import io.territoryos.contracts.avro.Motion;
import io.territoryos.contracts.avro.RepStatus;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.avro.Tier;

/** Small builders for domain tests. */
public final class Fixtures {

    public static AccountContribution account(String id, String owner, double potential) {
        return account(id, owner, potential, 0, Tier.DEPRIORITIZE, false);
    }

    public static AccountContribution account(String id, String owner, double potential, double arr, Tier tier,
                                              boolean critical) {
        return new AccountContribution(id, owner, Money.toCents(potential), Money.toCents(arr), 0, tier, critical, 1);
    }

    public static RepProfile rep(String id, String team, double quota) {
        return rep(id, team, quota, RepStatus.ACTIVE, Motion.NEW_BUSINESS, Segment.MID_MARKET);
    }

    public static RepProfile rep(String id, String team, double quota, RepStatus status, Motion motion, Segment segment) {
        return new RepProfile(id, "Rep " + id, status, motion, segment, "NA-EAST", team, quota, 100);
    }

    /** A territory holding {@code count} accounts that together carry {@code potential}. */
    public static TerritoryAccumulator book(String repId, int count, double potential) {
        TerritoryAccumulator book = TerritoryAccumulator.empty(repId);
        long cents = Money.toCents(potential);
        for (int i = 0; i < count; i++) {
            long share = cents / count + (i < cents % count ? 1 : 0);
            book = book.plus(new AccountContribution(repId + "-" + i, repId, share, 0, 0, Tier.DEPRIORITIZE, false, 1));
        }
        return book;
    }

    private Fixtures() {
    }
}
