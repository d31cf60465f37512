package io.territoryos.testkit;

import io.territoryos.contracts.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * A real single-node KRaft Kafka broker running inside the test JVM (Apache Kafka's own KafkaClusterTestKit):
 * the same broker code as production, reached over a loopback socket, with transactions and consumer groups.
 * Sized for one node: internal topics use replication factor 1 so exactly-once works.
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** The broker's own administrator on a SASL listener (the test kit's PLAIN user). */
    private static final Map<String, Object> SASL_ADMIN = Map.of(
            AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
            SaslConfigs.SASL_MECHANISM, "PLAIN",
            SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                    + JaasUtils.KAFKA_PLAIN_ADMIN + "\" password=\"" + JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD + "\";");

    private final KafkaClusterTestKit cluster;
    private final Map<String, Object> adminSecurity;

    private EmbeddedKafka(KafkaClusterTestKit cluster, Map<String, Object> adminSecurity) {
        this.cluster = cluster;
        this.adminSecurity = adminSecurity;
    }

    /** Formats storage in a temporary directory, starts a combined controller+broker and waits until it serves. */
    public static EmbeddedKafka start() {
        return start(false);
    }

    /**
     * The same broker whose client listener takes only SASL (PLAIN for the broker's own administrator, SCRAM-SHA-256
     * for users made with {@link #createScramUser}); no ACLs, so an authenticated user may do anything.
     */
    public static EmbeddedKafka startWithSasl() {
        return start(true);
    }

    private static EmbeddedKafka start(boolean sasl) {
        try {
            TestKitNodes.Builder nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1);
            if (sasl) {
                nodes.setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT);
            }
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes.build());
            if (sasl) {
                builder.setConfigProp("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256")
                        .setConfigProp("listener.name.external.scram-sha-256.sasl.jaas.config",
                                "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                        .setConfigProp("allow.everyone.if.no.acl.found", "true");
            }
            KafkaClusterTestKit cluster = builder
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "2")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "2")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new EmbeddedKafka(cluster, sasl ? SASL_ADMIN : Map.of());
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-process Kafka broker", e);
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public Admin admin() {
        Map<String, Object> config = new HashMap<>(adminSecurity);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(config);
    }

    /** A SCRAM-SHA-256 user on a broker started with {@link #startWithSasl()}. */
    public void createScramUser(String user, String password) {
        try (Admin admin = admin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 4096), password))).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create SCRAM user " + user, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What a client of a {@link #startWithSasl()} broker sets to log in as a SCRAM user. */
    public static Map<String, String> scramClientProperties(String user, String password) {
        return Map.of(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-256",
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + user + "\" password=\"" + password + "\";");
    }

    /** Creates the catalogue's topics with their partitions and configuration; existing ones are left alone. */
    public void createTopics(Collection<? extends Topic<?, ?>> topics) {
        createTopics(topics.stream()
                .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.config()))
                .toList());
    }

    public void createTopics(List<NewTopic> topics) {
        try (Admin admin = admin()) {
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + topic.name(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Everything committed to the topic so far, each partition in offset order: read_committed from the beginning to
     * the end offsets seen at the start (for a transactional topic, the last stable offset).
     *
     * @param extra further consumer settings (e.g. a larger fetch size for oversized records)
     */
    public <K, V> List<ConsumerRecord<K, V>> readCommitted(String topic, Deserializer<K> keys, Deserializer<V> values,
                                                          Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(extra);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keys, values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<K, V>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the in-process Kafka broker", e);
        }
    }
}
