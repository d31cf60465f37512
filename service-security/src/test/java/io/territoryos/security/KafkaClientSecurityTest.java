package io.territoryos.security;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand-built Kafka clients take exactly the SASL/TLS settings that are configured, and nothing else. */
class KafkaClientSecurityTest {

    @Test
    void shouldTakeSecuritySaslAndSslSettingsWithoutThePrefixAndSkipBlankOnes() {
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", "broker:9093");
        config.put("kafka.security.protocol", "SASL_SSL");
        config.put("kafka.sasl.mechanism", "SCRAM-SHA-512");
        config.put("kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        config.put("kafka.ssl.truststore.location", "/etc/kafka/truststore.p12");
        config.put("kafka.ssl.truststore.password", " ");
        config.put("kafka-streams.sasl.mechanism", "PLAIN");

        assertThat(KafkaClientSecurity.from(config.keySet(), config::get)).containsExactly(
                Map.entry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;"),
                Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
                Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("ssl.truststore.location", "/etc/kafka/truststore.p12"));
    }
}
