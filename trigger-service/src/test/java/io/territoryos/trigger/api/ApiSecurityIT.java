package io.territoryos.trigger.api;

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
 * The packaged trigger-service's HTTP edge (docs/security.md): what every service does ({@link ApiEdgeContract})
 * on its endpoints, and the hub's reads while its stores open.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = ServiceStackResource.class, initArgs =
        @ResourceArg(name = ServiceStackResource.SERVICE, value = "trigger-service"))
class ApiSecurityIT extends ApiEdgeContract {

    ApiSecurityIT() {
        super("api/triggers", "/api/triggers", "/api/triggers/suppressed", "/api/commands/recent", "/api/alerts");
    }

    /** {@inheritDoc} Kafka Streams suffixes the id with its stream thread's number. */
    @Override
    protected Map<String, String> staticMembers(String instanceId) {
        return Map.of("trigger-service", instanceId + "-1");
    }

    @Test
    void shouldLetAViewerReadTheAlerts() throws Exception {
        // the alerts page's read: a viewer's, like every other read (it had no role and was refused to everyone)
        HttpResponse<String> alerts = send(get("api/alerts").header("Authorization", basic("victor", "victor")));

        assertThat(alerts.statusCode()).as(alerts.body()).isEqualTo(200);
        assertThat(alerts.body()).startsWith("[");
    }

    @Test
    void shouldAnswerHubReadsWithRecordsOrA503ThatSaysWhy() throws Exception {
        HttpResponse<String> response = send(get("api/commands/recent").header("Authorization", basic("carol", "carol")));

        assertThat(response.statusCode()).isIn(200, 503);
        if (response.statusCode() == 503) {
            assertThat(response.body()).contains("\"error\":\"unavailable\"", "command store not available yet");
        }
    }
}
