package io.territoryos.contracts.streams;

import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsReporter;

import java.util.List;
import java.util.Map;

/**
 * The Kafka Streams client's {@code metric.reporters} in place of the default {@code JmxReporter}: reports nothing.
 * Kafka Streams 4.1 registers a store's {@code oldest-iterator-open-since-ms} metric when an iterator opens on an
 * idle store and removes it when the last one closes (KAFKA-19678); with the JMX reporter each of those is an MBean
 * name built, matched against the include/exclude patterns and (un)registered, which took a third of
 * territory-service's CPU (its aggregation scans a team's stores on every publish). The metrics themselves stay in
 * the client's registry, where {@code /q/metrics} (Micrometer's Kafka Streams binder) reads them; only the JMX view
 * of them is gone. Set by {@code kafka-streams.metric.reporters} in each streams service.
 */
public final class NoJmxMetricsReporter implements MetricsReporter {

    @Override
    public void init(List<KafkaMetric> metrics) {
    }

    @Override
    public void metricChange(KafkaMetric metric) {
    }

    @Override
    public void metricRemoval(KafkaMetric metric) {
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
