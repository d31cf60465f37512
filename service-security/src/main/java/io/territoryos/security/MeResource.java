package io.territoryos.security;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Who the caller is: a page's log-in form checks the password with it and shows the buttons the roles allow. */
@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Identity")
public class MeResource {

    /** The authenticated user and their roles, sorted. */
    public record Me(String user, List<String> roles) {
    }

    @Inject
    SecurityIdentity identity;

    @GET
    @Authenticated
    @Operation(summary = "The authenticated user and their roles")
    @APIResponse(responseCode = "200", description = "user and roles")
    @APIResponse(responseCode = "401", description = "no or wrong credentials")
    public Me me() {
        return new Me(identity.getPrincipal().getName(), identity.getRoles().stream().sorted().toList());
    }
}
