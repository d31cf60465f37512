package io.territoryos.trigger.api;

import io.territoryos.security.ApiError;
import jakarta.ws.rs.core.Response;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.List;
import java.util.function.Function;

/**
 * Reads one of the hub's stores for a listing; held by the instance that runs the hub task, so 503 while it is
 * starting or rebalancing.
 */
final class HubStores {

    static final int MAX_LIMIT = 500;

    static <V> Response list(KafkaStreams streams, String storeName, String what,
                             Function<ReadOnlyKeyValueStore<String, V>, List<V>> read) {
        try {
            ReadOnlyKeyValueStore<String, V> store = streams.store(
                    StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.<String, V>keyValueStore()));
            return Response.ok(read.apply(store)).build();
        } catch (InvalidStateStoreException e) {
            return ApiError.response(503, what + " store not available yet: " + e.getMessage());
        }
    }

    private HubStores() {
    }
}
