package io.territoryos.trigger.api;

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
 * The packaged trigger-service's HTTP edge (docs/security.md): its OpenAPI document lists every endpoint with its
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
        assertThat(openapi.body()).contains("\"/api/triggers\"", "\"/api/triggers/suppressed\"", "\"/api/commands/recent\"", "\"/api/alerts\"", "\"/api/me\"", "\"401\"", "\"403\"");
        assertThat(send(get("q/swagger-ui/")).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAskForCredentialsWithAJsonReasonAndNoChallengeForAPageFetch() throws Exception {
        HttpResponse<String> curl = send(get("api/triggers"));
        HttpResponse<String> page = send(get("api/triggers").header("X-Requested-With", "fetch"));

        assertThat(curl.statusCode()).isEqualTo(401);
        assertThat(curl.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"territory-os\"");
        assertThat(curl.body()).contains("\"error\":\"unauthorized\"", "\"reason\":");
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(send(get("api/triggers").header("Authorization", basic("victor", "wrong"))).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldLetAViewerRead() throws Exception {
        HttpResponse<String> me = send(get("api/me").header("Authorization", basic("victor", "victor")));

        assertThat(me.body()).isEqualTo("{\"user\":\"victor\",\"roles\":[\"viewer\"]}");
        assertThat(send(get("api/triggers").header("Authorization", basic("victor", "victor"))).statusCode()).isIn(200);
        // the alerts page's read: a viewer's, like every other read (it had no role and was refused to everyone)
        HttpResponse<String> alerts = send(get("api/alerts").header("Authorization", basic("victor", "victor")));
        assertThat(alerts.statusCode()).as(alerts.body()).isEqualTo(200);
        assertThat(alerts.body()).startsWith("[");
        assertThat(send(get("q/health/live")).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswerHubReadsWithRecordsOrA503ThatSaysWhy() throws Exception {
        HttpResponse<String> response = send(get("api/commands/recent").header("Authorization", basic("carol", "carol")));

        assertThat(response.statusCode()).isIn(200, 503);
        if (response.statusCode() == 503) {
            assertThat(response.body()).contains("\"error\":\"unavailable\"", "command store not available yet");
        }
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
