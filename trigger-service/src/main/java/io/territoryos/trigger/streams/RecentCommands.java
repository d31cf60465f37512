package io.territoryos.trigger.streams;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The last commands the hub emitted, newest first, read from its emitted-commands store. */
public final class RecentCommands {

    public static List<EmittedCommand> from(ReadOnlyKeyValueStore<String, EmittedCommand> store, int limit) {
        List<EmittedCommand> all = new ArrayList<>();
        try (KeyValueIterator<String, EmittedCommand> entries = store.all()) {
            entries.forEachRemaining(e -> all.add(e.value));
        }
        return all.stream()
                .sorted(Comparator.comparingLong(EmittedCommand::issuedAt)
                        .thenComparingLong(e -> e.command().sourceEventTime())
                        .reversed())
                .limit(Math.max(0, limit))
                .toList();
    }

    private RecentCommands() {
    }
}
