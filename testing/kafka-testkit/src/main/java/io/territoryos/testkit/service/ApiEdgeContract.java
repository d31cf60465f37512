package io.territoryos.testkit.service;

import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every packaged service's HTTP edge does (docs/security.md): its OpenAPI document lists every endpoint with
 * its errors, every endpoint needs a user (401 with a JSON reason; no Basic challenge for a page's fetch), a viewer
 * may read, and health needs no one; and every consumer group it joins, it joins as a static member named after the
 * instance ({@code KAFKA_GROUP_INSTANCE_ID}, so that a restart takes its partitions back at once). A service's
 * {@code ApiSecurityIT} extends this with its endpoints, one protected path and its consumer groups, and adds its own
 * refusals.
 */
public abstract class ApiEdgeContract {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String protectedPath;
    private final List<String> documentedPaths;

    @TestHTTPResource("/")
    protected URL base;

    /**
     * @param protectedPath   a path a viewer may GET (e.g. {@code api/teams})
     * @param documentedPaths every endpoint the OpenAPI document must list, as it writes them (e.g. {@code /api/me})
     */
    protected ApiEdgeContract(String protectedPath, String... documentedPaths) {
        this.protectedPath = protectedPath;
        this.documentedPaths = List.of(documentedPaths);
    }

    @Test
    void shouldListEveryEndpointWithItsErrorsInOpenApi() throws Exception {
        HttpResponse<String> openapi = send(get("q/openapi?format=json"));

        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).contains(documentedPaths.stream().map(p -> "\"" + p + "\"").toArray(String[]::new));
        assertThat(openapi.body()).contains("\"/api/me\"", "\"401\"", "\"403\"");
        assertThat(send(get("q/swagger-ui/")).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAskForCredentialsWithAJsonReasonAndNoChallengeForAPageFetch() throws Exception {
        HttpResponse<String> curl = send(get(protectedPath));
        HttpResponse<String> page = send(get(protectedPath).header("X-Requested-With", "fetch"));

        assertThat(curl.statusCode()).isEqualTo(401);
        assertThat(curl.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"territory-os\"");
        assertThat(curl.body()).contains("\"error\":\"unauthorized\"", "\"reason\":");
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(send(get(protectedPath).header("Authorization", basic("victor", "wrong"))).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldLetAViewerRead() throws Exception {
        // a read of streams state answers 503 until the service is ready (stores restoring): wait for readiness, so
        // the 200 asserted below says the viewer was let in, not that the stores happened to be open already
        long deadline = System.currentTimeMillis() + 60_000;
        while (send(get("q/health/ready")).statusCode() != 200 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        HttpResponse<String> me = send(get("api/me").header("Authorization", basic("victor", "victor")));

        assertThat(me.body()).isEqualTo("{\"user\":\"victor\",\"roles\":[\"viewer\"]}");
        assertThat(send(get(protectedPath).header("Authorization", basic("victor", "victor"))).statusCode()).isEqualTo(200);
        assertThat(send(get("q/health/live")).statusCode()).isEqualTo(200);
    }

    /** The consumer groups the service joins, each with its static member id as {@link ServiceStackResource} names it. */
    protected abstract Map<String, String> staticMembers(String instanceId);

    @Test
    void shouldJoinEveryConsumerGroupAsAStaticMemberNamedAfterTheInstance() throws Exception {
        Map<String, String> expected = staticMembers(ServiceStackResource.instanceId());
        Map<String, List<Optional<String>>> members = GroupMembers.await(ServiceStackResource.bootstrapServers(), expected.keySet());
        for (Map.Entry<String, String> group : expected.entrySet()) {
            assertThat(members.get(group.getKey())).as("members of " + group.getKey()).containsExactly(Optional.of(group.getValue()));
        }
    }

    protected HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(resolve(path)).GET();
    }

    /** A JSON POST as {@code user} (password = user name, as the local users are). */
    protected HttpRequest.Builder post(String path, String user, String json) {
        return HttpRequest.newBuilder(resolve(path))
                .header("Authorization", basic(user, user)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    protected HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private URI resolve(String path) {
        return URI.create(base.toString()).resolve(path);
    }
}
