package io.territoryos.territory.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.territoryos.testkit.service.ApiEdgeContract;
import io.territoryos.testkit.service.ServiceStackResource;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged territory-service's HTTP edge (docs/security.md): what every service does ({@link ApiEdgeContract})
 * on its endpoints, and its own 404 in words.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = ServiceStackResource.class, initArgs = {
        @ResourceArg(name = ServiceStackResource.SERVICE, value = "territory-service"),
        @ResourceArg(name = ServiceStackResource.MONGO, value = "true")})
class ApiSecurityIT extends ApiEdgeContract {

    ApiSecurityIT() {
        super("api/teams", "/api/territories", "/api/territories/{repId}", "/api/territories/{repId}/history",
                "/api/territories/{repId}/as-of", "/api/teams", "/api/teams/{team}/balance",
                "/api/teams/{team}/balance/history");
    }

    /** {@inheritDoc} Kafka Streams suffixes the id with its stream thread's number. */
    @Override
    protected Map<String, String> staticMembers(String instanceId) {
        return Map.of("territory-service", instanceId + "-1", "territory-service-history", instanceId + "-history");
    }

    @Test
    void shouldExplainAnUnknownRepIn404Json() throws Exception {
        HttpResponse<String> response = send(get("api/territories/R-NOPE").header("Authorization", basic("bob", "bob")));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":\"not_found\",\"reason\":\"no territory health for rep R-NOPE\"}");
    }
}
