package io.territoryos.scoring.config;

import io.territoryos.contracts.Topics;
import io.territoryos.scoring.streams.ScoringTopologyConfig;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Arrays;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** application.properties names the catalogue's topics, and the pipeline waits for exactly the ones it uses. */
class ApplicationPropertiesTest {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");

    private static Properties properties() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = ApplicationPropertiesTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return properties;
    }

    /** Resolves ${name} and ${ENV:default} the way the service would with no environment set. */
    private static String resolve(Properties properties, String key) {
        String value = properties.getProperty(key);
        Matcher m = EXPRESSION.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (m.find()) {
            String replacement = properties.containsKey(m.group(1)) ? resolve(properties, m.group(1)) : m.group(2);
            m.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(resolved);
        return resolved.toString();
    }

    @Test
    void shouldReadTheCatalogueAccountsTopicUnlessTheEnvironmentSaysOtherwise() throws Exception {
        assertThat(resolve(properties(), "scoring.topics.accounts")).isEqualTo(Topics.CRM_ACCOUNTS.name());
        assertThat(properties().getProperty("scoring.topics.accounts")).contains("SCORING_ACCOUNTS_TOPIC");
    }

    @Test
    void shouldWaitForEveryTopicTheTopologyReadsOrWrites() throws Exception {
        ScoringTopologyConfig topology = ScoringTopologyConfig.defaults();

        assertThat(Arrays.asList(resolve(properties(), "quarkus.kafka-streams.topics").split(",")))
                .containsExactlyInAnyOrder(topology.accountsTopic(), topology.accountsDeadLetterTopic(),
                        topology.weightsTopic(), topology.weightsDeadLetterTopic(), topology.scoredTopic());
        assertThat(topology.accountsDeadLetterTopic()).isEqualTo(Topics.CRM_ACCOUNTS_DLQ.name());
        assertThat(topology.weightsDeadLetterTopic()).isEqualTo(Topics.SCORING_WEIGHTS_DLQ.name());
        assertThat(topology.scoredTopic()).isEqualTo(Topics.ACCOUNTS_SCORED.name());
    }

    @Test
    void shouldRunExactlyOnceWithoutDevServices() throws Exception {
        Properties p = properties();

        assertThat(p.getProperty("kafka-streams.processing.guarantee")).isEqualTo("exactly_once_v2");
        assertThat(p.getProperty("quarkus.devservices.enabled")).isEqualTo("false");
        assertThat(p.getProperty("quarkus.http.port")).isEqualTo("8081");
        assertThat(resolve(p, "quarkus.kafka-streams.bootstrap-servers")).isEqualTo("localhost:9092");
    }
}
