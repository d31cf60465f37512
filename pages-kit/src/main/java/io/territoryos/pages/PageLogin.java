package io.territoryos.pages;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /pages/login}: how the pages of this service log in ({@link OidcPagesLogin}); open, like the pages.
 * A provider that cannot tell its endpoints is a 503 with the reason, which the pages show.
 */
@Path("/pages/login")
@PermitAll
public class PageLogin {

    private final OidcPagesLogin login;

    public PageLogin(@ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true") boolean tenantEnabled,
                     @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authServerUrl,
                     @ConfigProperty(name = "tos.pages.oidc-client-id", defaultValue = "territory-os") String clientId,
                     @ConfigProperty(name = "tos.pages.oidc-scope", defaultValue = "openid") String scope) {
        this.login = new OidcPagesLogin(tenantEnabled, authServerUrl, clientId, scope,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), Clock.systemUTC());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response login() {
        try {
            return Response.ok(login.describe()).build();
        } catch (OidcPagesLogin.ProviderUnavailable e) {
            return Response.status(503).header("Retry-After", "10")
                    .entity(Map.of("error", "unavailable", "reason", "the pages cannot log in: " + e.getMessage())).build();
        }
    }
}
