package io.territoryos.territory.streams;

import io.territoryos.contracts.avro.Segment;
import io.territoryos.territory.domain.BookUpdate;
import io.territoryos.territory.domain.HealthPolicy;
import io.territoryos.territory.domain.RepProfile;
import io.territoryos.territory.domain.SegmentConversion;
import io.territoryos.territory.domain.TeamBalanceReport;
import io.territoryos.territory.domain.TerritoryAccumulator;
import io.territoryos.territory.domain.TerritoryBook;
import io.territoryos.territory.domain.TerritoryHealthReport;
import io.territoryos.territory.mapping.AvroMapping;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Reads every change of one organisation (account deltas, rep rows, segment statistics) and writes the health
 * of each territory it touched and the balance of each team it touched, then the organisation's: one call per
 * change, so both sides of a move are published by the same input record in the same transaction.
 * <p>
 * The {@link TerritoryBook} is the in-memory working copy of the three state stores (all of one organisation
 * sit in this single task); it is rebuilt from the stores whenever the task is (re)initialised, and every
 * change is written through to them.
 */
final class TerritoryAggregationProcessor implements Processor<String, TerritoryEvent, String, TerritoryOutput> {

    private final TerritoryBook book;
    private ProcessorContext<String, TerritoryOutput> context;
    private KeyValueStore<String, TerritoryAccumulator> territories;
    private KeyValueStore<String, RepProfile> reps;
    private KeyValueStore<String, SegmentConversion> segmentStats;

    TerritoryAggregationProcessor(HealthPolicy policy) {
        this.book = new TerritoryBook(policy);
    }

    @Override
    public void init(ProcessorContext<String, TerritoryOutput> context) {
        this.context = context;
        this.territories = context.getStateStore(TerritoryTopology.TERRITORIES_STORE);
        this.reps = context.getStateStore(TerritoryTopology.REPS_STORE);
        this.segmentStats = context.getStateStore(TerritoryTopology.SEGMENT_STATS_STORE);
        book.clear();
        try (KeyValueIterator<String, TerritoryAccumulator> all = territories.all()) {
            all.forEachRemaining(entry -> book.restore(entry.value));
        }
        try (KeyValueIterator<String, RepProfile> all = reps.all()) {
            all.forEachRemaining(entry -> book.restore(entry.value));
        }
        try (KeyValueIterator<String, SegmentConversion> all = segmentStats.all()) {
            all.forEachRemaining((KeyValue<String, SegmentConversion> entry) -> book.restore(entry.value));
        }
    }

    @Override
    public void process(Record<String, TerritoryEvent> record) {
        TerritoryEvent event = record.value();
        if (event == null) {
            return;
        }
        BookUpdate update = switch (event.kind()) {
            case ACCOUNT_DELTA -> book.apply(event.delta());
            case REP_UPSERT -> book.upsertRep(event.rep());
            case REP_REMOVED -> book.removeRep(event.repId());
            case SEGMENT_STATS -> book.applyStats(event.segment(), event.stats());
        };
        writeThrough(update);
        long now = context.currentSystemTimeMs();
        // segment statistics carry no event time of their own: their record timestamp stands in
        long eventTime = event.eventTime() > 0 ? event.eventTime() : record.timestamp();
        for (TerritoryHealthReport health : update.health()) {
            var avro = AvroMapping.territoryHealth(health, eventTime, now);
            context.forward(record.withKey(health.repId()).withValue(new TerritoryOutput(avro, null)));
        }
        for (TeamBalanceReport balance : update.balances()) {
            var avro = AvroMapping.teamBalance(balance, eventTime, now);
            context.forward(record.withKey(balance.team()).withValue(new TerritoryOutput(null, avro)));
        }
    }

    private void writeThrough(BookUpdate update) {
        for (String repId : update.changedTerritories()) {
            TerritoryAccumulator stored = book.storedTerritory(repId);
            if (stored == null) {
                territories.delete(repId);
            } else {
                territories.put(repId, stored);
            }
        }
        for (String repId : update.changedReps()) {
            RepProfile rep = book.rep(repId);
            if (rep == null) {
                reps.delete(repId);
            } else {
                reps.put(repId, rep);
            }
        }
        Segment segment = update.changedSegment();
        if (segment != null) {
            SegmentConversion published = book.publishedStats(segment);
            if (published == null) {
                segmentStats.delete(segment.name());
            } else {
                segmentStats.put(segment.name(), published);
            }
        }
    }
}
