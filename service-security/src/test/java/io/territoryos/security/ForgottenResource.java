package io.territoryos.security;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** An endpoint someone forgot to give a role: denied, by quarkus.security.jaxrs.deny-unannotated-endpoints. */
@Path("/api/forgotten")
public class ForgottenResource {

    @GET
    public String forgotten() {
        return "should never be served";
    }
}
