package io.territoryos.e2e;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.territoryos.contracts.Topics;
import io.territoryos.testkit.EmbeddedKafka;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four packaged services (their {@code quarkus-run.jar}) as processes on an in-process KRaft broker and the
 * Mongo wire server, each on a free port and told the others' page URLs: the stack the browser ITs drive. The
 * environment given (a profile, an OIDC provider) is what differs between them; {@code authorization} is how the
 * test's own reads authenticate (a user's {@code Authorization} header).
 */
final class PackagedServices implements AutoCloseable {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final List<String> SERVICES = List.of("scoring", "territory", "trigger", "optimizer");
    /** Four JVMs joining their Kafka Streams groups on a loaded 2-core machine took more than 90 s once. */
    private static final Duration STARTUP = Duration.ofSeconds(240);

    private final Path work;
    private final Function<String, String> authorization;
    private final EmbeddedKafka kafka;
    private final MongoServer mongo;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    /** Whether every service's jar is built ({@code mvn package}). */
    static boolean built() {
        return SERVICES.stream().allMatch(s -> Files.exists(jar(s)));
    }

    static Path jar(String service) {
        return ROOT.resolve(service + "-service/target/quarkus-app/quarkus-run.jar");
    }

    /** Starts the broker, the store and the four services with this environment, and waits until each is ready. */
    static PackagedServices start(Path work, Map<String, String> environment, Function<String, String> authorization)
            throws IOException, InterruptedException {
        PackagedServices stack = new PackagedServices(work, authorization);
        try {
            stack.launch(environment);
            return stack;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            stack.close();
            throw e;
        }
    }

    private PackagedServices(Path work, Function<String, String> authorization) {
        this.work = work;
        this.authorization = authorization;
        this.kafka = EmbeddedKafka.start();
        this.mongo = new MongoServer(new MemoryBackend());
    }

    private void launch(Map<String, String> environment) throws IOException, InterruptedException {
        kafka.createTopics(Topics.ALL);
        var mongoAddress = mongo.bind();
        for (String s : SERVICES) {
            ports.put(s, freePort());
        }
        for (String s : SERVICES) {
            Map<String, String> env = new HashMap<>(environment);
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            env.put("QUARKUS_HTTP_PORT", String.valueOf(ports.get(s)));
            env.put("MONGO_URI", "mongodb://" + mongoAddress.getHostString() + ":" + mongoAddress.getPort());
            env.put("KAFKA_STREAMS_STATE_DIR", work.resolve("streams-" + s).toString());
            ports.keySet().forEach(name -> env.put("TOS_PAGES_" + name.toUpperCase() + "_URL", url(name)));
            // the README's RocksDB knob, given to every service: a smaller cache for four JVMs, and each must start with it
            ProcessBuilder builder = new ProcessBuilder("java", "-Xmx384m", "-XX:+UseSerialGC", "-Dtos.rocksdb.off-heap-mb=64",
                    "-jar", jar(s).toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve(s + ".log").toFile());
            builder.environment().putAll(env);
            processes.add(builder.start());
        }
        for (String s : SERVICES) {
            await(url(s) + "/q/health/ready", body -> true, s + " ready", STARTUP);
        }
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    String url(String service) {
        return "http://localhost:" + ports.get(service);
    }

    /** GET as victor, a viewer: the body of a 200. */
    String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(asViewer(url).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + url).isEqualTo(200);
        return response.body();
    }

    /** Polls GET (as victor) until a 200 whose body passes; fails early when a service process has exited. */
    void await(String url, Predicate<String> ready, String what, Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = http.send(asViewer(url).build(), HttpResponse.BodyHandlers.ofString());
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200 && ready.test(response.body())) {
                    return;
                }
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            for (Process p : processes) {
                assertThat(p.isAlive()).as("a service process exited early; logs in " + work).isTrue();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("timed out waiting for " + what + " at " + url + ": " + last);
    }

    private HttpRequest.Builder asViewer(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("X-Requested-With", "fetch")
                .header("Authorization", authorization.apply("victor"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        processes.forEach(Process::destroy);
        processes.forEach(p -> {
            try {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        });
        mongo.shutdownNow();
        kafka.close();
    }
}
