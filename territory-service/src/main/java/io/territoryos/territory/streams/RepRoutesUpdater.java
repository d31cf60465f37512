package io.territoryos.territory.streams;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global table of rep routes (rep id → team key) that every task reads; a tombstone removes a route. */
final class RepRoutesUpdater implements Processor<String, String, Void, Void> {

    private KeyValueStore<String, String> routes;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.routes = context.getStateStore(TerritoryTopology.REP_ROUTES_STORE);
    }

    @Override
    public void process(Record<String, String> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            routes.delete(record.key());
        } else {
            routes.put(record.key(), record.value());
        }
    }
}
