package io.territoryos.territory.streams;

import io.territoryos.contracts.avro.Segment;
import io.territoryos.territory.domain.AccountDelta;
import io.territoryos.territory.domain.RepProfile;
import io.territoryos.territory.domain.SegmentConversion;

/**
 * One change on its way to the organisation's aggregation: an account delta, a rep row change or new segment
 * statistics. Travels on the internal repartition topic as JSON.
 *
 * @param kind      what changed
 * @param delta     for ACCOUNT_DELTA
 * @param rep       for REP_UPSERT
 * @param repId     for REP_UPSERT and REP_REMOVED
 * @param segment   for SEGMENT_STATS
 * @param stats     for SEGMENT_STATS; null = back to the defaults
 * @param eventTime epoch millis of the source change
 */
public record TerritoryEvent(
        Kind kind, AccountDelta delta, RepProfile rep, String repId, Segment segment, SegmentConversion stats,
        long eventTime) {

    public enum Kind { ACCOUNT_DELTA, REP_UPSERT, REP_REMOVED, SEGMENT_STATS }

    public static TerritoryEvent accountDelta(AccountDelta delta) {
        return new TerritoryEvent(Kind.ACCOUNT_DELTA, delta, null, null, null, null, delta.sourceEventTime());
    }

    public static TerritoryEvent repUpsert(RepProfile rep, long eventTime) {
        return new TerritoryEvent(Kind.REP_UPSERT, null, rep, rep.repId(), null, null, eventTime);
    }

    public static TerritoryEvent repRemoved(String repId, long eventTime) {
        return new TerritoryEvent(Kind.REP_REMOVED, null, null, repId, null, null, eventTime);
    }

    public static TerritoryEvent segmentStats(Segment segment, SegmentConversion stats, long eventTime) {
        return new TerritoryEvent(Kind.SEGMENT_STATS, null, null, null, segment, stats, eventTime);
    }
}
