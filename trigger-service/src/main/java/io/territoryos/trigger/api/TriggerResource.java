package io.territoryos.trigger.api;

import io.territoryos.security.Roles;
import io.territoryos.trigger.config.TopologyConfigs;
import io.territoryos.trigger.config.TriggerConfig;
import io.territoryos.trigger.domain.RuleDescription;
import io.territoryos.trigger.domain.TriggerRules;
import io.territoryos.trigger.streams.RecentCommands;
import io.territoryos.trigger.streams.StoreNames;
import io.territoryos.trigger.streams.SuppressedCommand;
import io.territoryos.trigger.streams.TriggerTopologyConfig;
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

import java.util.List;

/**
 * GET /api/triggers: the rules, their settings and the topics, as configured. GET /api/triggers/suppressed?limit=N:
 * the last commands a cooldown held, newest first, each with its reason, when its type last fired for the subject
 * and when the cooldown ends (from the hub's store; 503 while it is starting or rebalancing).
 */
@Path("/api/triggers")
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Triggers")
@Produces(MediaType.APPLICATION_JSON)
public class TriggerResource {

    /** What the service is configured to do. */
    public record TriggersView(TriggerTopologyConfig.TopicNames topics, List<RuleDescription> rules, String alertSettle,
                               String inactivityScanInterval, String dedupeRetention) {
    }

    private final TriggerConfig config;
    private final KafkaStreams streams;

    public TriggerResource(TriggerConfig config, KafkaStreams streams) {
        this.config = config;
        this.streams = streams;
    }

    @Operation(summary = "The trigger rules, their settings and topics, as configured")
    @APIResponse(responseCode = "200", description = "rules and settings")
    @APIResponse(responseCode = "401", description = "no or wrong credentials (JSON: error, reason)")
    @APIResponse(responseCode = "403", description = "the user lacks the role (JSON: error, reason)")
    @GET
    public TriggersView triggers() {
        TriggerTopologyConfig topology = TopologyConfigs.from(config);
        return new TriggersView(topology.topics(), new TriggerRules(topology.rules()).describe(),
                topology.alertSettle().toString(), topology.inactivityScanInterval().toString(),
                topology.dedupeRetention().toString());
    }

    @Operation(summary = "The last commands a cooldown held, newest first")
    @APIResponse(responseCode = "200", description = "suppressed commands with their reasons")
    @APIResponse(responseCode = "401", description = "no or wrong credentials (JSON: error, reason)")
    @APIResponse(responseCode = "403", description = "the user lacks the role (JSON: error, reason)")
    @APIResponse(responseCode = "503", description = "state not queryable yet: starting, rebalancing or catching up (JSON: error, reason)")
    @GET
    @Path("/suppressed")
    public Response suppressed(@QueryParam("limit") @DefaultValue("20") int limit) {
        return HubStores.<SuppressedCommand>list(streams, StoreNames.SUPPRESSED_COMMANDS, "suppressed-command",
                store -> RecentCommands.suppressed(store, Math.min(limit, HubStores.MAX_LIMIT)));
    }
}
