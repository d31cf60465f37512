package io.territoryos.territory.api;

import io.territoryos.territory.mapping.Documents;
import io.territoryos.territory.persistence.TerritoryHistoryRepository;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/** Current balance of each team (and of the organisation, {@code __ORG__}) and its history. */
@Path("/api/teams")
@Produces(MediaType.APPLICATION_JSON)
public class TeamResource {

    private final TerritoryHistoryRepository repository;

    public TeamResource(TerritoryHistoryRepository repository) {
        this.repository = repository;
    }

    @GET
    public List<Map<String, Object>> teams() {
        return repository.currentBalances().stream().map(Documents::toJson).toList();
    }

    @GET
    @Path("/{team}/balance")
    public Map<String, Object> balance(@PathParam("team") String team) {
        return repository.currentBalanceOf(team).map(Documents::toJson)
                .orElseThrow(() -> new NotFoundException("no balance for team " + team));
    }

    @GET
    @Path("/{team}/balance/history")
    public List<Map<String, Object>> history(@PathParam("team") String team, @QueryParam("from") String from,
                                             @QueryParam("to") String to) {
        return repository.balanceHistory(team, TimeParameters.startOf(from, "from"), TimeParameters.endOf(to, "to"))
                .stream().map(Documents::toJson).toList();
    }
}
