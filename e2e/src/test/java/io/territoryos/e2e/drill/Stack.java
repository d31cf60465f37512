package io.territoryos.e2e.drill;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The local stack as the drills see it: parts by their pid files in {@code $TOS_STATE_DIR/run} (never by name: another
 * stack of the same programs may run beside this one), relaunched through the {@code territory} script's own launch
 * functions, HTTP health and REST on the ports of the environment, consumer-group lag through the admin client.
 */
final class Stack implements AutoCloseable {

    static final List<String> SERVICES = List.of("scoring", "territory", "trigger", "optimizer");

    final String bootstrap;
    final Path runDir;
    final Path logDir;
    final Path script;
    /** The local store's file (the Mongo wire server's H2 store, as {@code ./territory} launches it). */
    final Path storeFile;
    private final Map<String, Integer> ports = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Admin admin;

    Stack(Map<String, String> env, Path root) {
        Path state = Path.of(env.getOrDefault("TOS_STATE_DIR", root.resolve(".local").toString()));
        this.runDir = state.resolve("run");
        this.logDir = state.resolve("logs");
        this.script = root.resolve("territory");
        this.storeFile = state.resolve("mongo").resolve("territory-os.mv");
        this.bootstrap = "localhost:" + env.getOrDefault("KAFKA_PORT", "9092");
        ports.put("scoring", Integer.parseInt(env.getOrDefault("SCORING_PORT", "8081")));
        ports.put("territory", Integer.parseInt(env.getOrDefault("TERRITORY_PORT", "8082")));
        ports.put("trigger", Integer.parseInt(env.getOrDefault("TRIGGER_PORT", "8083")));
        ports.put("optimizer", Integer.parseInt(env.getOrDefault("OPTIMIZER_PORT", "8084")));
        ports.put("kafka", Integer.parseInt(env.getOrDefault("KAFKA_PORT", "9092")));
        ports.put("mongo", Integer.parseInt(env.getOrDefault("MONGO_PORT", "27017")));
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
    }

    /** The HTTP port of a service or of its second instance ({@code scoring-2}: the script's port + 100). */
    int port(String part) {
        if (part.endsWith("-2")) {
            return ports.get(part.substring(0, part.length() - 2)) + 100;
        }
        return ports.get(part);
    }

    Admin admin() {
        return admin;
    }

    /** Bytes of the local store's file, -1 when there is none. */
    long storeBytes() {
        try {
            return java.nio.file.Files.size(storeFile);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    // ---- processes, by pid file only ------------------------------------------------------------------------

    Optional<ProcessHandle> process(String part) {
        Path file = runDir.resolve(part + ".pid");
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(file).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    boolean alive(String part) {
        return process(part).isPresent();
    }

    /** kill -9 of the part's pid; returns the pid killed. */
    long kill9(String part) throws InterruptedException {
        ProcessHandle p = process(part).orElseThrow(() -> new IllegalStateException(part + " is not running (no live pid in "
                + runDir.resolve(part + ".pid") + ")"));
        p.destroyForcibly();
        awaitDeath(p, 15);
        return p.pid();
    }

    /** SIGTERM to the part's pid and wait for it to exit (SIGKILL after 30 s, as {@code ./territory down} does). */
    long stop(String part) throws InterruptedException {
        ProcessHandle p = process(part).orElseThrow(() -> new IllegalStateException(part + " is not running"));
        p.destroy();
        if (!awaitDeath(p, 30)) {
            p.destroyForcibly();
            awaitDeath(p, 10);
        }
        return p.pid();
    }

    private static boolean awaitDeath(ProcessHandle p, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return !p.isAlive();
    }

    /** Starts a part the way {@code ./territory up} does: {@code ./territory _launch PART} (returns once it is started). */
    void launch(String part) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(script.toString(), "_launch", part).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("./territory _launch " + part + " failed (exit " + (p.isAlive() ? "timeout" : p.exitValue()) + ")");
        }
    }

    boolean portOpen(String part) {
        try (Socket ignored = new Socket("localhost", port(part))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // ---- HTTP -------------------------------------------------------------------------------------------

    record Answer(int status, String body, long millis) {
        static final Answer NONE = new Answer(-1, "", 0);
    }

    Answer get(String part, String path, String user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port(part) + path))
                .timeout(Duration.ofSeconds(10)).GET();
        return send(request, user);
    }

    Answer post(String part, String path, String user, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port(part) + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        return send(request, user);
    }

    private Answer send(HttpRequest.Builder request, String user) {
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            return new Answer(-1, e.getClass().getSimpleName() + ": " + e.getMessage(), (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.NONE;
        }
    }

    boolean ready(String part) {
        return get(part, "/q/health/ready", null).status() == 200;
    }

    // ---- consumer groups --------------------------------------------------------------------------------

    /** Committed offsets of a group (empty when the broker cannot answer). */
    Map<TopicPartition, Long> committed(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            Map<TopicPartition, Long> out = new HashMap<>();
            offsets.forEach((tp, o) -> {
                if (o != null) {
                    out.put(tp, o.offset());
                }
            });
            return out;
        } catch (Exception e) {
            return Map.of();
        }
    }

    /** Σ committed offsets of a group: grows whenever the group processes and commits. -1 when unknown. */
    long committedSum(String group) {
        Map<TopicPartition, Long> c = committed(group);
        return c.isEmpty() ? -1 : c.values().stream().mapToLong(Long::longValue).sum();
    }

    /** A group's lag: Σ (last stable offset − committed) over the partitions it has committed; -1 when unknown. */
    long lag(String group) {
        return lag(committed(group));
    }

    /** The lag of these committed offsets; -1 when unknown. */
    long lag(Map<TopicPartition, Long> committed) {
        try {
            if (committed.isEmpty()) {
                return -1;
            }
            Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
            committed.keySet().forEach(tp -> specs.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(specs, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(5, TimeUnit.SECONDS);
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> e : committed.entrySet()) {
                lag += Math.max(0, ends.get(e.getKey()).offset() - e.getValue());
            }
            return lag;
        } catch (Exception e) {
            return -1;
        }
    }

    /** Partitions of a group's committed offsets: the slack its lag keeps at rest (one transaction marker each). */
    int committedPartitions(String group) {
        return committed(group).size();
    }

    /** Members of a group and the partitions each holds. */
    Map<String, Integer> assignments(String group) {
        try {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get(5, TimeUnit.SECONDS).get(group);
            Map<String, Integer> out = new HashMap<>();
            for (MemberDescription m : d.members()) {
                out.put(m.clientId() + "@" + m.host(), m.assignment().topicPartitions().size());
            }
            return out;
        } catch (Exception e) {
            return Map.of();
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
