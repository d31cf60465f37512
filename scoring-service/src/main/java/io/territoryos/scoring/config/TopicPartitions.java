package io.territoryos.scoring.config;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks the broker how many partitions a topic has, waiting for it to exist: the scoring topology copies each
 * weights version to that many partitions, so a guess would leave some tasks scoring with old weights.
 */
final class TopicPartitions {

    private static final Logger LOG = Logger.getLogger(TopicPartitions.class);
    private static final Duration RETRY = Duration.ofSeconds(2);

    static int of(String bootstrapServers, Map<String, String> clientSecurity, String topic, Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        Map<String, Object> adminConfig = new HashMap<>(clientSecurity);
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(adminConfig)) {
            while (true) {
                try {
                    return admin.describeTopics(List.of(topic)).allTopicNames().get(RETRY.toMillis(), TimeUnit.MILLISECONDS)
                            .get(topic).partitions().size();
                } catch (ExecutionException | TimeoutException e) {
                    boolean missing = e.getCause() instanceof UnknownTopicOrPartitionException;
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("cannot learn the partition count of " + topic + " on "
                                + bootstrapServers + " within " + wait + (missing ? ": the topic does not exist" : ""), e);
                    }
                    LOG.infof("waiting for topic %s on %s (%s)", topic, bootstrapServers,
                            missing ? "not created yet" : "broker not answering");
                    sleep(RETRY);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for topic " + topic, e);
        }
    }

    private static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    private TopicPartitions() {
    }
}
