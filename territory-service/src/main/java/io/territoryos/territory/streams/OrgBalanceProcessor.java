package io.territoryos.territory.streams;

import io.territoryos.contracts.avro.TeamBalance;
import io.territoryos.territory.domain.BalanceMember;
import io.territoryos.territory.domain.PendingPublication;
import io.territoryos.territory.domain.TeamBalanceReport;
import io.territoryos.territory.domain.Territories;
import io.territoryos.territory.mapping.AvroMapping;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the territory summaries the team tasks publish (one per territory and window) and writes the
 * organisation's balance once per window: the roll-up keeps one small summary per rep, not the accounts.
 */
final class OrgBalanceProcessor implements Processor<String, OrgMemberChange, String, TeamBalance> {

    private static final String DIRTY = Territories.ORG;
    /** The times of the last published organisation balance. */
    private static final String PUBLISHED = "p:" + Territories.ORG;

    private final Duration window;
    private ProcessorContext<String, TeamBalance> context;
    private KeyValueStore<String, BalanceMember> members;
    private KeyValueStore<String, PendingPublication> pending;

    OrgBalanceProcessor(Duration window) {
        this.window = window;
    }

    @Override
    public void init(ProcessorContext<String, TeamBalance> context) {
        this.context = context;
        this.members = context.getStateStore(TerritoryTopology.ORG_MEMBERS_STORE);
        this.pending = context.getStateStore(TerritoryTopology.ORG_PENDING_STORE);
        context.schedule(window, PunctuationType.WALL_CLOCK_TIME, this::publish);
    }

    @Override
    public void process(Record<String, OrgMemberChange> record) {
        OrgMemberChange change = record.value();
        if (change == null) {
            return;
        }
        // only territories that count in balance are kept: the pool, orphans and EXITED reps change nothing here
        BalanceMember next = change.member() != null && change.member().countsInBalance() ? change.member() : null;
        BalanceMember stored = members.get(change.repId());
        if (next != null) {
            if (next.equals(stored)) {
                return;
            }
            members.put(change.repId(), next);
        } else {
            // a rep that changed team is added by its new team's task, maybe before its old team removes it
            if (stored == null || !stored.home().equals(change.home())) {
                return;
            }
            members.delete(change.repId());
        }
        PendingPublication current = pending.get(DIRTY);
        pending.put(DIRTY, current == null
                ? PendingPublication.of(change.eventTime(), record.timestamp(), PendingPublication.Fate.CHANGED)
                : current.withChange(change.eventTime(), record.timestamp()));
    }

    private void publish(long now) {
        PendingPublication due = pending.get(DIRTY);
        if (due == null) {
            return;
        }
        List<BalanceMember> all = new ArrayList<>();
        try (KeyValueIterator<String, BalanceMember> iterator = members.all()) {
            iterator.forEachRemaining(entry -> all.add(entry.value));
        }
        // the members' changes come from every team partition: the times published only rise
        PendingPublication before = pending.get(PUBLISHED);
        PendingPublication raised = before == null ? due : due.withChange(before.eventTime(), before.recordTime());
        TeamBalanceReport balance = TeamBalanceReport.ofMembers(Territories.ORG, all);
        context.forward(new Record<>(Territories.ORG, AvroMapping.teamBalance(balance, raised.eventTime(), now), raised.recordTime()));
        pending.delete(DIRTY);
        pending.put(PUBLISHED, raised);
    }
}
