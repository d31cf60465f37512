package io.territoryos.territory.streams;

import io.territoryos.territory.domain.AccountContribution;
import io.territoryos.territory.domain.AccountDelta;
import io.territoryos.territory.domain.Territories;
import io.territoryos.territory.domain.TerritoryDelta;
import io.territoryos.territory.domain.TimedContribution;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads scored accounts (keyed by account id), keeps each account's last contribution, and adds every change to
 * the net delta of the territories it leaves and enters; once per window it sends each team its territories'
 * deltas in one record, keyed by the team of the owner. A window of any number of account changes thus costs the
 * team's aggregation one record per team instead of one per change (a re-score of a million accounts becomes a few
 * records per window), and a move inside a team still changes both territories in the same update. A move across
 * teams lands in the two teams' records of the same window.
 * <p>
 * The deltas of the open window live in a changelogged store ({@code account-window-deltas}), so a commit between
 * two windows keeps them with the contributions they came from: after a crash they are sent once, neither lost nor
 * counted twice. The owner's team comes from the rep routes (a global table): a route that is not there yet sends
 * the delta to {@link Territories#NO_TEAM}, whose task hands the sums over once the route is known.
 */
final class AccountContributionProcessor implements Processor<String, TimedContribution, String, TerritoryEvent> {

    private static final char SEPARATOR = '\u0000';

    private final Duration window;
    /** The open window's deltas as the store holds them, read once at start so a change needs no store read. */
    private final Map<String, TerritoryDelta> open = new HashMap<>();
    private ProcessorContext<String, TerritoryEvent> context;
    private KeyValueStore<String, AccountContribution> contributions;
    private KeyValueStore<String, TerritoryDelta> deltas;
    private KeyValueStore<String, String> routes;

    AccountContributionProcessor(Duration window) {
        this.window = window;
    }

    @Override
    public void init(ProcessorContext<String, TerritoryEvent> context) {
        this.context = context;
        this.contributions = context.getStateStore(TerritoryTopology.CONTRIBUTIONS_STORE);
        this.deltas = context.getStateStore(TerritoryTopology.WINDOW_DELTAS_STORE);
        this.routes = context.getStateStore(TerritoryTopology.REP_ROUTES_STORE);
        // a task revived after an aborted transaction is initialised again: what the map held then was rolled back
        open.clear();
        try (KeyValueIterator<String, TerritoryDelta> restored = deltas.all()) {
            restored.forEachRemaining(entry -> open.put(entry.key, entry.value));
        }
        context.schedule(window, PunctuationType.WALL_CLOCK_TIME, this::send);
    }

    @Override
    public void process(Record<String, TimedContribution> record) {
        TimedContribution scored = record.value();
        AccountContribution after = scored == null ? null : scored.contribution();
        String accountId = record.key() != null ? record.key() : after == null ? null : after.accountId();
        if (accountId == null) {
            return; // a keyless tombstone names no account: there is nothing it could remove
        }
        AccountContribution before = contributions.get(accountId);
        if (!AccountDelta.changes(before, after)) {
            return; // a re-delivery or a re-score that changes nothing a territory holds
        }
        long eventTime = scored == null ? record.timestamp() : scored.sourceEventTime();
        if (after == null) {
            contributions.delete(accountId);
        } else {
            contributions.put(accountId, after);
        }
        if (before != null) {
            TerritoryDelta delta = delta(home(before), before.territoryId());
            remember(delta.minus(before, eventTime, record.timestamp()));
        }
        if (after != null) {
            TerritoryDelta delta = delta(home(after), after.territoryId());
            remember(delta.plus(after, eventTime, record.timestamp()));
        }
    }

    /** Sends each team the deltas of its territories and closes the window. */
    private void send(long now) {
        if (open.isEmpty()) {
            return;
        }
        Map<String, List<TerritoryDelta>> byTeam = new TreeMap<>();
        for (Map.Entry<String, TerritoryDelta> entry : new TreeMap<>(open).entrySet()) {
            byTeam.computeIfAbsent(entry.getValue().home(), team -> new ArrayList<>()).add(entry.getValue());
            deltas.delete(entry.getKey());
        }
        open.clear();
        for (Map.Entry<String, List<TerritoryDelta>> team : byTeam.entrySet()) {
            long recordTime = team.getValue().stream().mapToLong(TerritoryDelta::recordTime).max().orElse(now);
            context.forward(new Record<>(team.getKey(), TerritoryEvent.territoryDeltas(team.getValue()), recordTime));
        }
    }

    private TerritoryDelta delta(String home, String territoryId) {
        TerritoryDelta current = open.get(key(home, territoryId));
        return current != null ? current : TerritoryDelta.none(home, territoryId);
    }

    private void remember(TerritoryDelta delta) {
        String key = key(delta.home(), delta.territoryId());
        open.put(key, delta);
        deltas.put(key, delta);
    }

    private static String key(String home, String territoryId) {
        return home + SEPARATOR + territoryId;
    }

    private String home(AccountContribution contribution) {
        return TerritoryTopology.homeOf(contribution.territoryId(), routes);
    }
}
