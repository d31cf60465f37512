package io.territoryos.testkit;

import io.territoryos.contracts.Topics;
import org.apache.kafka.streams.TopologyDescription;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a service's {@code application.properties} says when no environment variable is set, and which topics its
 * topology must find on the broker: for the tests that keep a service's configuration and its topology in step.
 */
public final class ServiceProperties {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");

    /** The {@code /application.properties} on the classpath. */
    public static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = ServiceProperties.class.getResourceAsStream("/application.properties")) {
            if (in == null) {
                throw new IllegalStateException("no /application.properties on the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** The value of {@code key} with {@code ${ENV:default}} as its default and {@code ${other.key}} as that key's value. */
    public static String resolved(Properties properties, String key) {
        return resolve(properties.getProperty(key), properties);
    }

    /** {@code value} resolved the same way. */
    public static String resolve(String value, Properties properties) {
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

    /** The comma-separated list under {@code key}, resolved. */
    public static Set<String> resolvedList(Properties properties, String key) {
        return Arrays.stream(resolved(properties, key).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The topics a topology reads (global stores' topics included) and the dead-letter topics it writes: what it
     * must find on the broker before it starts. Its internal repartition topics are left out (Kafka Streams creates them).
     */
    public static Set<String> topicsToWaitFor(TopologyDescription topology) {
        Set<String> needed = new TreeSet<>();
        for (TopologyDescription.Subtopology subtopology : topology.subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    needed.addAll(source.topicSet());
                } else if (node instanceof TopologyDescription.Sink sink && sink.topic().endsWith(Topics.DLQ_SUFFIX)) {
                    needed.add(sink.topic());
                }
            }
        }
        for (TopologyDescription.GlobalStore store : topology.globalStores()) {
            needed.addAll(store.source().topicSet());
        }
        needed.removeIf(topic -> topic.endsWith("-repartition"));
        return needed;
    }

    private ServiceProperties() {
    }
}
