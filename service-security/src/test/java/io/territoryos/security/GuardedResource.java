package io.territoryos.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/** Endpoints shaped like the services' ones, for the tests of the shared security edge. */
@Path("/api/guarded")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class GuardedResource {

    @GET
    @Path("{id}")
    public Map<String, String> read(@PathParam("id") String id) {
        if (id.startsWith("missing")) {
            throw new NotFoundException("no thing " + id);
        }
        return Map.of("id", id);
    }

    @POST
    @Path("{id}/approve")
    @RolesAllowed(Roles.CHECKER)
    public Map<String, String> approve(@PathParam("id") String id) {
        return Map.of("approved", id);
    }
}
