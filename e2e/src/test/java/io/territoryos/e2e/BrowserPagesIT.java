package io.territoryos.e2e;

import io.territoryos.demo.DemoConfig;
import io.territoryos.demo.DemoCrm;
import io.territoryos.demo.domain.StoryStep;
import io.territoryos.demo.messaging.KafkaCdcPublisher;
import io.territoryos.localstack.browser.BrowserCheck;
import io.territoryos.localstack.browser.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages in headless Chromium against the four packaged services ({@link PackagedServices}) in the local
 * profile, whose users log in with the pages' own form: the demo team's health, its trend and the books as of a
 * past time, the team's alerts by kind with their evidence, the rep-exit proposal the trigger produced approved by
 * bob (a checker who did not request it), the what-ifs, alice's own proposal refused to her as self-approval,
 * rejected by bob in a second tab and refused as already decided in the first, and the health again
 * ({@link BrowserCheck}). {@link BrowserPagesOidcIT} plays the same with the production profile's OIDC log-in.
 * Runs in {@code mvn verify} wherever a Chromium is found ({@code $CHROME_BIN}, {@code $CHROMIUM}, {@code chromium}
 * or {@code chromium-browser} on the PATH); skipped, saying so, where none is, where the packaged services are
 * missing, or with {@code -Dbrowser.check=false}.
 */
@EnabledIf(value = "runnable", disabledReason = "SKIPPED: BrowserPagesIT needs a Chromium "
        + "($CHROME_BIN, $CHROMIUM, chromium or chromium-browser on the PATH; Debian: apt-get install -y chromium) and the packaged "
        + "services (mvn package), and is off with -Dbrowser.check=false")
class BrowserPagesIT {

    /** Whether the browser ITs run: reported as skipped, with the reason above, when not. */
    static boolean runnable() {
        return !"false".equalsIgnoreCase(System.getProperty("browser.check", "true")) && Chromium.executable().isPresent()
                && PackagedServices.built();
    }

    static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    static Path work;
    static PackagedServices stack;

    @BeforeAll
    static void startTheStack() throws Exception {
        // HTTP Basic with the local users (alice, bob, carol, victor), as on the stack
        stack = PackagedServices.start(work, Map.of("QUARKUS_PROFILE", "local"), BrowserCheck::basic);
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void shouldShowHealthAlertsAndWhatIfAndDecideProposalsWithTheRefusalsInWordsInTheBrowser() throws Exception {
        playAndCheck(stack, work, PackagedServices.ROOT.resolve(".local/screenshots/browser-it"), BrowserCheck::basic);
    }

    /**
     * The demo's snapshot and its rep exit played into the stack, the browser check run through the pages, and what
     * it saw checked against what the services recorded.
     */
    static void playAndCheck(PackagedServices stack, Path work, Path screenshots, Function<String, String> authorization)
            throws Exception {
        DemoCrm demo = DemoCrm.generate(DemoConfig.of(42, 1_000));
        String team = demo.seedTeam().team();
        String exitingRep = demo.story().exitingRepId();
        try (KafkaCdcPublisher cdc = KafkaCdcPublisher.connect(stack.bootstrapServers())) {
            cdc.publish("weights", Stream.of(demo.initialWeightsEvent()), r -> { });
            cdc.publish("snapshot", demo.snapshotEvents(), r -> { });
            // the exit only after the territories are reported, as on the stack
            stack.await(stack.url("territory") + "/api/territories?team=" + team,
                    body -> demo.seedTeam().repIds().stream().allMatch(body::contains), "the seed team's territories", PATIENCE);
            cdc.publish("rep exit", demo.storyEvents(StoryStep.REP_EXIT).stream(), r -> { });
        }

        BrowserCheck check = new BrowserCheck(stack.url("territory"), stack.url("trigger"), stack.url("optimizer"), team,
                "bob", "alice", screenshots, PATIENCE, authorization);
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
        String proposal = stack.get(stack.url("optimizer") + "/api/proposals/" + encode(outcome.proposalId()));
        assertThat(proposal).contains("\"decided_by\": \"bob\"").contains(exitingRep);
        // the what-ifs drew a new rep and a changed quota
        assertThat(outcome.whatIfAdded()).contains("R-WHATIF");
        assertThat(outcome.whatIfQuota()).contains("$1,500,000");
        // the refusals in words, and the rejection the service recorded
        assertThat(outcome.selfApproval()).contains("self-approval").contains("alice requested this proposal");
        assertThat(outcome.rejectedStatus()).isEqualTo("REJECTED");
        assertThat(outcome.alreadyDecided()).contains("already been decided");
        String rejected = stack.get(stack.url("optimizer") + "/api/proposals/" + encode(outcome.ownProposalId()));
        assertThat(rejected).contains("\"status\": \"REJECTED\"").contains("\"decided_by\": \"bob\"");
        assertThat(outcome.screenshots()).hasSize(13).allSatisfy(p -> assertThat(Files.size(p)).isGreaterThan(10_000));
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
