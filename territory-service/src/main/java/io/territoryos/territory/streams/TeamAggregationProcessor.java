package io.territoryos.territory.streams;

import io.territoryos.contracts.avro.Segment;
import io.territoryos.territory.domain.AccountContribution;
import io.territoryos.territory.domain.AccountDelta;
import io.territoryos.territory.domain.BalanceMember;
import io.territoryos.territory.domain.HealthPolicy;
import io.territoryos.territory.domain.PendingPublication;
import io.territoryos.territory.domain.PendingPublication.Fate;
import io.territoryos.territory.domain.RepProfile;
import io.territoryos.territory.domain.SegmentConversion;
import io.territoryos.territory.domain.TeamBalanceReport;
import io.territoryos.territory.domain.Territories;
import io.territoryos.territory.domain.TerritoryAccumulator;
import io.territoryos.territory.domain.TerritoryDelta;
import io.territoryos.territory.domain.TerritoryHealthCalculator;
import io.territoryos.territory.domain.TerritoryHealthReport;
import io.territoryos.territory.mapping.AvroMapping;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the changes of the teams on one partition (the account step's territory deltas, rep rows, segment
 * statistics, handed-over sums) and writes, once per publish window, the health of every territory that changed
 * and the balance of every team that changed, plus a summary per territory for the organisation's roll-up. An
 * account that moves inside a team arrives in one record with the team's other deltas of its window, so both
 * territories change in the same update; the window coalesces any number of changes into one record per
 * territory and team, carrying the newest change's event time.
 * <p>
 * Sums of a territory that reached this task although its team lives on another partition (a route not yet
 * known, a rep that changed team) are handed over to that team's task in the same transaction that removes
 * them here, so nothing is counted twice and Σ territory potential = Σ account potential at every quiet point.
 * <p>
 * Two nodes share the stores: the one reading changes publishes ({@code publishes}), the one reading handed-over
 * sums only applies them.
 */
final class TeamAggregationProcessor implements Processor<String, TerritoryEvent, String, TerritoryOutput> {

    private static final String REP = "r:";
    private static final String TEAM = "t:";
    /** What was last published for a territory or team ({@code p:r:…}, {@code p:t:…}): its event time only rises. */
    private static final String PUBLISHED = "p:";
    private static final StringSerializer KEYS = new StringSerializer();

    private final TerritoryHealthCalculator calculator;
    private final int partitions;
    private final Duration window;
    private final boolean publishes;
    private ProcessorContext<String, TerritoryOutput> context;
    private long recordTime; // timestamp of the input record being processed
    private KeyValueStore<String, TerritoryAccumulator> territories;
    private KeyValueStore<String, RepProfile> reps;
    private KeyValueStore<String, SegmentConversion> segmentStats;
    private KeyValueStore<String, PendingPublication> pending;
    private KeyValueStore<String, String> routes;

    TeamAggregationProcessor(HealthPolicy policy, int partitions, Duration window, boolean publishes) {
        this.calculator = new TerritoryHealthCalculator(policy);
        this.partitions = partitions;
        this.window = window;
        this.publishes = publishes;
    }

    @Override
    public void init(ProcessorContext<String, TerritoryOutput> context) {
        this.context = context;
        this.territories = context.getStateStore(TerritoryTopology.TERRITORIES_STORE);
        this.reps = context.getStateStore(TerritoryTopology.REPS_STORE);
        this.segmentStats = context.getStateStore(TerritoryTopology.SEGMENT_STATS_STORE);
        this.pending = context.getStateStore(TerritoryTopology.PENDING_STORE);
        this.routes = context.getStateStore(TerritoryTopology.REP_ROUTES_STORE);
        if (publishes) {
            context.schedule(window, PunctuationType.WALL_CLOCK_TIME, this::publish);
        }
    }

    @Override
    public void process(Record<String, TerritoryEvent> record) {
        TerritoryEvent event = record.value();
        if (event == null) {
            return;
        }
        // segment statistics carry no event time of their own: their record timestamp stands in
        long time = event.eventTime() > 0 ? event.eventTime() : record.timestamp();
        recordTime = record.timestamp();
        switch (event.kind()) {
            case TERRITORY_DELTAS -> event.deltas().forEach(this::apply);
            case ACCOUNT_DELTA -> apply(event.delta(), time);
            case TRANSFER -> {
                add(event.territory().repId(), event.territory());
                changed(event.territory().repId(), time);
            }
            case REP_UPSERT -> upsertRep(event.rep(), time);
            case REP_LEFT -> removeRep(event.repId(), time, Fate.LEFT);
            case REP_REMOVED -> removeRep(event.repId(), time, Fate.DELETED);
            case SEGMENT_STATS -> applyStats(event.segment(), event.stats(), time);
        }
    }

    // --- changes ---------------------------------------------------------------------------------------------

    private void apply(TerritoryDelta delta) {
        recordTime = delta.recordTime();
        add(delta.territoryId(), delta.sums());
        changed(delta.territoryId(), delta.eventTime());
    }

    private void apply(AccountDelta delta, long time) {
        AccountContribution before = delta.before();
        AccountContribution after = delta.after();
        if (before != null) {
            put(territory(before.territoryId()).minus(before));
            changed(before.territoryId(), time);
        }
        if (after != null) {
            put(territory(after.territoryId()).plus(after));
            changed(after.territoryId(), time);
        }
    }

    private void upsertRep(RepProfile rep, long time) {
        RepProfile previous = reps.get(rep.repId());
        reps.put(rep.repId(), rep);
        mark(REP + rep.repId(), time, Fate.CHANGED, null);
        teamChanged(previous, time);
        teamChanged(rep, time);
    }

    private void removeRep(String repId, long time, Fate fate) {
        RepProfile previous = reps.get(repId);
        reps.delete(repId);
        mark(REP + repId, time, fate, previous == null ? null : Territories.homeOf(previous.team()));
        teamChanged(previous, time);
    }

    private void applyStats(Segment segment, SegmentConversion stats, long time) {
        if (stats == null) {
            segmentStats.delete(segment.name());
        } else {
            segmentStats.put(segment.name(), stats);
        }
        try (KeyValueIterator<String, RepProfile> all = reps.all()) {
            while (all.hasNext()) {
                RepProfile rep = all.next().value;
                if (rep.segment() == segment) {
                    changed(rep.repId(), time);
                }
            }
        }
    }

    // --- publishing ------------------------------------------------------------------------------------------

    private void publish(long now) {
        Map<String, PendingPublication> due = new TreeMap<>();
        for (String prefix : List.of(REP, TEAM)) {
            try (KeyValueIterator<String, PendingPublication> marked = pending.prefixScan(prefix, KEYS)) {
                marked.forEachRemaining(entry -> due.put(entry.key, entry.value));
            }
        }
        for (Map.Entry<String, PendingPublication> entry : due.entrySet()) {
            String key = entry.getKey();
            PendingPublication change = raised(key, entry.getValue());
            boolean published = key.startsWith(REP)
                    ? publishTerritory(key.substring(REP.length()), change, now)
                    : publishTeam(key.substring(TEAM.length()), change, now);
            pending.delete(key);
            if (published) {
                pending.put(PUBLISHED + key, change);
            } else {
                pending.delete(PUBLISHED + key);
            }
        }
        handOverForeignTerritories(now);
    }

    /**
     * The change with the event and record time no lower than what was published before: changes of one
     * territory reach this task from several input partitions, so a window may hold only an older change than
     * the last window did, and a record's event time must still say that everything up to it is counted.
     */
    private PendingPublication raised(String key, PendingPublication change) {
        PendingPublication before = pending.get(PUBLISHED + key);
        return before == null ? change : new PendingPublication(Math.max(before.eventTime(), change.eventTime()),
                Math.max(before.recordTime(), change.recordTime()), change.fate(), change.formerHome());
    }

    /** Publishes the territory's health or its tombstone; true when a health record was published. */
    private boolean publishTerritory(String repId, PendingPublication change, long now) {
        RepProfile rep = reps.get(repId);
        TerritoryAccumulator sums = territories.get(repId);
        String home = homeOf(repId);
        boolean homeHere = isHere(home);
        PendingPublication.Outcome outcome = change.outcome(rep != null, sums == null, homeHere);
        switch (outcome) {
            case HEALTH -> {
                TerritoryHealthReport health = calculator.health(territory(repId), rep, this::stats);
                String from = rep != null ? Territories.homeOf(rep.team()) : home;
                context.forward(new Record<>(repId, TerritoryOutput.health(AvroMapping.territoryHealth(health, change.eventTime(), now)), change.recordTime()));
                member(repId, from, BalanceMember.of(health, from), change);
            }
            case TOMBSTONE -> {
                // the summary to remove was sent under the rep's team, or under NO_TEAM for a pool or orphan
                String from = change.formerHome() != null ? change.formerHome() : home;
                context.forward(new Record<>(repId, TerritoryOutput.health(null), change.recordTime()));
                member(repId, from, null, change);
            }
            case NOTHING -> {
            }
        }
        if (rep == null && change.fate() == Fate.DELETED && change.formerHome() != null
                && outcome != PendingPublication.Outcome.TOMBSTONE) {
            // a deleted rep that still owns accounts counts on as an orphan (published under NO_TEAM), but it leaves
            // the organisation's balance now, under the team it was added with, not once its last account is gone
            member(repId, change.formerHome(), null, change);
        }
        return outcome == PendingPublication.Outcome.HEALTH;
    }

    /** The territory's summary for the organisation's roll-up, sent under the home it counts in; null removes it. */
    private void member(String repId, String home, BalanceMember member, PendingPublication change) {
        context.forward(new Record<>(Territories.ORG, TerritoryOutput.member(
                new OrgMemberChange(repId, home, member, change.eventTime())), change.recordTime()));
    }

    private boolean publishTeam(String team, PendingPublication change, long now) {
        List<TerritoryHealthReport> members = new ArrayList<>();
        try (KeyValueIterator<String, RepProfile> all = reps.all()) {
            while (all.hasNext()) {
                RepProfile rep = all.next().value;
                if (team.equals(rep.team())) {
                    members.add(calculator.health(territory(rep.repId()), rep, this::stats));
                }
            }
        }
        TeamBalanceReport balance = TeamBalanceReport.of(team, members);
        context.forward(new Record<>(team, TerritoryOutput.balance(AvroMapping.teamBalance(balance, change.eventTime(), now)), change.recordTime()));
        return true;
    }

    /** Sums held here for a territory whose team lives on another partition go to that team's task. */
    private void handOverForeignTerritories(long now) {
        List<KeyValue<String, TerritoryAccumulator>> foreign = new ArrayList<>();
        try (KeyValueIterator<String, TerritoryAccumulator> all = territories.all()) {
            while (all.hasNext()) {
                KeyValue<String, TerritoryAccumulator> entry = all.next();
                if (reps.get(entry.key) == null && !isHere(homeOf(entry.key))) {
                    foreign.add(entry);
                }
            }
        }
        for (KeyValue<String, TerritoryAccumulator> entry : foreign) {
            territories.delete(entry.key);
            context.forward(new Record<>(homeOf(entry.key), TerritoryOutput.transfer(TerritoryEvent.transfer(entry.value, now)), now));
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private TerritoryAccumulator territory(String repId) {
        TerritoryAccumulator sums = territories.get(repId);
        return sums != null ? sums : TerritoryAccumulator.empty(repId);
    }

    private void add(String repId, TerritoryAccumulator part) {
        put(territory(repId).merge(part));
    }

    private void put(TerritoryAccumulator sums) {
        if (sums.isEmpty()) {
            territories.delete(sums.repId()); // an empty territory is the same as none; keeps the store small
        } else {
            territories.put(sums.repId(), sums);
        }
    }

    private SegmentConversion stats(Segment segment) {
        SegmentConversion published = segmentStats.get(segment.name());
        return published != null ? published : SegmentConversion.defaults(segment);
    }

    private String homeOf(String territoryId) {
        return TerritoryTopology.homeOf(territoryId, routes);
    }

    private boolean isHere(String home) {
        return TeamPartitioner.partitionOf(home, partitions) == context.taskId().partition();
    }

    /** The territory's sums changed: publish it, and its team's balance when it is a member here. */
    private void changed(String repId, long time) {
        mark(REP + repId, time, null, null);
        RepProfile rep = reps.get(repId);
        teamChanged(rep, time);
    }

    private void teamChanged(RepProfile rep, long time) {
        if (rep != null && rep.team() != null && !rep.team().isBlank()) {
            mark(TEAM + rep.team(), time, null, null);
        }
    }

    /** Adds a change to the window; a null fate keeps the one already there. */
    private void mark(String key, long time, Fate fate, String formerHome) {
        PendingPublication current = pending.get(key);
        PendingPublication next;
        if (fate == null) {
            next = current == null ? PendingPublication.of(time, recordTime, Fate.CHANGED) : current.withChange(time, recordTime);
        } else {
            next = current == null ? new PendingPublication(time, recordTime, fate, formerHome)
                    : current.withFate(time, recordTime, fate, formerHome);
        }
        pending.put(key, next);
    }
}
