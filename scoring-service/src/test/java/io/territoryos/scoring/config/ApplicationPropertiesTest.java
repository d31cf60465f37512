package io.territoryos.scoring.config;

import io.territoryos.contracts.Topics;
import io.territoryos.scoring.streams.ScoringTopologyConfig;
import io.territoryos.testkit.ServiceProperties;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** application.properties names the catalogue's topics, and the pipeline waits for exactly the ones it uses. */
class ApplicationPropertiesTest {

    @Test
    void shouldReadTheCatalogueAccountsTopicUnlessTheEnvironmentSaysOtherwise() {
        assertThat(ServiceProperties.resolved(ServiceProperties.load(), "scoring.topics.accounts")).isEqualTo(Topics.CRM_ACCOUNTS.name());
        assertThat(ServiceProperties.load().getProperty("scoring.topics.accounts")).contains("SCORING_ACCOUNTS_TOPIC");
    }

    @Test
    void shouldWaitForEveryTopicTheTopologyReadsOrWrites() {
        ScoringTopologyConfig topology = ScoringTopologyConfig.defaults();

        assertThat(Arrays.asList(ServiceProperties.resolved(ServiceProperties.load(), "quarkus.kafka-streams.topics").split(",")))
                .containsExactlyInAnyOrder(topology.accountsTopic(), topology.accountsDeadLetterTopic(),
                        topology.weightsTopic(), topology.weightsDeadLetterTopic(), topology.scoredTopic());
        assertThat(topology.accountsDeadLetterTopic()).isEqualTo(Topics.CRM_ACCOUNTS_DLQ.name());
        assertThat(topology.weightsDeadLetterTopic()).isEqualTo(Topics.SCORING_WEIGHTS_DLQ.name());
        assertThat(topology.scoredTopic()).isEqualTo(Topics.ACCOUNTS_SCORED.name());
    }

    @Test
    void shouldRunExactlyOnceWithoutDevServices() {
        Properties p = ServiceProperties.load();

        assertThat(p.getProperty("kafka-streams.processing.guarantee")).isEqualTo("exactly_once_v2");
        assertThat(p.getProperty("quarkus.devservices.enabled")).isEqualTo("false");
        assertThat(p.getProperty("quarkus.http.port")).isEqualTo("8081");
        assertThat(ServiceProperties.resolved(p, "quarkus.kafka-streams.bootstrap-servers")).isEqualTo("localhost:9092");
    }
}
