package io.territoryos.territory.config;

import io.territoryos.contracts.Topics;
import io.territoryos.territory.streams.TerritorySerdes;
import io.territoryos.territory.streams.TerritoryTopology;
import io.territoryos.territory.streams.TerritoryTopologyConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ApplicationPropertiesTest {

    private static final Pattern DEFAULT = Pattern.compile("\\$\\{[A-Z_]+:(.*)}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");

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

    @Test
    void shouldWaitForEveryTopicTheTopologyReadsAndEveryDeadLetterTopicItWrites() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        Set<String> waitedFor = Arrays.stream(resolve(properties.getProperty("quarkus.kafka-streams.topics"), properties).split(","))
                .map(String::trim).collect(Collectors.toSet());

        TopologyDescription topology = TerritoryTopology.build(TerritoryTopologyConfig.defaults(), TerritorySerdes.binary()).describe();
        Set<String> needed = new HashSet<>();
        for (TopologyDescription.Subtopology subtopology : topology.subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    needed.addAll(source.topicSet());
                } else if (node instanceof TopologyDescription.Sink sink && sink.topic().endsWith(Topics.DLQ_SUFFIX)) {
                    needed.add(sink.topic());
                }
            }
        }
        needed.removeIf(topic -> topic.endsWith("-repartition")); // internal: Kafka Streams creates it

        assertThat(needed).contains(Topics.ACCOUNTS_SCORED_DLQ.name(), Topics.SEGMENT_STATS_DLQ.name(), Topics.CRM_REPS_DLQ.name());
        assertThat(waitedFor).containsExactlyInAnyOrderElementsOf(needed);
    }

    /** ${ENV:default} becomes its default and ${other.property} that property's value, as without overrides. */
    private static String resolve(String value, Properties properties) {
        Matcher matcher = PLACEHOLDER.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String replacement = properties.containsKey(matcher.group(1))
                    ? resolve(properties.getProperty(matcher.group(1)), properties)
                    : matcher.group(2) == null ? "" : matcher.group(2);
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }
}
