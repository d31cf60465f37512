package io.territoryos.territory.streams;

import io.territoryos.contracts.avro.Segment;
import io.territoryos.territory.domain.AccountDelta;
import io.territoryos.territory.domain.RepProfile;
import io.territoryos.territory.domain.SegmentConversion;
import io.territoryos.territory.domain.TerritoryAccumulator;
import io.territoryos.territory.domain.TerritoryDelta;

import java.util.List;

/**
 * One change on its way to a team's aggregation: a window's territory deltas, a rep row change, new
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
 * @param eventTime epoch millis of the source change (the newest one, for TERRITORY_DELTAS)
 * @param deltas    for TERRITORY_DELTAS: the net change of each of the team's territories over one window of the
 *                  account step
 */
public record TerritoryEvent(
        Kind kind, AccountDelta delta, RepProfile rep, String repId, Segment segment, SegmentConversion stats,
        TerritoryAccumulator territory, long eventTime, List<TerritoryDelta> deltas) {

    /**
     * ACCOUNT_DELTA was one account's change, sent for each change before the account step coalesced them into
     * TERRITORY_DELTAS; the aggregation still applies it, so records already on the repartition topic when a running
     * application is upgraded are counted.
     */
    public enum Kind { ACCOUNT_DELTA, REP_UPSERT, REP_LEFT, REP_REMOVED, SEGMENT_STATS, TRANSFER, TERRITORY_DELTAS }

    /** A team's territory deltas of one window, in one record so that a move inside the team is one update. */
    public static TerritoryEvent territoryDeltas(List<TerritoryDelta> deltas) {
        long newest = deltas.stream().mapToLong(TerritoryDelta::eventTime).max().orElse(0L);
        return new TerritoryEvent(Kind.TERRITORY_DELTAS, null, null, null, null, null, null, newest, List.copyOf(deltas));
    }

    public static TerritoryEvent accountDelta(AccountDelta delta) {
        return new TerritoryEvent(Kind.ACCOUNT_DELTA, delta, null, null, null, null, null, delta.sourceEventTime(), null);
    }

    public static TerritoryEvent repUpsert(RepProfile rep, long eventTime) {
        return new TerritoryEvent(Kind.REP_UPSERT, null, rep, rep.repId(), null, null, null, eventTime, null);
    }

    /** The rep moved to another team; sent to the team it left. */
    public static TerritoryEvent repLeft(String repId, long eventTime) {
        return new TerritoryEvent(Kind.REP_LEFT, null, null, repId, null, null, null, eventTime, null);
    }

    public static TerritoryEvent repRemoved(String repId, long eventTime) {
        return new TerritoryEvent(Kind.REP_REMOVED, null, null, repId, null, null, null, eventTime, null);
    }

    public static TerritoryEvent segmentStats(Segment segment, SegmentConversion stats, long eventTime) {
        return new TerritoryEvent(Kind.SEGMENT_STATS, null, null, null, segment, stats, null, eventTime, null);
    }

    public static TerritoryEvent transfer(TerritoryAccumulator territory, long eventTime) {
        return new TerritoryEvent(Kind.TRANSFER, null, null, territory.repId(), null, null, territory, eventTime, null);
    }
}
