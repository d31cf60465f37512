package io.territoryos.scoring.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.territoryos.contracts.Topics;
import io.territoryos.scoring.CrmEvents;
import io.territoryos.testkit.EmbeddedKafka;
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
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service against a broker whose only listener takes SASL: with the SCRAM-SHA-256 settings of
 * docs/security.md (KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_SASL_JAAS_CONFIG) it reads the CDC topic,
 * scores and serves the score, which it could not do unauthenticated.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = SaslKafkaResource.class, restrictToAnnotatedClass = true)
class ScoringOverSaslIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldScoreAnAccountReadOverSaslScram() throws Exception {
        Map<String, Object> producerConfig = new HashMap<>(EmbeddedKafka.scramClientProperties(
                SaslKafkaResource.USER, SaslKafkaResource.PASSWORD));
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SaslKafkaResource.kafka.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig,
                new ByteArraySerializer(), new ByteArraySerializer())) {
            CrmEvents account = CrmEvents.account("A-SASL").wrapped(true).wrappedKey(true).decimals(CrmEvents.Decimals.PRECISE);
            producer.send(new ProducerRecord<>(Topics.CRM_ACCOUNTS.name(), account.key(), account.value())).get();
        }

        long deadline = System.nanoTime() + PATIENCE.toNanos();
        HttpResponse<String> score = get("accounts/A-SASL/score");
        while (score.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            score = get("accounts/A-SASL/score");
        }
        assertThat(score.statusCode()).as(score.body()).isEqualTo(200);
        assertThat(score.body()).contains("\"potential\":350000.0", "\"tier\":\"TIER_1\"");
        assertThat(get("q/health/ready").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                "victor:victor".getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
