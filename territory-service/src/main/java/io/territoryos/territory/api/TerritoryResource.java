package io.territoryos.territory.api;

import io.territoryos.security.Roles;
import io.territoryos.territory.mapping.Documents;
import io.territoryos.territory.persistence.TerritoryHistoryRepository;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
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

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Current health of territories, their history, and what a territory looked like at a given time. */
@Path("/api/territories")
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Territories")
@Produces(MediaType.APPLICATION_JSON)
public class TerritoryResource {

    private final TerritoryHistoryRepository repository;

    public TerritoryResource(TerritoryHistoryRepository repository) {
        this.repository = repository;
    }

    @Operation(summary = "Current territory health of every rep, optionally of one team")
    @APIResponse(responseCode = "200", description = "one health record per rep")
    @APIResponse(responseCode = "401", description = "no or wrong credentials (JSON: error, reason)")
    @APIResponse(responseCode = "403", description = "the user lacks the role (JSON: error, reason)")
    @GET
    public List<Map<String, Object>> territories(@QueryParam("team") String team) {
        return repository.currentHealth(blankToNull(team)).stream().map(Documents::toJson).toList();
    }

    @Operation(summary = "Current territory health of one rep")
    @APIResponse(responseCode = "200", description = "the rep's health")
    @APIResponse(responseCode = "401", description = "no or wrong credentials (JSON: error, reason)")
    @APIResponse(responseCode = "403", description = "the user lacks the role (JSON: error, reason)")
    @APIResponse(responseCode = "404", description = "not found (JSON: error, reason)")
    @GET
    @Path("/{repId}")
    public Map<String, Object> territory(@PathParam("repId") String repId) {
        return repository.currentHealthOf(repId).map(Documents::toJson)
                .orElseThrow(() -> new NotFoundException("no territory health for rep " + repId));
    }

    @Operation(summary = "A rep's territory health over time (from, to: ISO instant or date)")
    @APIResponse(responseCode = "200", description = "health records, oldest first")
    @APIResponse(responseCode = "400", description = "invalid parameters or body (JSON: error, reason)")
    @APIResponse(responseCode = "401", description = "no or wrong credentials (JSON: error, reason)")
    @APIResponse(responseCode = "403", description = "the user lacks the role (JSON: error, reason)")
    @GET
    @Path("/{repId}/history")
    public List<Map<String, Object>> history(@PathParam("repId") String repId, @QueryParam("from") String from,
                                             @QueryParam("to") String to) {
        return repository.healthHistory(repId, TimeParameters.startOf(from, "from"), TimeParameters.endOf(to, "to"))
                .stream().map(Documents::toJson).toList();
    }

    @Operation(summary = "A rep's territory health as it was at a time")
    @APIResponse(responseCode = "200", description = "the health record in force then")
    @APIResponse(responseCode = "400", description = "invalid parameters or body (JSON: error, reason)")
    @APIResponse(responseCode = "401", description = "no or wrong credentials (JSON: error, reason)")
    @APIResponse(responseCode = "403", description = "the user lacks the role (JSON: error, reason)")
    @APIResponse(responseCode = "404", description = "not found (JSON: error, reason)")
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
