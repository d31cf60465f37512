package io.territoryos.pages;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/**
 * Where each service's pages live, so that a page links to the service that owns the data (each page calls only
 * its own origin's API). Served at {@code /pages/links}, outside {@code /api}, open like the static pages themselves
 * (it was denied as unannotated once, and the pages silently fell back to the local-stack ports).
 */
@Path("/pages/links")
@PermitAll
public class PageLinks {

    @ConfigProperty(name = "tos.pages.territory-url", defaultValue = "http://localhost:8082")
    String territory;

    @ConfigProperty(name = "tos.pages.trigger-url", defaultValue = "http://localhost:8083")
    String trigger;

    @ConfigProperty(name = "tos.pages.optimizer-url", defaultValue = "http://localhost:8084")
    String optimizer;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> links() {
        return Map.of("territory", territory, "trigger", trigger, "optimizer", optimizer);
    }
}
