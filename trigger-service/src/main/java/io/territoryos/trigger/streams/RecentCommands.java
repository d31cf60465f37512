package io.territoryos.trigger.streams;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The last commands the hub emitted, or held by a cooldown, newest first, read from its stores. */
public final class RecentCommands {

    public static List<EmittedCommand> from(ReadOnlyKeyValueStore<String, EmittedCommand> store, int limit) {
        return newestFirst(store, Comparator.comparingLong(EmittedCommand::issuedAt)
                .thenComparingLong(e -> e.command().sourceEventTime()), limit);
    }

    /** The last commands held by a cooldown, newest (wall clock, then event time) first. */
    public static List<SuppressedCommand> suppressed(ReadOnlyKeyValueStore<String, SuppressedCommand> store, int limit) {
        return newestFirst(store, Comparator.comparingLong(SuppressedCommand::suppressedAt)
                .thenComparingLong(s -> s.command().sourceEventTime()), limit);
    }

    private static <V> List<V> newestFirst(ReadOnlyKeyValueStore<String, V> store, Comparator<V> oldestFirst, int limit) {
        List<V> all = new ArrayList<>();
        try (KeyValueIterator<String, V> entries = store.all()) {
            entries.forEachRemaining(e -> all.add(e.value));
        }
        return all.stream().sorted(oldestFirst.reversed()).limit(Math.max(0, limit)).toList();
    }

    private RecentCommands() {
    }
}
