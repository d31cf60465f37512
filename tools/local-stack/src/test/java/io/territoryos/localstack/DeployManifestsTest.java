package io.territoryos.localstack;

import io.territoryos.contracts.Topic;
import io.territoryos.contracts.Topics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the manifests of deploy/compose and deploy/k8s and checks them against the topic catalogue
 * ({@link Topics#ALL}) and the service modules of the root pom. Nothing here starts them: CI has no Docker engine
 * and no cluster, so this static reading is the only thing that keeps them in step with the code.
 */
class DeployManifestsTest {

    /** HTTP port of each service (PRODUCT.md section 9); a new service module fails the test until it is added here. */
    private static final Map<String, String> HTTP_PORTS = Map.of(
            "scoring-service", "8081",
            "territory-service", "8082",
            "trigger-service", "8083",
            "optimizer-service", "8084");

    /** The Kafka Streams services whose stores are large enough to keep across restarts (RocksDB per account, per rep). */
    private static final List<String> STATEFUL_STREAMS_SERVICES = List.of("scoring-service", "territory-service");

    // Surefire sets basedir to the module (tools/local-stack) and runs there; an IDE may only do the latter.
    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final Path ROOT = MODULE.getParent().getParent();
    private static final Path DEPLOY = ROOT.resolve("deploy");
    private static final Path K8S = DEPLOY.resolve("k8s");
    private static final Path COMPOSE_FILE = DEPLOY.resolve("compose").resolve("docker-compose.yml");

    private static final Pattern MODULE_LINE = Pattern.compile("<module>([\\w-]+-service)</module>");
    private static final Pattern TOPIC_CREATION = Pattern.compile(
            "kafka-topics\\.sh .*--create .*--topic (\\S+) --partitions (\\d+).*");
    private static final Pattern CONFIG_OPTION = Pattern.compile("--config ([\\w.]+)=(\\S+)");

    @Test
    void shouldDeclareEveryCatalogueTopicAsAKafkaTopicWithItsPartitionsAndConfigInCatalogueOrder() {
        List<Manifest> kafkaTopics = k8s("KafkaTopic");

        assertThat(kafkaTopics).extracting(t -> t.get("spec.topicName"))
                .as("KafkaTopic names in deploy/k8s, against Topics.ALL")
                .containsExactlyElementsOf(Topics.ALL.stream().map(Topic::name).toList());
        for (Topic<?, ?> topic : Topics.ALL) {
            Manifest declared = kafkaTopics.stream().filter(t -> t.get("spec.topicName").equals(topic.name()))
                    .findFirst().orElseThrow();
            assertThat(declared.get("spec.partitions")).as("partitions of " + topic.name())
                    .isEqualTo(String.valueOf(topic.partitions()));
            assertThat(declared.section("spec.config")).as("config of " + topic.name())
                    .isEqualTo(new TreeMap<>(topic.config()));
            assertThat(declared.get("spec.replicas")).as("replicas of " + topic.name()).isEqualTo("3");
        }
    }

    @Test
    void shouldCreateEveryCatalogueTopicInComposeWithItsPartitionsAndConfigInCatalogueOrder() {
        List<Matcher> creations = lines(COMPOSE_FILE).stream()
                .map(TOPIC_CREATION::matcher).filter(Matcher::find).toList();

        assertThat(creations).extracting(m -> m.group(1))
                .as("topics created by the kafka-topics container, against Topics.ALL")
                .containsExactlyElementsOf(Topics.ALL.stream().map(Topic::name).toList());
        for (int i = 0; i < creations.size(); i++) {
            Topic<?, ?> topic = Topics.ALL.get(i);
            assertThat(creations.get(i).group(2)).as("partitions of " + topic.name())
                    .isEqualTo(String.valueOf(topic.partitions()));
            Map<String, String> config = new TreeMap<>();
            Matcher option = CONFIG_OPTION.matcher(creations.get(i).group(0));
            while (option.find()) {
                config.put(option.group(1), option.group(2));
            }
            assertThat(config).as("config of " + topic.name()).isEqualTo(new TreeMap<>(topic.config()));
        }
    }

    @Test
    void shouldPointTopicsAndServicesAtTheKafkaClusterOfTheManifests() {
        Manifest kafka = k8s("Kafka").get(0);
        String cluster = kafka.name();
        Manifest pool = k8s("KafkaNodePool").get(0);

        assertThat(kafka.get("spec.kafka.version")).isEqualTo("4.1.1");
        assertThat(kafka.keys()).as("topic operator enabled").anyMatch(k -> k.startsWith("spec.entityOperator.topicOperator"));
        assertThat(pool.get("metadata.labels.strimzi.io/cluster")).isEqualTo(cluster);
        assertThat(Integer.parseInt(pool.get("spec.replicas"))).isGreaterThanOrEqualTo(3);
        // The topic operator ignores a KafkaTopic labelled for another cluster: the topic would silently not exist.
        assertThat(k8s("KafkaTopic")).allSatisfy(t ->
                assertThat(t.get("metadata.labels.strimzi.io/cluster")).as(t.name()).isEqualTo(cluster));
        assertThat(configMap().get("data.KAFKA_BOOTSTRAP_SERVERS")).isEqualTo(cluster + "-kafka-bootstrap:9092");
        assertThat(configMap().get("data.KAFKA_STREAMS_REPLICATION_FACTOR")).isEqualTo("3");
    }

    @Test
    void shouldRunEveryServiceModuleWithItsPortAndBothProbesOnItsHealthEndpoints() {
        assertThat(serviceModules()).containsExactlyInAnyOrderElementsOf(HTTP_PORTS.keySet());

        for (String service : serviceModules()) {
            String port = HTTP_PORTS.get(service);
            Manifest workload = workload(service);
            String container = "spec.template.spec.containers[0]";
            assertThat(workload.get(container + ".image")).isEqualTo("territory-os/" + service + ":0.1.0");
            assertThat(workload.get(container + ".ports[0].containerPort")).as(service).isEqualTo(port);
            assertThat(workload.get(container + ".ports[0].name")).as(service).isEqualTo("http");
            assertThat(workload.listItemWith(container + ".env", "name", "QUARKUS_HTTP_PORT")
                    .map(env -> workload.get(env + ".value"))).as(service).contains(port);
            assertThat(workload.get(container + ".envFrom[0].configMapRef.name")).isEqualTo(configMap().name());
            assertThat(workload.get(container + ".readinessProbe.httpGet.path")).as(service).isEqualTo("/q/health/ready");
            assertThat(workload.get(container + ".readinessProbe.httpGet.port")).as(service).isEqualTo("http");
            assertThat(workload.get(container + ".livenessProbe.httpGet.path")).as(service).isEqualTo("/q/health/live");
            assertThat(workload.get(container + ".livenessProbe.httpGet.port")).as(service).isEqualTo("http");
            assertThat(workload.keys()).as(service + " memory and cpu").contains(
                    container + ".resources.requests.memory", container + ".resources.limits.memory",
                    container + ".resources.requests.cpu");

            assertThat(k8s("Service")).as("Service " + service).anySatisfy(s -> {
                assertThat(s.name()).isEqualTo(service);
                assertThat(s.get("spec.ports[0].port")).isEqualTo(port);
            });
        }
    }

    @Test
    void shouldNameEveryServiceInstanceAStaticGroupMemberAfterItsPod() {
        for (String service : serviceModules()) {
            Manifest workload = workload(service);
            String container = "spec.template.spec.containers[0]";
            // the variable every service's configuration reads for group.instance.id; a pod's name survives a
            // container restart, which is what lets the restarted process take its partitions back at once
            assertThat(workload.listItemWith(container + ".env", "name", "KAFKA_GROUP_INSTANCE_ID")
                    .map(env -> workload.get(env + ".valueFrom.fieldRef.fieldPath"))).as(service).contains("metadata.name");
            assertThat(String.join("\n", lines(ROOT.resolve(service).resolve("src/main/resources/application.properties"))))
                    .as(service).contains("group.instance.id=${KAFKA_GROUP_INSTANCE_ID:}");
        }
    }

    @Test
    void shouldRollTheStreamsServicesChangelogsLikeTheCatalogueStateTopics() {
        for (String service : List.of("scoring-service", "territory-service", "trigger-service")) {
            // a changelog whose open segment never rolls is never compacted: a restore reads every write
            assertThat(lines(ROOT.resolve(service).resolve("src/main/resources/application.properties")))
                    .as(service).contains("kafka-streams.topic.segment.ms=" + Topics.STATE_SEGMENT_MS);
        }
    }

    @Test
    void shouldKeepTheStreamsServicesStateOnAPersistentVolumeWithOneStandbyReplica() {
        String stateDir = configMap().get("data.KAFKA_STREAMS_STATE_DIR");

        for (String service : STATEFUL_STREAMS_SERVICES) {
            Manifest set = workload(service);
            String container = "spec.template.spec.containers[0]";
            assertThat(set.get("kind")).as(service).isEqualTo("StatefulSet");
            assertThat(Integer.parseInt(set.get("spec.replicas"))).as(service + ": a standby needs a second pod")
                    .isGreaterThanOrEqualTo(2);
            assertThat(k8s("Service")).as("governing Service of " + service).anySatisfy(s -> {
                assertThat(s.name()).isEqualTo(set.get("spec.serviceName"));
                assertThat(s.get("spec.clusterIP")).isEqualTo("None");
            });

            String stateVolume = set.listItemWith(container + ".volumeMounts", "mountPath", stateDir)
                    .map(mount -> set.get(mount + ".name"))
                    .orElseThrow(() -> new AssertionError(service + " mounts nothing at " + stateDir));
            String claim = set.listItemWith("spec.volumeClaimTemplates", "metadata.name", stateVolume)
                    .orElseThrow(() -> new AssertionError(service + ": " + stateVolume + " is no volumeClaimTemplate"));
            assertThat(set.get(claim + ".spec.resources.requests.storage")).as(service).isNotBlank();
            assertThat(set.listItemWith("spec.template.spec.volumes", "name", stateVolume))
                    .as(service + ": the state must not also be an emptyDir").isEmpty();

            // the variable the service's own configuration reads for num.standby.replicas, set to 1
            String standbyVariable = standbyVariable(service);
            assertThat(set.listItemWith(container + ".env", "name", standbyVariable)
                    .map(env -> set.get(env + ".value"))).as(service + " " + standbyVariable).contains("1");
        }
    }

    @Test
    void shouldKeepTheOtherServicesStateOnAnEmptyDir() {
        String stateDir = configMap().get("data.KAFKA_STREAMS_STATE_DIR");

        for (String service : serviceModules()) {
            if (STATEFUL_STREAMS_SERVICES.contains(service)) {
                continue;
            }
            Manifest deployment = workload(service);
            String container = "spec.template.spec.containers[0]";
            assertThat(deployment.get("kind")).as(service).isEqualTo("Deployment");
            String stateVolume = deployment.listItemWith(container + ".volumeMounts", "mountPath", stateDir)
                    .map(mount -> deployment.get(mount + ".name"))
                    .orElseThrow(() -> new AssertionError(service + " mounts nothing at " + stateDir));
            String volume = deployment.listItemWith("spec.template.spec.volumes", "name", stateVolume).orElseThrow();
            assertThat(deployment.keys()).as(service + " state volume").anyMatch(k -> k.startsWith(volume + ".emptyDir"));
        }
    }

    @Test
    void shouldRunEveryServiceModuleInComposeFromItsBuiltQuarkusApp() {
        Manifest compose = Manifest.read(COMPOSE_FILE).get(0);

        assertThat(compose.section("x-service-env")).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .containsEntry("MONGO_URI", "mongodb://mongo:27017")
                .containsEntry("APICURIO_REGISTRY_URL", "http://apicurio:8080/apis/registry/v3")
                .containsEntry("KAFKA_STREAMS_REPLICATION_FACTOR", "1");
        assertThat(compose.get("x-service-deps.kafka-topics.condition")).isEqualTo("service_completed_successfully");
        for (String service : serviceModules()) {
            String at = "services." + service;
            String port = HTTP_PORTS.get(service);
            assertThat(compose.get(at + ".environment.<<")).as(service).isEqualTo("*service-env");
            assertThat(compose.get(at + ".environment.QUARKUS_HTTP_PORT")).as(service).isEqualTo(port);
            assertThat(compose.get(at + ".depends_on")).as(service).isEqualTo("*service-deps");
            assertThat(compose.get(at + ".healthcheck.test")).as(service)
                    .contains("http://localhost:" + port + "/q/health/ready");
            assertThat(compose.get(at + ".build.context")).isEqualTo("../..");

            Path dockerfile = ROOT.resolve(compose.get(at + ".build.dockerfile"));
            assertThat(dockerfile).as(service).isEqualTo(DEPLOY.resolve("compose").resolve(service).resolve("Dockerfile"));
            assertThat(lines(dockerfile)).as(dockerfile.toString())
                    .anyMatch(l -> l.startsWith("FROM eclipse-temurin:17-jre"))
                    .anyMatch(l -> l.startsWith("COPY") && l.contains(service + "/target/quarkus-app/lib/"))
                    .anyMatch(l -> l.contains("quarkus-run.jar"));
            assertThat(lines(dockerfile.resolveSibling("Dockerfile.dockerignore")))
                    .contains("!" + service + "/target/quarkus-app");
        }
    }

    @Test
    void shouldListEveryManifestOfTheFolderInTheKustomization() {
        Manifest kustomization = Manifest.read(K8S.resolve("kustomization.yaml")).get(0);
        List<String> listed = kustomization.list("resources");

        try (Stream<Path> files = Files.list(K8S)) {
            assertThat(listed).containsExactlyInAnyOrderElementsOf(files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml")).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Deployment or StatefulSet named after a service module. */
    private static Manifest workload(String service) {
        return Stream.concat(k8s("Deployment").stream(), k8s("StatefulSet").stream())
                .filter(d -> d.name().equals(service)).findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment or StatefulSet named " + service + " in deploy/k8s"));
    }

    /** X in the service's {@code kafka-streams.num.standby.replicas=${X:0}}. */
    private static String standbyVariable(String service) {
        Pattern standby = Pattern.compile("^kafka-streams\\.num\\.standby\\.replicas=\\$\\{(\\w+):\\d+}");
        return lines(ROOT.resolve(service).resolve("src/main/resources/application.properties")).stream()
                .map(standby::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst()
                .orElseThrow(() -> new AssertionError(service + " reads num.standby.replicas from no variable"));
    }

    private static List<String> serviceModules() {
        return lines(ROOT.resolve("pom.xml")).stream().map(MODULE_LINE::matcher).filter(Matcher::find)
                .map(m -> m.group(1)).toList();
    }

    private static Manifest configMap() {
        List<Manifest> configMaps = k8s("ConfigMap");
        assertThat(configMaps).hasSize(1);
        return configMaps.get(0);
    }

    private static List<Manifest> k8s(String kind) {
        assertThat(K8S).as("deploy/k8s seen from " + MODULE).isDirectory();
        try (Stream<Path> files = Files.list(K8S)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted()
                    .flatMap(f -> Manifest.read(f).stream()).filter(m -> kind.equals(m.get("kind"))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One YAML document flattened to paths ({@code spec.template.spec.containers[0].image}) and raw scalar values.
     * Enough for manifests written in block style with lists indented under their key, which ours are; flow values
     * ({@code [a, b]}, {@code {}}) and aliases stay raw strings, block scalars ({@code |}) are skipped.
     */
    record Manifest(Map<String, String> values) {

        String get(String path) {
            String value = values.get(path);
            assertThat(value).as(path + " in " + values.getOrDefault("kind", "document")).isNotNull();
            return value;
        }

        String name() {
            return get("metadata.name");
        }

        List<String> keys() {
            return List.copyOf(values.keySet());
        }

        /** The scalar entries directly under a path, by key (keys may contain dots, as topic configs do). */
        Map<String, String> section(String path) {
            return values.entrySet().stream().filter(e -> e.getKey().startsWith(path + "."))
                    .collect(Collectors.toMap(e -> e.getKey().substring(path.length() + 1), Map.Entry::getValue,
                            (a, b) -> a, TreeMap::new));
        }

        List<String> list(String path) {
            return IntStream.iterate(0, i -> values.containsKey(path + "[" + i + "]"), i -> i + 1)
                    .mapToObj(i -> values.get(path + "[" + i + "]")).toList();
        }

        /** Path of the first item of a list of mappings whose field has the given value. */
        Optional<String> listItemWith(String path, String field, String value) {
            return IntStream.range(0, 100).mapToObj(i -> path + "[" + i + "]")
                    .filter(item -> value.equals(values.get(item + "." + field))).findFirst();
        }

        static List<Manifest> read(Path file) {
            List<Manifest> documents = new ArrayList<>();
            Parser parser = new Parser();
            for (String raw : lines(file)) {
                if (raw.strip().equals("---")) {
                    parser.finish().ifPresent(documents::add);
                    parser = new Parser();
                } else {
                    parser.line(raw);
                }
            }
            parser.finish().ifPresent(documents::add);
            return documents;
        }
    }

    private static final class Parser {

        private record Open(int indent, String path) {
        }

        private final Map<String, String> values = new LinkedHashMap<>();
        private final Deque<Open> open = new ArrayDeque<>();
        private final Map<String, Integer> listSizes = new HashMap<>();
        private int blockScalarIndent = -1;

        void line(String raw) {
            int indent = raw.length() - raw.stripLeading().length();
            String content = raw.strip();
            if (blockScalarIndent >= 0 && (content.isEmpty() || indent > blockScalarIndent)) {
                return;
            }
            blockScalarIndent = -1;
            if (content.isEmpty() || content.startsWith("#")) {
                return;
            }
            int comment = content.indexOf(" #");
            if (comment >= 0) {
                content = content.substring(0, comment).strip();
            }
            if (content.startsWith("- ") || content.equals("-")) {
                String owner = parentAbove(indent);
                String item = owner + "[" + (listSizes.merge(owner, 1, Integer::sum) - 1) + "]";
                open.push(new Open(indent + 1, item));
                String rest = content.substring(1).strip();
                if (isBlockScalar(rest)) {
                    blockScalarIndent = indent;
                } else if (!rest.isEmpty() && entry(rest, indent + 2, item) == null) {
                    values.put(item, unquote(rest));
                }
            } else {
                entry(content, indent, parentAbove(indent));
            }
        }

        /** Records {@code key: value} under parent; returns null when the text is not a mapping entry. */
        private String entry(String text, int indent, String parent) {
            int colon = text.endsWith(":") ? text.length() - 1 : text.indexOf(": ");
            if (colon <= 0) {
                return null;
            }
            String path = (parent.isEmpty() ? "" : parent + ".") + unquote(text.substring(0, colon).strip());
            String value = text.substring(colon + 1).strip();
            if (value.startsWith("&")) {
                // an anchor names the node that follows it; the node itself is what we read
                int space = value.indexOf(' ');
                value = space < 0 ? "" : value.substring(space + 1).strip();
            }
            if (value.isEmpty()) {
                open.push(new Open(indent, path));
            } else if (isBlockScalar(value)) {
                blockScalarIndent = indent;
            } else {
                values.put(path, unquote(value));
            }
            return path;
        }

        private String parentAbove(int indent) {
            while (!open.isEmpty() && open.peek().indent() >= indent) {
                open.pop();
            }
            return open.isEmpty() ? "" : open.peek().path();
        }

        private static boolean isBlockScalar(String value) {
            return value.matches("[|>][-+]?");
        }

        private static String unquote(String value) {
            boolean quoted = value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"));
            return quoted ? value.substring(1, value.length() - 1) : value;
        }

        Optional<Manifest> finish() {
            return values.isEmpty() ? Optional.empty() : Optional.of(new Manifest(values));
        }
    }
}
