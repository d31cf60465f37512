package io.territoryos.territory.streams;

import io.territoryos.contracts.avro.Segment;
import io.territoryos.territory.domain.AccountDelta;
import io.territoryos.territory.domain.RepProfile;
import io.territoryos.territory.domain.SegmentConversion;
import io.territoryos.territory.domain.TerritoryAccumulator;

/**
 * One change on its way to a team's aggregation: an account delta (or one side of it), a rep row change, new
 * segment statistics, or a territory's sums handed over by the task that held them. Travels on the internal
 * repartition topics in {@link io.territoryos.contracts.serde.RecordSerde}'s binary, keyed by the team it belongs to.
 *
 * @param kind      what changed
 * @param delta     for ACCOUNT_DELTA
 * @param rep       for REP_UPSERT
 * @param repId     for REP_UPSERT, REP_LEFT, REP_REMOVED and TRANSFER
 * @param segment   for SEGMENT_STATS
 * @param stats     for SEGMENT_STATS; null = back to the defaults
 * @param territory for TRANSFER: the sums handed over
 * @param eventTime epoch millis of the source change
 */
public record TerritoryEvent(
        Kind kind, AccountDelta delta, RepProfile rep, String repId, Segment segment, SegmentConversion stats,
        TerritoryAccumulator territory, long eventTime) {

    public enum Kind { ACCOUNT_DELTA, REP_UPSERT, REP_LEFT, REP_REMOVED, SEGMENT_STATS, TRANSFER }

    public static TerritoryEvent accountDelta(AccountDelta delta) {
        return new TerritoryEvent(Kind.ACCOUNT_DELTA, delta, null, null, null, null, null, delta.sourceEventTime());
    }

    public static TerritoryEvent repUpsert(RepProfile rep, long eventTime) {
        return new TerritoryEvent(Kind.REP_UPSERT, null, rep, rep.repId(), null, null, null, eventTime);
    }

    /** The rep moved to another team; sent to the team it left. */
    public static TerritoryEvent repLeft(String repId, long eventTime) {
        return new TerritoryEvent(Kind.REP_LEFT, null, null, repId, null, null, null, eventTime);
    }

    public static TerritoryEvent repRemoved(String repId, long eventTime) {
        return new TerritoryEvent(Kind.REP_REMOVED, null, null, repId, null, null, null, eventTime);
    }

    public static TerritoryEvent segmentStats(Segment segment, SegmentConversion stats, long eventTime) {
        return new TerritoryEvent(Kind.SEGMENT_STATS, null, null, null, segment, stats, null, eventTime);
    }

    public static TerritoryEvent transfer(TerritoryAccumulator territory, long eventTime) {
        return new TerritoryEvent(Kind.TRANSFER, null, null, territory.repId(), null, null, territory, eventTime);
    }
}
