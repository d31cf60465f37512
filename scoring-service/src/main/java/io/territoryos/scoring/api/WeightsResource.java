package io.territoryos.scoring.api;

import io.territoryos.scoring.domain.Weights;
import io.territoryos.scoring.streams.ScoringQueries;
import io.territoryos.scoring.streams.ScoringQueries.WeightsStatus;
import io.territoryos.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The weights version in force (version 0 = built-in defaults) and how far its re-scoring got. */
@Path("/weights")
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Weights")
@Produces(MediaType.APPLICATION_JSON)
public class WeightsResource {

    private final ScoringQueries queries;

    public WeightsResource(ScoringQueries queries) {
        this.queries = queries;
    }

    /** What GET /weights shows: the version in force and whether every local account names it yet. */
    public record WeightsView(Weights inForce, int tasks, int tasksBehind, int tasksRescoring, long remainingAccounts,
                              boolean rescoreComplete) {
    }

    @Operation(summary = "The weights version in force and how far its re-scoring got")
    @APIResponse(responseCode = "200", description = "the weights and re-scoring progress")
    @APIResponse(responseCode = "401", description = "no or wrong credentials (JSON: error, reason)")
    @APIResponse(responseCode = "403", description = "the user lacks the role (JSON: error, reason)")
    @APIResponse(responseCode = "503", description = "state not queryable yet: starting, rebalancing or catching up (JSON: error, reason)")
    @GET
    public WeightsView inForce() {
        WeightsStatus status = queries.weights();
        return new WeightsView(status.inForce(), status.tasks(), status.tasksBehind(), status.tasksRescoring(),
                status.remainingAccounts(), status.rescoreComplete());
    }
}
