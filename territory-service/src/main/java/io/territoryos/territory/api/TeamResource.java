package io.territoryos.territory.api;

import io.territoryos.security.Roles;
import io.territoryos.territory.mapping.Documents;
import io.territoryos.territory.persistence.TerritoryHistoryRepository;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/** Current balance of each team (and of the organisation, {@code __ORG__}) and its history. */
@Path("/api/teams")
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Teams")
@Produces(MediaType.APPLICATION_JSON)
public class TeamResource {

    private final TerritoryHistoryRepository repository;

    public TeamResource(TerritoryHistoryRepository repository) {
        this.repository = repository;
    }

    @Operation(summary = "Current balance of every team and of the organisation (__ORG__)")
    @APIResponse(responseCode = "200", description = "one balance per team")
    @APIResponse(responseCode = "401", description = "no or wrong credentials (JSON: error, reason)")
    @APIResponse(responseCode = "403", description = "the user lacks the role (JSON: error, reason)")
    @GET
    public List<Map<String, Object>> teams() {
        return repository.currentBalances().stream().map(Documents::toJson).toList();
    }

    @Operation(summary = "Current balance of one team")
    @APIResponse(responseCode = "200", description = "the team's balance")
    @APIResponse(responseCode = "401", description = "no or wrong credentials (JSON: error, reason)")
    @APIResponse(responseCode = "403", description = "the user lacks the role (JSON: error, reason)")
    @APIResponse(responseCode = "404", description = "not found (JSON: error, reason)")
    @GET
    @Path("/{team}/balance")
    public Map<String, Object> balance(@PathParam("team") String team) {
        return repository.currentBalanceOf(team).map(Documents::toJson)
                .orElseThrow(() -> new NotFoundException("no balance for team " + team));
    }

    @Operation(summary = "A team's balance over time (from, to: ISO instant or date)")
    @APIResponse(responseCode = "200", description = "balances, oldest first")
    @APIResponse(responseCode = "400", description = "invalid parameters or body (JSON: error, reason)")
    @APIResponse(responseCode = "401", description = "no or wrong credentials (JSON: error, reason)")
    @APIResponse(responseCode = "403", description = "the user lacks the role (JSON: error, reason)")
    @GET
    @Path("/{team}/balance/history")
    public List<Map<String, Object>> history(@PathParam("team") String team, @QueryParam("from") String from,
                                             @QueryParam("to") String to) {
        return repository.balanceHistory(team, TimeParameters.startOf(from, "from"), TimeParameters.endOf(to, "to"))
                .stream().map(Documents::toJson).toList();
    }
}
