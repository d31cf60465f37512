package io.territoryos.optimizer.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.security.identity.SecurityIdentity;
import io.territoryos.optimizer.workflow.WhatIfService;
import io.territoryos.optimizer.workflow.WhatIfService.Scenario;
import io.territoryos.optimizer.workflow.WhatIfService.WhatIfReport;
import io.territoryos.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.util.concurrent.TimeoutException;

/**
 * Headcount simulation for a maker: one scenario on a team's live books, solved with the
 * service's solver, answered with before/after per rep and for the team. Read-only: nothing stored or published,
 * so the log line names who asked.
 */
@Path("/api/what-if")
@RolesAllowed(Roles.MAKER)
@Tag(name = "What-if")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WhatIfResource {

    /** A rep in a request; for a split only id and name count (the rest comes from the rep being split). */
    public record RepSpec(String id, String name, String segment, String region, Double quota,
                          @JsonProperty("capacity_accounts") Integer capacityAccounts, Boolean ramping) {
    }

    /**
     * {@code type} is ADD_REP (rep), REMOVE_REP (rep_id), SPLIT_TERRITORY (rep_id, new_rep, optional quota_share,
     * else new_rep.quota / the rep's quota, else one half) or CHANGE_QUOTA (rep_id, quota).
     */
    public record WhatIfRequest(String team, String type, RepSpec rep, @JsonProperty("rep_id") String repId,
                                @JsonProperty("new_rep") RepSpec newRep, Double quota,
                                @JsonProperty("quota_share") Double quotaShare) {
    }

    private static final Logger LOG = Logger.getLogger(WhatIfResource.class);

    @Inject
    WhatIfService whatIf;

    @Inject
    SecurityIdentity identity;

    @Operation(summary = "Simulate adding or removing a rep, a quota change or a split on a team's live books (maker); nothing stored")
    @APIResponse(responseCode = "200", description = "before/after per rep and for the team")
    @APIResponse(responseCode = "400", description = "invalid parameters or body (JSON: error, reason)")
    @APIResponse(responseCode = "401", description = "no or wrong credentials (JSON: error, reason)")
    @APIResponse(responseCode = "403", description = "the user lacks the role (JSON: error, reason)")
    @APIResponse(responseCode = "503", description = "state not queryable yet: starting, rebalancing or catching up (JSON: error, reason)")
    @POST
    public WhatIfReport simulate(WhatIfRequest request) throws InterruptedException {
        if (request == null) {
            throw new IllegalArgumentException("a what-if needs a body: team and one scenario");
        }
        Scenario scenario = scenario(request);
        LOG.infof("what-if %s on team %s by %s", request.type(), request.team(), identity.getPrincipal().getName());
        try {
            return whatIf.simulate(request.team(), scenario);
        } catch (TimeoutException e) {
            throw new ServiceUnavailableException("the book view has not caught up with the topics yet: " + e.getMessage());
        }
    }

    private static Scenario scenario(WhatIfRequest request) {
        String type = request.type() == null ? "" : request.type();
        return switch (type) {
            case "ADD_REP" -> {
                RepSpec rep = required(request.rep(), "rep");
                yield new WhatIfService.AddRep(rep.id(), rep.name(), rep.segment(), rep.region(),
                        required(rep.quota(), "rep.quota"), rep.capacityAccounts(), Boolean.TRUE.equals(rep.ramping()));
            }
            case "REMOVE_REP" -> new WhatIfService.RemoveRep(required(request.repId(), "rep_id"));
            case "CHANGE_QUOTA" -> new WhatIfService.ChangeQuota(required(request.repId(), "rep_id"),
                    required(request.quota(), "quota"));
            case "SPLIT_TERRITORY" -> {
                RepSpec newRep = required(request.newRep(), "new_rep");
                yield new WhatIfService.SplitTerritory(required(request.repId(), "rep_id"), newRep.id(), newRep.name(),
                        request.quotaShare(), newRep.quota());
            }
            default -> throw new IllegalArgumentException(
                    "type must be ADD_REP, REMOVE_REP, SPLIT_TERRITORY or CHANGE_QUOTA: " + request.type());
        };
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }
}
