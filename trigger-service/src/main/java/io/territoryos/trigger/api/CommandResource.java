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

/**
 * GET /api/commands/recent?limit=N: the last rebalance commands emitted, newest first, from the hub's store (held
 * by the instance that runs the hub task; 503 while it is starting or rebalancing).
 */
@Path("/api/commands")
@Produces(MediaType.APPLICATION_JSON)
public class CommandResource {

    private final KafkaStreams streams;

    public CommandResource(KafkaStreams streams) {
        this.streams = streams;
    }

    @GET
    @Path("/recent")
    public Response recent(@QueryParam("limit") @DefaultValue("20") int limit) {
        return HubStores.<EmittedCommand>list(streams, StoreNames.EMITTED_COMMANDS, "command",
                store -> RecentCommands.from(store, Math.min(limit, HubStores.MAX_LIMIT)));
    }
}
