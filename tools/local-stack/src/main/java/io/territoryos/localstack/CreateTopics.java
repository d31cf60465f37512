package io.territoryos.localstack;

import io.territoryos.contracts.Topic;
import io.territoryos.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Creates every topic of the catalogue with its explicit partition count; topics that exist are kept as they are. */
public final class CreateTopics {

    public static void main(String[] args) throws Exception {
        String bootstrap = MongoWireServer.option(args, "--bootstrap", "localhost:9092");
        short replication = Short.parseShort(MongoWireServer.option(args, "--replication", "1"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?, ?> topic : Topics.ALL) {
                if (!existing.contains(topic.name())) {
                    missing.add(new NewTopic(topic.name(), topic.partitions(), replication).configs(topic.config()));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
            System.out.printf("topics: %d in the catalogue, %d created, %d already there%n",
                    Topics.ALL.size(), missing.size(), Topics.ALL.size() - missing.size());
        }
    }

    private CreateTopics() {
    }
}
