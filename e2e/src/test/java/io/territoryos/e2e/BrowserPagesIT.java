package io.territoryos.e2e;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.territoryos.contracts.Topics;
import io.territoryos.demo.DemoConfig;
import io.territoryos.demo.DemoCrm;
import io.territoryos.demo.domain.StoryStep;
import io.territoryos.demo.messaging.KafkaCdcPublisher;
import io.territoryos.localstack.browser.BrowserCheck;
import io.territoryos.localstack.browser.Chromium;
import io.territoryos.testkit.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages in headless Chromium against the four packaged services (their quarkus-run.jar as processes, the
 * local profile's users) on an in-process KRaft broker and the Mongo wire server: the demo team's health, its trend
 * and the books as of a past time, the team's alerts by kind with their evidence, the rep-exit proposal the trigger
 * produced approved by bob (a checker who did not request it), the what-ifs, alice's own proposal refused to her as
 * self-approval, rejected by bob in a second tab and refused as already decided in the first, and the health again
 * ({@link BrowserCheck}). Runs in {@code mvn verify} wherever a Chromium is found ({@code $CHROME_BIN},
 * {@code $CHROMIUM}, {@code chromium} or {@code chromium-browser} on the PATH); skipped, saying so, where none is,
 * where the packaged services are missing, or with {@code -Dbrowser.check=false}.
 */
@org.junit.jupiter.api.condition.EnabledIf(value = "runnable", disabledReason = "SKIPPED: BrowserPagesIT needs a Chromium "
        + "($CHROME_BIN, $CHROMIUM, chromium or chromium-browser on the PATH; Debian: apt-get install -y chromium) and the packaged "
        + "services (mvn package), and is off with -Dbrowser.check=false")
class BrowserPagesIT {

    /** Whether the class runs: reported as skipped, with the reason above, when not (an assumption in @BeforeAll is not). */
    static boolean runnable() {
        return !"false".equalsIgnoreCase(System.getProperty("browser.check", "true")) && Chromium.executable().isPresent()
                && SERVICES.stream().allMatch(s -> Files.exists(jar(s)));
    }

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> SERVICES = List.of("scoring", "territory", "trigger", "optimizer");
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** Four JVMs joining their Kafka Streams groups on a loaded 2-core machine took more than 90 s once. */
    private static final Duration STARTUP = Duration.ofSeconds(240);

    @TempDir
    static Path work;

    static EmbeddedKafka kafka;
    static MongoServer mongo;
    static final Map<String, Integer> ports = new LinkedHashMap<>();
    static final List<Process> services = new ArrayList<>();
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTheStack() throws Exception {
        // on by default; the opt-out for a machine whose Chromium cannot run headless
        Assumptions.assumeFalse("false".equalsIgnoreCase(System.getProperty("browser.check", "true")),
                "SKIPPED: BrowserPagesIT turned off with -Dbrowser.check=false");
        Assumptions.assumeTrue(Chromium.executable().isPresent(), "SKIPPED: BrowserPagesIT needs a browser: " + Chromium.notFound());
        for (String s : SERVICES) {
            Assumptions.assumeTrue(Files.exists(jar(s)), "SKIPPED: " + jar(s) + " not built (mvn package first)");
        }
        kafka = EmbeddedKafka.start();
        kafka.createTopics(Topics.ALL);
        mongo = new MongoServer(new MemoryBackend());
        var mongoAddress = mongo.bind();
        for (String s : SERVICES) {
            ports.put(s, freePort());
        }
        for (String s : SERVICES) {
            Map<String, String> env = new HashMap<>();
            env.put("QUARKUS_PROFILE", "local"); // HTTP Basic with the local users (alice, bob, carol, victor), as on the stack
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            env.put("QUARKUS_HTTP_PORT", String.valueOf(ports.get(s)));
            env.put("MONGO_URI", "mongodb://" + mongoAddress.getHostString() + ":" + mongoAddress.getPort());
            env.put("KAFKA_STREAMS_STATE_DIR", work.resolve("streams-" + s).toString());
            ports.forEach((name, port) -> env.put("TOS_PAGES_" + name.toUpperCase() + "_URL", url(name)));
            ProcessBuilder builder = new ProcessBuilder("java", "-Xmx384m", "-XX:+UseSerialGC", "-jar", jar(s).toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve(s + ".log").toFile());
            builder.environment().putAll(env);
            services.add(builder.start());
        }
        for (String s : SERVICES) {
            await(url(s) + "/q/health/ready", body -> true, s + " ready", STARTUP);
        }
    }

    @AfterAll
    static void stopTheStack() {
        services.forEach(Process::destroy);
        services.forEach(p -> {
            try {
                if (!p.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        });
        if (mongo != null) {
            mongo.shutdownNow();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldShowHealthAlertsAndWhatIfAndDecideProposalsWithTheRefusalsInWordsInTheBrowser() throws Exception {
        DemoCrm demo = DemoCrm.generate(DemoConfig.of(42, 1_000));
        String team = demo.seedTeam().team();
        String exitingRep = demo.story().exitingRepId();
        try (KafkaCdcPublisher cdc = KafkaCdcPublisher.connect(kafka.bootstrapServers())) {
            cdc.publish("weights", Stream.of(demo.initialWeightsEvent()), r -> { });
            cdc.publish("snapshot", demo.snapshotEvents(), r -> { });
            // the exit only after the territories are reported, as on the stack
            await(url("territory") + "/api/territories?team=" + team,
                    body -> demo.seedTeam().repIds().stream().allMatch(body::contains), "the seed team's territories", PATIENCE);
            cdc.publish("rep exit", demo.storyEvents(StoryStep.REP_EXIT).stream(), r -> { });
        }

        Path screenshots = ROOT.resolve(".local/screenshots/browser-it");
        BrowserCheck check = new BrowserCheck(url("territory"), url("trigger"), url("optimizer"), team, "bob", "alice", screenshots, PATIENCE);
        BrowserCheck.Outcome outcome;
        try (Chromium browser = Chromium.launch(Chromium.executable().orElseThrow(), work.resolve("chromium-profile"))) {
            outcome = check.run(browser);
        }

        // health as of a past time: team and date in the URL, and the page opened from it shows both
        assertThat(outcome.asOfUrl()).contains("team=" + team).contains("asOf=");
        assertThat(outcome.asOfShown()).endsWith(" " + team);
        assertThat(outcome.repTrendLines()).isPositive();
        // alerts of the team, one kind, each with its evidence
        assertThat(outcome.alertsUrl()).contains("team=" + team).contains("type=" + outcome.alertKind());
        assertThat(outcome.alertRows()).isPositive();
        assertThat(outcome.alertEvidence()).isNotBlank();
        // the trigger's proposal approved by a checker who did not request it
        assertThat(outcome.requestedBy()).isNotEqualTo("bob");
        assertThat(outcome.status()).isIn("APPROVED", "APPLIED");
        assertThat(outcome.decision()).contains("by bob");
        String proposal = get(url("optimizer") + "/api/proposals/" + encode(outcome.proposalId()));
        assertThat(proposal).contains("\"decided_by\": \"bob\"").contains(exitingRep);
        // the what-ifs drew a new rep and a changed quota
        assertThat(outcome.whatIfAdded()).contains("R-WHATIF");
        assertThat(outcome.whatIfQuota()).contains("$1,500,000");
        // the refusals in words, and the rejection the service recorded
        assertThat(outcome.selfApproval()).contains("self-approval").contains("alice requested this proposal");
        assertThat(outcome.rejectedStatus()).isEqualTo("REJECTED");
        assertThat(outcome.alreadyDecided()).contains("already been decided");
        String rejected = get(url("optimizer") + "/api/proposals/" + encode(outcome.ownProposalId()));
        assertThat(rejected).contains("\"status\": \"REJECTED\"").contains("\"decided_by\": \"bob\"");
        assertThat(outcome.screenshots()).hasSize(13).allSatisfy(p -> assertThat(Files.size(p)).isGreaterThan(10_000));
    }

    private static String encode(String id) {
        return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Path jar(String service) {
        return ROOT.resolve(service + "-service/target/quarkus-app/quarkus-run.jar");
    }

    private static String url(String service) {
        return "http://localhost:" + ports.get(service);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(viewer(url).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + url).isEqualTo(200);
        return response.body();
    }

    /** A request as victor, the local profile's viewer: every read of the API needs a user. */
    private static HttpRequest.Builder viewer(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("X-Requested-With", "fetch")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("victor:victor".getBytes()));
    }

    private static void await(String url, java.util.function.Predicate<String> ready, String what, Duration patience)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = http.send(viewer(url).build(), HttpResponse.BodyHandlers.ofString());
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200 && ready.test(response.body())) {
                    return;
                }
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            for (Process p : services) {
                assertThat(p.isAlive()).as("a service process exited early; logs in " + work).isTrue();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("timed out waiting for " + what + " at " + url + ": " + last);
    }
}
