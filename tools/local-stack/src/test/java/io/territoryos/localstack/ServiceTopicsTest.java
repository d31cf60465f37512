package io.territoryos.localstack;

import io.territoryos.contracts.Topic;
import io.territoryos.contracts.Topics;
import io.territoryos.testkit.ServiceProperties;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every topic a service's application.properties names (by default) is a topic of the one catalogue. */
class ServiceTopicsTest {

    private static final List<String> SERVICES = List.of("scoring-service", "territory-service", "trigger-service", "optimizer-service");

    @Test
    void shouldNameOnlyCatalogueTopicsInEveryServiceConfiguration() throws IOException {
        Set<String> catalogue = Topics.ALL.stream().map(Topic::name).collect(Collectors.toSet());
        List<String> named = new ArrayList<>();
        for (String service : SERVICES) {
            Properties properties = load(repositoryRoot().resolve(service).resolve("src/main/resources/application.properties"));
            for (String key : properties.stringPropertyNames()) {
                if (isTopicSetting(key)) {
                    for (String topic : ServiceProperties.resolve(properties.getProperty(key), properties).split(",")) {
                        named.add(service + " " + key + " = " + topic.trim());
                        assertThat(catalogue).as("%s: %s names topic '%s'", service, key, topic.trim()).contains(topic.trim());
                    }
                }
            }
        }
        assertThat(named).as("topic settings found").hasSizeGreaterThan(10);
    }

    private static boolean isTopicSetting(String key) {
        return (key.endsWith(".topic") || key.endsWith("-topic") || key.contains(".topics.") || key.endsWith(".topics"))
                && !key.endsWith("topics-timeout");
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("scoring-service"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
