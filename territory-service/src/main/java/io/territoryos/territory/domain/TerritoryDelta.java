package io.territoryos.territory.domain;

/**
 * The net change of one territory's sums from the accounts one task read over one window: what entered minus
 * what left. The account step adds every account change to the delta of its territory and sends a team's deltas
 * once per window, so the team's aggregation takes a window of a million re-scored accounts as a handful of
 * merges instead of a million records.
 *
 * @param home       team key the territory was routed to when the changes were made
 * @param sums       the change; counts and sums may be negative, and all zero for a re-score that only moved the
 *                   weights version
 * @param eventTime  epoch millis of the newest CRM change included
 * @param recordTime timestamp of the newest input record included
 */
public record TerritoryDelta(String home, TerritoryAccumulator sums, long eventTime, long recordTime) {

    public static TerritoryDelta none(String home, String territoryId) {
        return new TerritoryDelta(home, TerritoryAccumulator.empty(territoryId), Long.MIN_VALUE, Long.MIN_VALUE);
    }

    /** The territory whose sums change. */
    public String territoryId() {
        return sums.repId();
    }

    /** The account entered the territory. */
    public TerritoryDelta plus(AccountContribution account, long changeTime, long changeRecordTime) {
        return new TerritoryDelta(home, sums.plus(account), Math.max(eventTime, changeTime), Math.max(recordTime, changeRecordTime));
    }

    /** The account left the territory (or changed, before its new contribution enters). */
    public TerritoryDelta minus(AccountContribution account, long changeTime, long changeRecordTime) {
        return new TerritoryDelta(home, sums.minus(account), Math.max(eventTime, changeTime), Math.max(recordTime, changeRecordTime));
    }
}
