package io.territoryos.security;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four services configure security alike (the same users, roles, switches and OIDC settings), and local users
 * and their passwords exist only in the local and test profiles.
 */
class SecurityBlockTest {

    private static final Path ROOT = Path.of("..");
    private static final List<String> SERVICES = List.of("scoring", "territory", "trigger", "optimizer");

    @Test
    void shouldGiveEveryServiceTheSameSecuritySettings() {
        Map<String, List<String>> blocks = SERVICES.stream().collect(Collectors.toMap(Function.identity(),
                service -> sharedSettings(securityBlock(service))));

        assertThat(blocks.get("optimizer")).contains("quarkus.security.jaxrs.deny-unannotated-endpoints=true",
                "%local,test.quarkus.security.users.embedded.roles.bob=viewer,checker");
        SERVICES.forEach(service -> assertThat(blocks.get(service)).as(service).isEqualTo(blocks.get("optimizer")));
    }

    @Test
    void shouldKeepLocalUsersAndPasswordsOutOfEveryProfileButLocalAndTest() {
        for (String service : SERVICES) {
            assertThat(lines(service)).as(service)
                    .filteredOn(line -> line.contains("quarkus.security.users.embedded.users.")
                            || line.contains("quarkus.security.users.embedded.roles."))
                    .hasSize(8)
                    .allSatisfy(line -> assertThat(line).startsWith("%local,test."));
        }
    }

    /** What must agree: the block without comments, the service's own OpenAPI title and its Kafka client lines. */
    private static List<String> sharedSettings(List<String> block) {
        return block.stream().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .filter(line -> !line.startsWith("quarkus.smallrye-openapi.info-"))
                .filter(line -> !line.startsWith("kafka.") && !line.startsWith("quarkus.kafka-streams."))
                .toList();
    }

    private static List<String> securityBlock(String service) {
        List<String> lines = lines(service);
        int start = lines.indexOf(lines.stream().filter(l -> l.startsWith("## Security")).findFirst()
                .orElseThrow(() -> new AssertionError(service + " has no ## Security block")));
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("## ")) {
            end++;
        }
        return lines.subList(start + 1, end);
    }

    private static List<String> lines(String service) {
        try {
            return Files.readAllLines(ROOT.resolve(service + "-service/src/main/resources/application.properties"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
