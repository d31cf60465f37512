package io.territoryos.trigger.api;

import io.territoryos.security.Roles;
import io.territoryos.trigger.streams.EmittedCommand;
import io.territoryos.trigger.streams.RecentCommands;
import io.territoryos.trigger.streams.StoreNames;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * GET /api/commands/recent?limit=N: the last rebalance commands emitted, newest first, from the hub's store (held
 * by the instance that runs the hub task; 503 while it is starting or rebalancing).
 */
@Path("/api/commands")
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Commands")
@Produces(MediaType.APPLICATION_JSON)
public class CommandResource {

    private final KafkaStreams streams;

    public CommandResource(KafkaStreams streams) {
        this.streams = streams;
    }

    @Operation(summary = "The last rebalance commands emitted, newest first")
    @APIResponse(responseCode = "200", description = "recent commands")
    @APIResponse(responseCode = "401", description = "no or wrong credentials (JSON: error, reason)")
    @APIResponse(responseCode = "403", description = "the user lacks the role (JSON: error, reason)")
    @APIResponse(responseCode = "503", description = "state not queryable yet: starting, rebalancing or catching up (JSON: error, reason)")
    @GET
    @Path("/recent")
    public Response recent(@QueryParam("limit") @DefaultValue("20") int limit) {
        return HubStores.<EmittedCommand>list(streams, StoreNames.EMITTED_COMMANDS, "command",
                store -> RecentCommands.from(store, Math.min(limit, HubStores.MAX_LIMIT)));
    }
}
