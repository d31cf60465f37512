package io.territoryos.trigger.streams;

import io.territoryos.trigger.domain.AlertKind;
import io.territoryos.contracts.serde.RecordSerde;
import io.territoryos.trigger.domain.Episode;
import io.territoryos.trigger.domain.TerritoryAlertRule;
import io.territoryos.trigger.domain.TerritoryFacts;
import io.territoryos.trigger.domain.TriggerRules;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads territory health (keyed by rep id), sends it to the hub, and raises the coverage and renewal-status alerts
 * once per crossing: immediately, or once the territory has been quiet for the settle period.
 */
final class TerritoryProcessor extends ContextualProcessor<String, TerritoryFacts, String, Emission> {

    static ProcessorSupplier<String, TerritoryFacts, String, Emission> supplier(
            TriggerRules rules, Duration settle, Duration checkInterval, TriggerListener listener) {
        return new ProcessorSupplier<>() {
            @Override
            public TerritoryProcessor get() {
                return new TerritoryProcessor(rules, settle, checkInterval, listener);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                // written for every territory-health record: binary and cached (JSON it held before still reads)
                return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.REP_ALERTS),
                        Serdes.String(), RecordSerde.of(RepAlertState.class)).withCachingEnabled());
            }
        };
    }

    private final TriggerRules rules;
    private final Duration settle;
    private final Duration checkInterval;
    private final TriggerListener listener;
    private KeyValueStore<String, RepAlertState> states;

    private TerritoryProcessor(TriggerRules rules, Duration settle, Duration checkInterval, TriggerListener listener) {
        this.rules = rules;
        this.settle = settle;
        this.checkInterval = checkInterval;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<String, Emission> context) {
        super.init(context);
        states = context.getStateStore(StoreNames.REP_ALERTS);
        if (!settle.isZero()) {
            // "quiet" is wall-clock time: during a bulk load event time barely moves
            context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, this::raiseSettled);
        }
    }

    @Override
    public void process(Record<String, TerritoryFacts> record) {
        if (record.value() == null) {
            if (record.key() != null) {
                states.delete(record.key());
            }
            return;
        }
        TerritoryFacts territory = record.value();
        context().forward(new Record<>(territory.repId(), Emission.hub(HubEvent.territory(territory)), record.timestamp()));

        RepAlertState previous = states.get(territory.repId());
        Map<AlertKind, Episode> episodes = new EnumMap<>(AlertKind.class);
        for (TerritoryAlertRule rule : rules.territoryAlerts()) {
            Episode before = previous == null ? Episode.NONE : previous.episode(rule.kind());
            episodes.put(rule.kind(), rule.observe(before, territory));
        }
        RepAlertState state = new RepAlertState(territory, episodes, context().currentSystemTimeMs());
        if (settle.isZero()) {
            state = raisePending(state);
        }
        states.put(territory.repId(), state);
    }

    private void raiseSettled(long now) {
        List<KeyValue<String, RepAlertState>> updated = new ArrayList<>();
        try (KeyValueIterator<String, RepAlertState> all = states.all()) {
            while (all.hasNext()) {
                KeyValue<String, RepAlertState> entry = all.next();
                if (entry.value.anyPending() && now - entry.value.lastChangeWallMs() >= settle.toMillis()) {
                    updated.add(KeyValue.pair(entry.key, raisePending(entry.value)));
                }
            }
        }
        states.putAll(updated);
    }

    private RepAlertState raisePending(RepAlertState state) {
        Map<AlertKind, Episode> episodes = new EnumMap<>(state.episodes());
        for (TerritoryAlertRule rule : rules.territoryAlerts()) {
            Episode episode = state.episode(rule.kind());
            if (episode.pending()) {
                var alert = rule.alert(episode, state.latest());
                listener.alertRaised(alert.kind());
                context().forward(new Record<>(alert.partitionKey(), Emission.alert(alert), state.latest().eventTime()));
                episodes.put(rule.kind(), episode.markAlerted());
            }
        }
        return new RepAlertState(state.latest(), episodes, state.lastChangeWallMs());
    }
}
