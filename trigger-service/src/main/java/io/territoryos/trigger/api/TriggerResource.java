package io.territoryos.trigger.api;

import io.territoryos.trigger.config.TopologyConfigs;
import io.territoryos.trigger.config.TriggerConfig;
import io.territoryos.trigger.domain.RuleDescription;
import io.territoryos.trigger.domain.TriggerRules;
import io.territoryos.trigger.streams.TriggerTopologyConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** GET /api/triggers: the rules, their settings and the topics, as configured. */
@Path("/api/triggers")
@Produces(MediaType.APPLICATION_JSON)
public class TriggerResource {

    /** What the service is configured to do. */
    public record TriggersView(TriggerTopologyConfig.TopicNames topics, List<RuleDescription> rules, String alertSettle,
                               String inactivityScanInterval, String dedupeRetention) {
    }

    private final TriggerConfig config;

    public TriggerResource(TriggerConfig config) {
        this.config = config;
    }

    @GET
    public TriggersView triggers() {
        TriggerTopologyConfig topology = TopologyConfigs.from(config);
        return new TriggersView(topology.topics(), new TriggerRules(topology.rules()).describe(),
                topology.alertSettle().toString(), topology.inactivityScanInterval().toString(),
                topology.dedupeRetention().toString());
    }
}
