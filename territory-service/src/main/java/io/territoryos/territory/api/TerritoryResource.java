package io.territoryos.territory.api;

import io.territoryos.territory.mapping.Documents;
import io.territoryos.territory.persistence.TerritoryHistoryRepository;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Current health of territories, their history, and what a territory looked like at a given time. */
@Path("/api/territories")
@Produces(MediaType.APPLICATION_JSON)
public class TerritoryResource {

    private final TerritoryHistoryRepository repository;

    public TerritoryResource(TerritoryHistoryRepository repository) {
        this.repository = repository;
    }

    @GET
    public List<Map<String, Object>> territories(@QueryParam("team") String team) {
        return repository.currentHealth(blankToNull(team)).stream().map(Documents::toJson).toList();
    }

    @GET
    @Path("/{repId}")
    public Map<String, Object> territory(@PathParam("repId") String repId) {
        return repository.currentHealthOf(repId).map(Documents::toJson)
                .orElseThrow(() -> new NotFoundException("no territory health for rep " + repId));
    }

    @GET
    @Path("/{repId}/history")
    public List<Map<String, Object>> history(@PathParam("repId") String repId, @QueryParam("from") String from,
                                             @QueryParam("to") String to) {
        return repository.healthHistory(repId, TimeParameters.startOf(from, "from"), TimeParameters.endOf(to, "to"))
                .stream().map(Documents::toJson).toList();
    }

    @GET
    @Path("/{repId}/as-of")
    public Map<String, Object> asOf(@PathParam("repId") String repId, @QueryParam("at") String at) {
        Instant instant = TimeParameters.endOf(at, "at");
        if (instant == null) {
            throw new BadRequestException("at is required, e.g. ?at=2026-03-01T00:00:00Z or ?at=2026-03-01");
        }
        return repository.healthAsOf(repId, instant).map(Documents::toJson)
                .orElseThrow(() -> new NotFoundException("no territory health for rep " + repId + " at or before " + instant));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
