package io.territoryos.trigger.api;

import io.territoryos.trigger.streams.EmittedCommand;
import io.territoryos.trigger.streams.RecentCommands;
import io.territoryos.trigger.streams.StoreNames;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.List;
import java.util.Map;

/**
 * GET /api/commands/recent?limit=N: the last rebalance commands emitted, newest first, from the hub's store (held
 * by the instance that runs the hub task; 503 while it is starting or rebalancing).
 */
@Path("/api/commands")
@Produces(MediaType.APPLICATION_JSON)
public class CommandResource {

    private static final int MAX_LIMIT = 500;

    private final KafkaStreams streams;

    public CommandResource(KafkaStreams streams) {
        this.streams = streams;
    }

    @GET
    @Path("/recent")
    public Response recent(@QueryParam("limit") @DefaultValue("20") int limit) {
        try {
            ReadOnlyKeyValueStore<String, EmittedCommand> store = streams.store(
                    StoreQueryParameters.fromNameAndType(StoreNames.EMITTED_COMMANDS, QueryableStoreTypes.keyValueStore()));
            List<EmittedCommand> commands = RecentCommands.from(store, Math.min(limit, MAX_LIMIT));
            return Response.ok(commands).build();
        } catch (InvalidStateStoreException e) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .entity(Map.of("error", "command store not available yet: " + e.getMessage())).build();
        }
    }
}
