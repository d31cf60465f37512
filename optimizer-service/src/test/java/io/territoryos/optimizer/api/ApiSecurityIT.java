package io.territoryos.optimizer.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.territoryos.testkit.service.ApiEdgeContract;
import io.territoryos.testkit.service.ServiceStackResource;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged optimizer-service's HTTP edge (docs/security.md): what every service does ({@link ApiEdgeContract})
 * on its endpoints, and its maker-checker refusals and URL-safe ids in words.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = ServiceStackResource.class, initArgs = {
        @ResourceArg(name = ServiceStackResource.SERVICE, value = "optimizer-service"),
        @ResourceArg(name = ServiceStackResource.MONGO, value = "true")})
class ApiSecurityIT extends ApiEdgeContract {

    private static final String URL_SAFE_ID = "P-NEW_MARKET.MID_MARKET~2FLATAM.South";

    ApiSecurityIT() {
        super("api/proposals", "/api/proposals", "/api/proposals/{id}", "/api/proposals/{id}/reps/{repId}",
                "/api/proposals/{id}/audit", "/api/proposals/{id}/approve", "/api/proposals/{id}/reject",
                "/api/rebalances", "/api/what-if");
    }

    @Override
    protected Map<String, String> staticMembers(String instanceId) {
        return Map.of("optimizer-service", instanceId);
    }

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
            HttpResponse<String> bob = send(post(path, "bob", "{\"team\":\"East\",\"type\":\"REMOVE_REP\",\"rep_id\":\"R-1\"}"));

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
        return post("api/proposals/" + id + "/" + decision, user, "{\"comment\":\"from the test\"}");
    }
}
