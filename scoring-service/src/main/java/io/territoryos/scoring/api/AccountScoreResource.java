package io.territoryos.scoring.api;

import io.territoryos.scoring.domain.AccountScore;
import io.territoryos.scoring.streams.ScoringQueries;
import io.territoryos.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The current score of an account, with the inputs, components and weights version that explain it. */
@Path("/accounts")
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Scores")
@Produces(MediaType.APPLICATION_JSON)
public class AccountScoreResource {

    private final ScoringQueries queries;

    public AccountScoreResource(ScoringQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "An account's current score with its inputs, components and weights version")
    @APIResponse(responseCode = "200", description = "the score and its explanation")
    @APIResponse(responseCode = "401", description = "no or wrong credentials (JSON: error, reason)")
    @APIResponse(responseCode = "403", description = "the user lacks the role (JSON: error, reason)")
    @APIResponse(responseCode = "404", description = "not found (JSON: error, reason)")
    @APIResponse(responseCode = "503", description = "state not queryable yet: starting, rebalancing or catching up (JSON: error, reason)")
    @GET
    @Path("/{accountId}/score")
    public ScoreExplanation score(@PathParam("accountId") String accountId) {
        AccountScore score = queries.accountScore(accountId)
                .orElseThrow(() -> new NotFoundException("no score for account " + accountId + " on this instance"));
        return ScoreExplanation.of(score, queries.weights().inForce());
    }
}
