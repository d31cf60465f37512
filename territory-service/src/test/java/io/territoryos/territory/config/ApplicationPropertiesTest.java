package io.territoryos.territory.config;

import io.territoryos.contracts.Topics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ApplicationPropertiesTest {

    private static final Pattern DEFAULT = Pattern.compile("\\$\\{[A-Z_]+:(.*)}");

    private static String effectiveDefault(Properties properties, String key) {
        String value = properties.getProperty(key);
        Matcher matcher = DEFAULT.matcher(value);
        return matcher.matches() ? matcher.group(1) : value;
    }

    @Test
    void shouldNameTheCataloguesTopics() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        assertThat(effectiveDefault(properties, "territory.topics.accounts-scored")).isEqualTo(Topics.ACCOUNTS_SCORED.name());
        assertThat(effectiveDefault(properties, "territory.topics.crm-reps")).isEqualTo(Topics.CRM_REPS.name());
        assertThat(effectiveDefault(properties, "territory.topics.segment-stats")).isEqualTo(Topics.SEGMENT_STATS.name());
        assertThat(effectiveDefault(properties, "territory.topics.territory-health")).isEqualTo(Topics.TERRITORY_HEALTH.name());
        assertThat(effectiveDefault(properties, "territory.topics.team-balance")).isEqualTo(Topics.TEAM_BALANCE.name());
        assertThat(properties.getProperty("quarkus.kafka-streams.application-id")).isEqualTo("territory-service");
        assertThat(properties.getProperty("kafka-streams.processing.guarantee")).isEqualTo("exactly_once_v2");
        assertThat(properties.getProperty("quarkus.devservices.enabled")).isEqualTo("false");
    }
}
