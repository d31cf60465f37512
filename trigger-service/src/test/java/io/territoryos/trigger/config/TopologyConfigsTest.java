package io.territoryos.trigger.config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.territoryos.contracts.Topics;
import io.territoryos.trigger.domain.TriggerSettings;
import io.territoryos.trigger.streams.TriggerSerdes;
import io.territoryos.trigger.streams.TriggerTopology;
import io.territoryos.trigger.streams.TriggerTopologyConfig;
import io.territoryos.testkit.ServiceProperties;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class TopologyConfigsTest {

    private static TriggerTopologyConfig load(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(TriggerConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return TopologyConfigs.from(config.getConfigMapping(TriggerConfig.class));
    }

    private static Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = TopologyConfigsTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return properties;
    }

    /** "${ENV_VAR:default}" becomes "default", as it does where the variable is unset. */
    private static Map<String, String> withEnvironmentDefaults(Properties properties) {
        Pattern env = Pattern.compile("^\\$\\{[A-Z0-9_]+:(.*)}$");
        Map<String, String> resolved = new java.util.HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            Matcher m = env.matcher(properties.getProperty(name));
            resolved.put(name, m.matches() ? m.group(1) : properties.getProperty(name));
        }
        return resolved;
    }

    @Test
    void shouldDefaultEveryKnobToTheDomainDefaults() {
        TriggerTopologyConfig config = load(Map.of());

        assertThat(config.rules()).isEqualTo(TriggerSettings.defaults());
        assertThat(config.topics()).isEqualTo(TriggerTopologyConfig.TopicNames.defaults());
        assertThat(config).isEqualTo(TriggerTopologyConfig.defaults());
    }

    @Test
    void shouldNameTheCatalogueTopicsAndDefaultsInApplicationProperties() throws IOException {
        TriggerTopologyConfig config = load(withEnvironmentDefaults(applicationProperties()));

        assertThat(config).isEqualTo(TriggerTopologyConfig.defaults());
    }

    @Test
    void shouldReadRenamedInputsAndChangedThresholds() {
        TriggerTopologyConfig config = load(Map.of(
                "trigger.topics.reps", "crmdb.public.reps",
                "trigger.drift.cv-threshold", "0.25",
                "trigger.drift.cooldown", "PT6H",
                "trigger.alerts.lock-expiry.inactivity", "P60D"));

        assertThat(config.topics().reps()).isEqualTo("crmdb.public.reps");
        assertThat(config.topics().repsDeadLetters()).isEqualTo("crm.reps.dlq");
        assertThat(config.rules().drift().cvThreshold()).isEqualTo(0.25);
        assertThat(config.rules().drift().cooldown()).hasHours(6);
        assertThat(config.rules().lockExpiryAlert().inactivity()).hasDays(60);
        assertThat(config.rules().inactiveAccountAlert().inactivity()).hasDays(120);
    }

    @Test
    void shouldWaitForEveryTopicTheTopologyReadsAndEveryDeadLetterTopicItWrites() {
        Set<String> needed = ServiceProperties.topicsToWaitFor(
                TriggerTopology.build(TriggerTopologyConfig.defaults(), TriggerSerdes.binary()).describe());

        assertThat(needed).contains(Topics.CRM_REPS_DLQ.name(), Topics.ACCOUNTS_SCORED_DLQ.name(), Topics.TERRITORY_HEALTH_DLQ.name(),
                Topics.TEAM_BALANCE_DLQ.name(), Topics.SCORING_WEIGHTS_DLQ.name());
        assertThat(ServiceProperties.resolvedList(ServiceProperties.load(), "quarkus.kafka-streams.topics"))
                .containsExactlyInAnyOrderElementsOf(needed);
    }
}
