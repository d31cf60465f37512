package io.territoryos.territory.config;

import io.territoryos.contracts.Topics;
import io.territoryos.territory.streams.TerritorySerdes;
import io.territoryos.territory.streams.TerritoryTopology;
import io.territoryos.territory.streams.TerritoryTopologyConfig;
import io.territoryos.testkit.ServiceProperties;
import org.junit.jupiter.api.Test;

import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ApplicationPropertiesTest {

    @Test
    void shouldNameTheCataloguesTopics() {
        Properties properties = ServiceProperties.load();
        assertThat(ServiceProperties.resolved(properties, "territory.topics.accounts-scored")).isEqualTo(Topics.ACCOUNTS_SCORED.name());
        assertThat(ServiceProperties.resolved(properties, "territory.topics.crm-reps")).isEqualTo(Topics.CRM_REPS.name());
        assertThat(ServiceProperties.resolved(properties, "territory.topics.segment-stats")).isEqualTo(Topics.SEGMENT_STATS.name());
        assertThat(ServiceProperties.resolved(properties, "territory.topics.territory-health")).isEqualTo(Topics.TERRITORY_HEALTH.name());
        assertThat(ServiceProperties.resolved(properties, "territory.topics.team-balance")).isEqualTo(Topics.TEAM_BALANCE.name());
        assertThat(properties.getProperty("quarkus.kafka-streams.application-id")).isEqualTo("territory-service");
        assertThat(properties.getProperty("kafka-streams.processing.guarantee")).isEqualTo("exactly_once_v2");
        assertThat(properties.getProperty("quarkus.devservices.enabled")).isEqualTo("false");
    }

    @Test
    void shouldWaitForEveryTopicTheTopologyReadsAndEveryDeadLetterTopicItWrites() {
        Set<String> needed = ServiceProperties.topicsToWaitFor(
                TerritoryTopology.build(TerritoryTopologyConfig.defaults(), TerritorySerdes.binary()).describe());

        assertThat(needed).contains(Topics.ACCOUNTS_SCORED_DLQ.name(), Topics.SEGMENT_STATS_DLQ.name(), Topics.CRM_REPS_DLQ.name());
        assertThat(ServiceProperties.resolvedList(ServiceProperties.load(), "quarkus.kafka-streams.topics"))
                .containsExactlyInAnyOrderElementsOf(needed);
    }
}
