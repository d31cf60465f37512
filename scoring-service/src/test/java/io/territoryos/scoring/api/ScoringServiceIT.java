package io.territoryos.scoring.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.ScoringWeights;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.scoring.CrmEvents;
import io.territoryos.scoring.WeightsVersions;
import io.territoryos.testkit.service.GroupMembers;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service ({@code quarkus-run.jar}) against a real broker: it starts, scores an account published
 * in Debezium's wrapped form, explains the score over REST, applies a new weights version, and reports health
 * and Prometheus meters.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = EmbeddedKafkaResource.class, restrictToAnnotatedClass = true)
class ScoringServiceIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldScoreExplainRescoreAndReportOverHttp() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafkaResource.kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            CrmEvents account = CrmEvents.account("A-1").wrapped(true).wrappedKey(true).decimals(CrmEvents.Decimals.PRECISE);
            producer.send(new ProducerRecord<>(Topics.CRM_ACCOUNTS.name(), account.key(), account.value())).get();

            String score = awaitBody("accounts/A-1/score", body -> body.contains("\"weightsVersion\":0"));
            assertThat(score).contains("\"potential\":350000.0", "\"retainedArr\":100000.0",
                    "\"fitMultiplier\":1.0", "\"tier\":\"TIER_1\"", "\"formulaVersion\":\"potential-v1\"",
                    "potential = (100000.00 + 250000.00) x 1.0000 = 350000.00");
            assertThat(get("accounts/UNKNOWN/score").statusCode()).isEqualTo(404);

            ScoringWeights v1 = WeightsVersions.fitOnly(1);
            byte[] value = AvroSerdes.valueSerde(ScoringWeights.class, Map.of()).serializer()
                    .serialize(Topics.SCORING_WEIGHTS.name(), v1);
            producer.send(new ProducerRecord<>(Topics.SCORING_WEIGHTS.name(), CrmEvents.utf8("potential-v1"), value)).get();

            assertThat(awaitBody("accounts/A-1/score", body -> body.contains("\"weightsVersion\":1")))
                    .contains("\"score\":50.0");
            assertThat(awaitBody("weights", body -> body.contains("\"version\":1"))).contains("\"fitWeight\":1.0");
        }
        assertThat(get("q/health").body()).contains("\"status\": \"UP\"");
        assertThat(get("q/metrics").body()).contains("scoring_accounts_scored_total 2.0",
                "scoring_events_received_total{topic=\"crm.accounts\"} 1.0", "scoring_weights_version 1.0");
    }

    @Test
    void shouldJoinItsGroupAsAStaticMemberNamedAfterTheInstance() throws Exception {
        // a restart under the same id takes the tasks back at once, without waiting out the killed process's session
        Map<String, List<Optional<String>>> members = GroupMembers.await(EmbeddedKafkaResource.kafka.bootstrapServers(),
                List.of("scoring-service"));

        assertThat(members.get("scoring-service")).containsExactly(Optional.of(EmbeddedKafkaResource.INSTANCE_ID + "-1"));
    }

    @Test
    void shouldListItsEndpointsInOpenApiAndRefuseAnonymousReadsWithAJsonReason() throws Exception {
        HttpResponse<String> openapi = anonymous("q/openapi?format=json", false);
        HttpResponse<String> curl = anonymous("weights", false);
        HttpResponse<String> page = anonymous("accounts/A-1/score", true);

        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).contains("\"/accounts/{accountId}/score\"", "\"/weights\"", "\"/api/me\"",
                "\"401\"", "\"404\"");
        assertThat(curl.statusCode()).isEqualTo(401);
        assertThat(curl.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"territory-os\"");
        assertThat(curl.body()).contains("\"error\":\"unauthorized\"");
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.headers().firstValue("WWW-Authenticate")).isEmpty();
        HttpResponse<String> unknown = get("accounts/UNKNOWN/score");
        assertThat(unknown.statusCode()).isIn(404, 503);
        assertThat(unknown.body()).startsWith("{\"error\":");
    }

    /** As victor, a viewer of the test profile (docs/security.md). */
    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                "victor:victor".getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> anonymous(String path, boolean fromAPage) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path));
        if (fromAPage) {
            request.header("X-Requested-With", "fetch");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String awaitBody(String path, Predicate<String> ready) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            HttpResponse<String> response = get(path);
            if (response.statusCode() == 200 && ready.test(response.body())) {
                return response.body();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " not ready within " + PATIENCE + ": " + response.statusCode() + " " + response.body());
            }
            Thread.sleep(250);
        }
    }
}
