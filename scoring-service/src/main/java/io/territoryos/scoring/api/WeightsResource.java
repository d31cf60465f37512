package io.territoryos.scoring.api;

import io.territoryos.scoring.domain.Weights;
import io.territoryos.scoring.streams.ScoringQueries;
import io.territoryos.scoring.streams.ScoringQueries.WeightsStatus;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The weights version in force (version 0 = built-in defaults) and how far its re-scoring got. */
@Path("/weights")
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

    @GET
    public WeightsView inForce() {
        WeightsStatus status = queries.weights();
        return new WeightsView(status.inForce(), status.tasks(), status.tasksBehind(), status.tasksRescoring(),
                status.remainingAccounts(), status.rescoreComplete());
    }
}
