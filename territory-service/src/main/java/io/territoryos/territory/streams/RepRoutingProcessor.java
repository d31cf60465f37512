package io.territoryos.territory.streams;

import io.territoryos.territory.domain.RepProfile;
import io.territoryos.territory.domain.Territories;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Reads rep changes (keyed by rep id) and writes them keyed by the rep's team, plus the rep's route (rep id →
 * team) for the account side: a rep that changes team is told to leave its old team's task and join the new
 * one's, and a deleted rep is removed from the team it was in. Keeps each rep's last row to know where it was.
 */
final class RepRoutingProcessor implements Processor<String, TerritoryEvent, String, RepRoutingProcessor.Routed> {

    /** A change for a team's task, or (event null) the rep's new route: home team, null when the rep is gone. */
    record Routed(TerritoryEvent event, String home) {

        boolean isRoute() {
            return event == null;
        }
    }

    private ProcessorContext<String, Routed> context;
    private KeyValueStore<String, RepProfile> lastRows;

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        this.lastRows = context.getStateStore(TerritoryTopology.REP_ROWS_STORE);
    }

    @Override
    public void process(Record<String, TerritoryEvent> record) {
        TerritoryEvent event = record.value();
        String repId = event.repId();
        RepProfile previous = lastRows.get(repId);
        String before = previous == null ? null : Territories.homeOf(previous.team());
        if (event.kind() == TerritoryEvent.Kind.REP_REMOVED) {
            if (previous == null) {
                return; // Debezium's tombstone after the delete, or a rep never seen: nothing to remove
            }
            lastRows.delete(repId);
            context.forward(record.withKey(before).withValue(new Routed(event, null)));
            context.forward(record.withKey(repId).withValue(new Routed(null, null)));
            return;
        }
        if (event.rep().equals(previous)) {
            return; // a re-delivered CDC event changes nothing
        }
        lastRows.put(repId, event.rep());
        String after = Territories.homeOf(event.rep().team());
        if (before != null && !before.equals(after)) {
            context.forward(record.withKey(before).withValue(new Routed(TerritoryEvent.repLeft(repId, event.eventTime()), null)));
        }
        context.forward(record.withKey(after).withValue(new Routed(event, null)));
        if (!after.equals(before)) {
            context.forward(record.withKey(repId).withValue(new Routed(null, after)));
        }
    }
}
