package io.territoryos.optimizer.api;

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
 * The packaged optimizer-service's HTTP edge (docs/security.md): its OpenAPI document lists every endpoint with its
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
        assertThat(openapi.body()).contains("\"/api/proposals\"", "\"/api/proposals/{id}\"", "\"/api/proposals/{id}/reps/{repId}\"", "\"/api/proposals/{id}/audit\"", "\"/api/proposals/{id}/approve\"", "\"/api/proposals/{id}/reject\"", "\"/api/rebalances\"", "\"/api/what-if\"", "\"/api/me\"", "\"401\"", "\"403\"");
        assertThat(send(get("q/swagger-ui/")).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAskForCredentialsWithAJsonReasonAndNoChallengeForAPageFetch() throws Exception {
        HttpResponse<String> curl = send(get("api/proposals"));
        HttpResponse<String> page = send(get("api/proposals").header("X-Requested-With", "fetch"));

        assertThat(curl.statusCode()).isEqualTo(401);
        assertThat(curl.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"territory-os\"");
        assertThat(curl.body()).contains("\"error\":\"unauthorized\"", "\"reason\":");
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(send(get("api/proposals").header("Authorization", basic("victor", "wrong"))).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldLetAViewerRead() throws Exception {
        HttpResponse<String> me = send(get("api/me").header("Authorization", basic("victor", "victor")));

        assertThat(me.body()).isEqualTo("{\"user\":\"victor\",\"roles\":[\"viewer\"]}");
        assertThat(send(get("api/proposals").header("Authorization", basic("victor", "victor"))).statusCode()).isIn(200);
        assertThat(send(get("q/health/live")).statusCode()).isEqualTo(200);
    }

    private static final String URL_SAFE_ID = "P-NEW_MARKET.MID_MARKET~2FLATAM.South";

    @Test
    void shouldRefuseADecisionWithoutTheCheckerRoleSayingWhichRoleAndWhatTheUserHas() throws Exception {
        HttpResponse<String> carol = send(decide(URL_SAFE_ID, "approve", "carol"));
        HttpResponse<String> victor = send(decide(URL_SAFE_ID, "reject", "victor"));

        assertThat(carol.statusCode()).isEqualTo(403);
        assertThat(carol.body()).isEqualTo("{\"error\":\"forbidden\",\"reason\":"
                + "\"POST /api/proposals/{id}/approve needs the checker role; carol has maker, viewer\"}");
        assertThat(victor.statusCode()).isEqualTo(403);
        assertThat(victor.body()).contains("needs the checker role; victor has viewer");
    }

    @Test
    void shouldRefuseRequestsAndWhatIfsWithoutTheMakerRole() throws Exception {
        for (String path : new String[]{"api/rebalances", "api/what-if"}) {
            HttpResponse<String> bob = send(HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                    .header("Authorization", basic("bob", "bob")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"team\":\"East\",\"type\":\"REMOVE_REP\",\"rep_id\":\"R-1\"}")));

            assertThat(bob.statusCode()).isEqualTo(403);
            assertThat(bob.body()).contains("\"error\":\"forbidden\"", "needs the maker role; bob has checker, viewer");
        }
    }

    @Test
    void shouldTakeAUrlSafeProposalIdInThePathAndExplainAnUnknownOneIn404Json() throws Exception {
        HttpResponse<String> read = send(get("api/proposals/" + URL_SAFE_ID).header("Authorization", basic("victor", "victor")));
        HttpResponse<String> approve = send(decide(URL_SAFE_ID, "approve", "bob"));

        assertThat(read.statusCode()).isEqualTo(404);
        assertThat(read.body()).isEqualTo("{\"error\":\"not_found\",\"reason\":\"no proposal " + URL_SAFE_ID + "\"}");
        assertThat(approve.statusCode()).isEqualTo(404);
        assertThat(approve.body()).contains("\"error\":\"not_found\"", "\"refused\":\"NOT_FOUND\"", URL_SAFE_ID);
    }

    private HttpRequest.Builder decide(String id, String decision, String user) {
        return HttpRequest.newBuilder(URI.create(base.toString()).resolve("api/proposals/" + id + "/" + decision))
                .header("Authorization", basic(user, user)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"comment\":\"from the test\"}"));
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
