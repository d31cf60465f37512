package io.territoryos.localstack;

import io.territoryos.contracts.Topic;
import io.territoryos.contracts.Topics;
import io.territoryos.testkit.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack's topic creation on a real in-process broker: every catalogue topic exists afterwards with its
 * partitions and config, and a topic created before a config key was added to the catalogue gets it (its partitions
 * kept), as a stack from an earlier version does on its next {@code ./territory up}; so does a streams changelog.
 */
class CreateTopicsIT {

    private static final String CHANGELOG = "trigger-service-trigger-accounts-changelog";

    @Test
    void shouldCreateTheMissingTopicsAndSetTheCatalogueConfigOnTheOnesThatExist() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            // as an earlier version created it: compacted, but with the broker's default segment roll
            admin.createTopics(List.of(new NewTopic(Topics.ACCOUNTS_SCORED.name(), 4, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")),
                    // a streams changelog created before the services set topic.segment.ms
                    new NewTopic(CHANGELOG, 4, (short) 1).configs(Map.of("cleanup.policy", "compact")))).all().get();

            CreateTopics.main(new String[]{"--bootstrap", kafka.bootstrapServers()});

            Map<String, TopicDescription> topics = admin.describeTopics(Topics.ALL.stream().map(Topic::name).toList())
                    .allTopicNames().get();
            assertThat(topics).containsOnlyKeys(Topics.ALL.stream().map(Topic::name).toArray(String[]::new));
            for (Topic<?, ?> topic : Topics.ALL) {
                assertThat(topics.get(topic.name()).partitions()).as(topic.name()).hasSize(topic.partitions());
                Map<String, String> config = configOf(admin, topic);
                topic.config().forEach((key, value) -> assertThat(config).as(topic.name()).containsEntry(key, value));
            }
            assertThat(Topics.ACCOUNTS_SCORED.config()).containsEntry("segment.ms", Topics.STATE_SEGMENT_MS);
            Topic<String, String> changelog = new Topic<>(CHANGELOG, String.class, String.class, 4,
                    Map.of("cleanup.policy", "compact", "segment.ms", Topics.STATE_SEGMENT_MS));
            assertThat(configOf(admin, changelog)).containsEntry("segment.ms", Topics.STATE_SEGMENT_MS)
                    .containsEntry("cleanup.policy", "compact");
        }
    }

    /** The topic's config as the broker reports it, once it reports the catalogue's (an alteration reaches the broker's view shortly after it is committed), or after 10 s. */
    private static Map<String, String> configOf(Admin admin, Topic<?, ?> topic) throws Exception {
        Map<String, String> config = Map.of();
        long deadline = System.currentTimeMillis() + 10_000;
        do {
            Config described = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic.name())))
                    .all().get().values().iterator().next();
            config = described.entries().stream().collect(Collectors.toMap(ConfigEntry::name, e -> String.valueOf(e.value())));
            if (config.entrySet().containsAll(topic.config().entrySet())) {
                return config;
            }
            Thread.sleep(100);
        } while (System.currentTimeMillis() < deadline);
        return config;
    }
}
