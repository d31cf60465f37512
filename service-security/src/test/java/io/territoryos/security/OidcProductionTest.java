package io.territoryos.security;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production profile's security against a local token issuer: OIDC bearer tokens are verified against the
 * issuer's published key, roles come from the token's groups claim, and the local users of the local profile do
 * not exist.
 */
@QuarkusTest
@TestProfile(OidcProductionTest.Production.class)
class OidcProductionTest {

    /** Not the test profile: none of the %local,test users and switches apply, as in production. */
    public static class Production implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "oidc-test";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.client-id", LocalTokenIssuer.AUDIENCE);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LocalTokenIssuer.class));
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldTakeTheUserAndRolesFromAVerifiedToken() throws Exception {
        String token = LocalTokenIssuer.token("dana", Set.of("viewer", "checker"));

        HttpResponse<String> me = send(get("api/me").header("Authorization", "Bearer " + token));
        HttpResponse<String> approve = send(post("api/guarded/P-1/approve").header("Authorization", "Bearer " + token));

        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).isEqualTo("{\"user\":\"dana\",\"roles\":[\"checker\",\"viewer\"]}");
        assertThat(approve.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseARoleTheTokenDoesNotCarry() throws Exception {
        String token = LocalTokenIssuer.token("erin", Set.of("viewer", "maker"));

        HttpResponse<String> approve = send(post("api/guarded/P-1/approve").header("Authorization", "Bearer " + token));

        assertThat(approve.statusCode()).isEqualTo(403);
        assertThat(approve.body()).contains("needs the checker role; erin has maker, viewer");
    }

    @Test
    void shouldRejectAForgedTokenAndAskForABearerToken() throws Exception {
        HttpResponse<String> forged = send(get("api/guarded/x")
                .header("Authorization", "Bearer " + LocalTokenIssuer.forgedToken("mallory", Set.of("viewer"))));
        HttpResponse<String> anonymous = send(get("api/guarded/x"));

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("\"error\":\"unauthorized\"");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void shouldKnowNoLocalUserInProduction() throws Exception {
        HttpResponse<String> alice = send(get("api/guarded/x").header("Authorization", SecurityRefusalsTest.basic("alice", "alice")));

        assertThat(alice.statusCode()).isEqualTo(401);
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(base.toString()).resolve(path)).GET();
    }

    private HttpRequest.Builder post(String path) {
        return HttpRequest.newBuilder(URI.create(base.toString()).resolve(path)).POST(HttpRequest.BodyPublishers.noBody());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
