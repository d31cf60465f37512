package io.territoryos.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the pages log in, as they ask at {@code GET /pages/login}: with the local users' form ({@code basic}) where
 * the service takes no OIDC tokens, else by the OpenID provider's authorization-code flow with PKCE
 * ({@code oidc}): the provider's endpoints, read from its discovery document on the server (so that the browser
 * needs the provider to answer cross-origin only at its token endpoint), and the pages' client id and scope. The
 * discovery is read again after {@link #REREAD}; an unreachable or incomplete provider is a
 * {@link ProviderUnavailable} that names it.
 */
public final class OidcPagesLogin {

    static final Duration REREAD = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean oidc;
    private final String issuer;
    private final String clientId;
    private final String scope;
    private final HttpClient http;
    private final Clock clock;
    private Map<String, Object> cached;
    private Instant readAt = Instant.MIN;

    /** The provider could not tell its endpoints; the pages cannot log in until it can. */
    public static final class ProviderUnavailable extends RuntimeException {
        ProviderUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @param tenantEnabled  {@code quarkus.oidc.tenant-enabled}: false on the local stack and in tests
     * @param authServerUrl  {@code quarkus.oidc.auth-server-url}, the provider's issuer URL; empty = no OIDC
     * @param clientId       the pages' client at the provider (a public client: no secret reaches a browser)
     * @param scope          what the pages ask for, at least {@code openid}
     */
    public OidcPagesLogin(boolean tenantEnabled, Optional<String> authServerUrl, String clientId, String scope,
                          HttpClient http, Clock clock) {
        this.issuer = authServerUrl.map(String::trim).filter(s -> !s.isEmpty()).map(OidcPagesLogin::strip).orElse(null);
        this.oidc = tenantEnabled && issuer != null;
        this.clientId = clientId;
        this.scope = scope;
        this.http = http;
        this.clock = clock;
    }

    /** {@code {"mode":"basic"}}, or {@code mode=oidc} with what the pages' code flow needs. */
    public synchronized Map<String, Object> describe() {
        if (!oidc) {
            return Map.of("mode", "basic");
        }
        Instant now = clock.instant();
        if (cached == null || now.isAfter(readAt.plus(REREAD))) {
            cached = discover();
            readAt = now;
        }
        return cached;
    }

    private Map<String, Object> discover() {
        URI discovery = URI.create(issuer + "/.well-known/openid-configuration");
        JsonNode document;
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5))
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new ProviderUnavailable("the OpenID provider's discovery " + discovery + " answered HTTP " + answer.statusCode(), null);
            }
            document = JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new ProviderUnavailable("the OpenID provider's discovery " + discovery + " could not be read: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailable("interrupted while reading " + discovery, e);
        }
        Map<String, Object> login = new LinkedHashMap<>();
        login.put("mode", "oidc");
        login.put("issuer", issuer);
        login.put("authorization_endpoint", required(document, "authorization_endpoint", discovery));
        login.put("token_endpoint", required(document, "token_endpoint", discovery));
        String endSession = document.path("end_session_endpoint").asText("");
        if (!endSession.isEmpty()) {
            login.put("end_session_endpoint", endSession);
        }
        login.put("client_id", clientId);
        login.put("scope", scope.contains("openid") ? scope : "openid " + scope);
        return Map.copyOf(login);
    }

    private static String required(JsonNode document, String field, URI discovery) {
        String value = document.path(field).asText("");
        if (value.isEmpty()) {
            throw new ProviderUnavailable("the OpenID provider's discovery " + discovery + " names no " + field
                    + ": the pages need the authorization-code flow", null);
        }
        return value;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
