package io.territoryos.security;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
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
 * The shared security edge with the local users of the test profile: who gets in, and what a refusal says —
 * a JSON body with error and reason, and no Basic challenge for a page's fetch.
 */
@QuarkusTest
class SecurityRefusalsTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldAnswerAnAnonymousCallWith401AJsonReasonAndABasicChallenge() throws Exception {
        HttpResponse<String> response = send(get("api/guarded/x"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"territory-os\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(response.body()).contains("\"error\":\"unauthorized\"", "needs an authenticated user");
    }

    @Test
    void shouldNotChallengeAPageFetchSoThatTheBrowserShowsNoDialog() throws Exception {
        HttpResponse<String> anonymous = send(get("api/guarded/x").header("X-Requested-With", "fetch"));
        HttpResponse<String> wrongPassword = send(get("api/guarded/x").header("X-Requested-With", "fetch")
                .header("Authorization", basic("carol", "not-carol")));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(wrongPassword.body()).contains("\"error\":\"unauthorized\"", "credentials were not accepted");
    }

    @Test
    void shouldLetEveryLocalUserReadAndTellTheirRoles() throws Exception {
        for (String user : new String[]{"alice", "bob", "carol", "victor"}) {
            assertThat(send(get("api/guarded/x").header("Authorization", basic(user, user))).body())
                    .isEqualTo("{\"id\":\"x\"}");
        }
        assertThat(send(get("api/me").header("Authorization", basic("carol", "carol"))).body())
                .isEqualTo("{\"user\":\"carol\",\"roles\":[\"maker\",\"viewer\"]}");
        assertThat(send(get("api/me").header("Authorization", basic("alice", "alice"))).body())
                .isEqualTo("{\"user\":\"alice\",\"roles\":[\"checker\",\"maker\",\"viewer\"]}");
    }

    @Test
    void shouldRefuseAMissingRoleWith403NamingTheRoleAndWhatTheUserHas() throws Exception {
        HttpResponse<String> carol = send(post("api/guarded/P-1/approve", "carol"));
        HttpResponse<String> bob = send(post("api/guarded/P-1/approve", "bob"));

        assertThat(carol.statusCode()).isEqualTo(403);
        assertThat(carol.body()).isEqualTo("{\"error\":\"forbidden\",\"reason\":"
                + "\"POST /api/guarded/{id}/approve needs the checker role; carol has maker, viewer\"}");
        assertThat(bob.statusCode()).isEqualTo(200);
        assertThat(bob.body()).isEqualTo("{\"approved\":\"P-1\"}");
    }

    @Test
    void shouldDenyAnEndpointWithoutARoleAnnotationEvenToAlice() throws Exception {
        HttpResponse<String> response = send(get("api/forgotten").header("Authorization", basic("alice", "alice")));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"error\":\"forbidden\"", "GET /api/forgotten is open to no role");
    }

    @Test
    void shouldExplainA404InJson() throws Exception {
        HttpResponse<String> response = send(get("api/guarded/missing-7").header("Authorization", basic("victor", "victor")));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":\"not_found\",\"reason\":\"no thing missing-7\"}");
    }

    @Test
    void shouldKeepProbesAndTheApiDocumentOpen() throws Exception {
        assertThat(send(get("q/health")).statusCode()).isEqualTo(200);
        HttpResponse<String> openapi = send(get("q/openapi?format=json"));
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).contains("\"/api/guarded/{id}/approve\"", "\"/api/me\"");
        assertThat(send(get("q/swagger-ui/")).statusCode()).isEqualTo(200);
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(base.toString()).resolve(path)).GET();
    }

    private HttpRequest.Builder post(String path, String user) {
        return HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                .header("Authorization", basic(user, user)).POST(HttpRequest.BodyPublishers.noBody());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
