package io.territoryos.contracts.streams;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class NoJmxMetricsReporterTest {

    @Test
    void shouldKeepTheStreamsClientsMetricsOutOfJmxWhileTheRegistryStillHasThem() throws Exception {
        String withJmx = "jmx-" + System.nanoTime();
        String without = "nojmx-" + System.nanoTime();
        try (KafkaStreams defaults = client(withJmx, null); KafkaStreams ours = client(without, NoJmxMetricsReporter.class)) {
            // the default reporter registers the client's metrics as MBeans; ours registers none
            assertThat(streamsMBeans(withJmx)).isNotEmpty();
            assertThat(streamsMBeans(without)).isEmpty();
            // what /q/metrics reads (the client's registry) is all there
            assertThat(ours.metrics().keySet()).extracting(m -> m.name()).contains("alive-stream-threads");
        }
    }

    @Test
    void shouldBeTheReporterOfEveryStreamsService() throws Exception {
        for (String service : List.of("scoring", "territory", "trigger")) {
            Path properties = Path.of("..", service + "-service", "src", "main", "resources", "application.properties");
            assertThat(Files.readString(properties)).as(properties.toString())
                    .contains("kafka-streams.metric.reporters=" + NoJmxMetricsReporter.class.getName());
        }
    }

    private static KafkaStreams client(String clientId, Class<?> reporter) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in").to("out");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "no-jmx-test");
        props.put(StreamsConfig.CLIENT_ID_CONFIG, clientId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1"); // never started: nothing connects
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/no-jmx-test-" + clientId);
        if (reporter != null) {
            props.put(StreamsConfig.METRIC_REPORTER_CLASSES_CONFIG, reporter.getName());
        }
        return new KafkaStreams(builder.build(), props);
    }

    private static Set<ObjectName> streamsMBeans(String clientId) throws MalformedObjectNameException {
        return ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName("kafka.streams:client-id=" + clientId + ",*"), null);
    }
}
