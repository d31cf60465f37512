package io.territoryos.territory.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged territory-service's HTTP edge (docs/security.md): its OpenAPI document lists every endpoint with its
 * errors, every endpoint needs a user, and refusals say why in JSON.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(ServiceStackResource.class)
class ApiSecurityIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldListEveryEndpointWithItsErrorsInOpenApi() throws Exception {
        HttpResponse<String> openapi = send(get("q/openapi?format=json"));

        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).contains("\"/api/territories\"", "\"/api/territories/{repId}\"", "\"/api/territories/{repId}/history\"", "\"/api/territories/{repId}/as-of\"", "\"/api/teams\"", "\"/api/teams/{team}/balance\"", "\"/api/teams/{team}/balance/history\"", "\"/api/me\"", "\"401\"", "\"403\"");
        assertThat(send(get("q/swagger-ui/")).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAskForCredentialsWithAJsonReasonAndNoChallengeForAPageFetch() throws Exception {
        HttpResponse<String> curl = send(get("api/teams"));
        HttpResponse<String> page = send(get("api/teams").header("X-Requested-With", "fetch"));

        assertThat(curl.statusCode()).isEqualTo(401);
        assertThat(curl.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"territory-os\"");
        assertThat(curl.body()).contains("\"error\":\"unauthorized\"", "\"reason\":");
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(send(get("api/teams").header("Authorization", basic("victor", "wrong"))).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldLetAViewerRead() throws Exception {
        HttpResponse<String> me = send(get("api/me").header("Authorization", basic("victor", "victor")));

        assertThat(me.body()).isEqualTo("{\"user\":\"victor\",\"roles\":[\"viewer\"]}");
        assertThat(send(get("api/teams").header("Authorization", basic("victor", "victor"))).statusCode()).isIn(200);
        assertThat(send(get("q/health/live")).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldExplainAnUnknownRepIn404Json() throws Exception {
        HttpResponse<String> response = send(get("api/territories/R-NOPE").header("Authorization", basic("bob", "bob")));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":\"not_found\",\"reason\":\"no territory health for rep R-NOPE\"}");
    }

    HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(base.toString()).resolve(path)).GET();
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
