package io.territoryos.scoring.api;

import io.territoryos.scoring.domain.AccountScore;
import io.territoryos.scoring.streams.ScoringQueries;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The current score of an account, with the inputs, components and weights version that explain it. */
@Path("/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountScoreResource {

    private final ScoringQueries queries;

    public AccountScoreResource(ScoringQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/{accountId}/score")
    public ScoreExplanation score(@PathParam("accountId") String accountId) {
        AccountScore score = queries.accountScore(accountId)
                .orElseThrow(() -> new NotFoundException("no score for account " + accountId + " on this instance"));
        return ScoreExplanation.of(score, queries.weights().inForce());
    }
}
