package io.territoryos.localstack;

import io.territoryos.contracts.Topic;
import io.territoryos.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Creates every topic of the catalogue with its explicit partition count and config; of a topic that exists, the
 * partitions are kept and the catalogue's config keys are set (a stack created before a config was added gets it).
 * The streams services' changelogs that exist ({@code *-changelog}) get the state topics' segment roll too: Kafka
 * Streams applies its {@code topic.segment.ms} only to the internal topics it creates, and a changelog that never rolls
 * is never compacted, so a store restored after kill -9 read every write since the stack began.
 */
public final class CreateTopics {

    public static void main(String[] args) throws Exception {
        String bootstrap = MongoWireServer.option(args, "--bootstrap", "localhost:9092");
        short replication = Short.parseShort(MongoWireServer.option(args, "--replication", "1"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            Map<ConfigResource, Collection<AlterConfigOp>> aligned = new HashMap<>();
            int changelogs = 0;
            for (String name : existing) {
                if (name.endsWith("-changelog")) {
                    aligned.put(new ConfigResource(ConfigResource.Type.TOPIC, name), List.of(new AlterConfigOp(
                            new ConfigEntry("segment.ms", Topics.STATE_SEGMENT_MS), AlterConfigOp.OpType.SET)));
                    changelogs++;
                }
            }
            for (Topic<?, ?> topic : Topics.ALL) {
                if (!existing.contains(topic.name())) {
                    missing.add(new NewTopic(topic.name(), topic.partitions(), replication).configs(topic.config()));
                } else {
                    aligned.put(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()), topic.config().entrySet().stream()
                            .map(c -> new AlterConfigOp(new ConfigEntry(c.getKey(), c.getValue()), AlterConfigOp.OpType.SET))
                            .toList());
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
            if (!aligned.isEmpty()) {
                admin.incrementalAlterConfigs(aligned).all().get(60, TimeUnit.SECONDS);
            }
            System.out.printf("topics: %d in the catalogue, %d created, %d already there (config set from the catalogue);"
                    + " %d streams changelogs roll every %s ms%n", Topics.ALL.size(), missing.size(), aligned.size() - changelogs,
                    changelogs, Topics.STATE_SEGMENT_MS);
        }
    }

    private CreateTopics() {
    }
}
