package io.territoryos.localstack.browser;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The pages in a real browser, as an approver uses them: a team's territory health, the proposal list, the
 * proposal a trigger produced, its approval by a checker who is not the requester, and the health again; a
 * screenshot of each step. Fails, saying where, when a page does not show what it should.
 */
public final class BrowserCheck {

    /** What the check saw. */
    public record Outcome(String proposalId, String requestedBy, String decision, String status, List<Path> screenshots) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRENDS_DRAWN = "!!document.querySelector('#balance-trend svg, #balance-trend p') "
            + "&& !!document.querySelector('#rep-trend svg, #rep-trend p')";

    private final String territoryUrl;
    private final String optimizerUrl;
    private final String team;
    private final String approver;
    private final Path screenshots;
    private final Duration patience;
    private final List<Path> shots = new ArrayList<>();

    public BrowserCheck(String territoryUrl, String optimizerUrl, String team, String approver, Path screenshots, Duration patience) {
        this.territoryUrl = strip(territoryUrl);
        this.optimizerUrl = strip(optimizerUrl);
        this.team = team;
        this.approver = approver;
        this.screenshots = screenshots;
        this.patience = patience;
    }

    public Outcome run(Chromium browser) throws IOException {
        // 1. territory health of the team: the chart drawn, the unassigned pool shown as a pool
        browser.navigate(territoryUrl + "/?team=" + team);
        ready(browser, "document.querySelectorAll('#reps tr').length > 0 && document.querySelectorAll('#coverage-chart svg rect').length > 0",
                "the team's reps and the coverage chart");
        String pool = browser.eval("(document.getElementById('rep-__UNASSIGNED__') || {innerText: ''}).innerText").asText();
        if (pool.contains("AT_RISK") || pool.contains("4.0")) {
            throw new IllegalStateException("the unassigned pool reads like a rep: " + pool);
        }
        browser.waitFor(TRENDS_DRAWN, patience, "the trend charts from the history");
        shot(browser, "01-health.png");

        // 2. the proposal list: a pending proposal that the approver did not request
        browser.navigate(optimizerUrl + "/proposals.html?team=" + team);
        String href = browser.waitFor("""
                [...document.querySelectorAll('tr.proposal')].filter(r => r.cells[1].innerText.includes('PENDING_APPROVAL')
                  && r.cells[4].innerText.trim() !== %s).map(r => r.querySelector('a.open').getAttribute('href'))[0] || ''
                """.formatted(js(approver)), patience, "a PENDING_APPROVAL proposal of team " + team + " not requested by " + approver).asText();
        shot(browser, "02-proposals.png");

        // 3. the proposal, read as the approver
        browser.navigate(optimizerUrl + "/" + href);
        logInAs(browser, approver);
        ready(browser, "document.querySelectorAll('#moves tr.move').length > 0 && document.getElementById('status-pill')", "the proposal's moves");
        String proposalId = browser.eval("document.getElementById('pid').innerText").asText();
        String requestedBy = browser.eval("document.getElementById('requested-by').innerText").asText();
        shot(browser, "03-proposal.png");

        // 4. approve: the decision comes back in words and the status turns APPROVED (or APPLIED once published)
        browser.eval("document.getElementById('comment').value = 'approved in the browser check'; document.getElementById('approve').click(); true");
        String decision = browser.waitFor("""
                (t => t && t !== 'sending...' ? t : '')(document.getElementById('decision').innerText)""", patience, "the decision's answer").asText();
        if (decision.startsWith("Refused")) {
            throw new IllegalStateException("approval of " + proposalId + " as " + approver + " was refused: " + decision);
        }
        String status = browser.waitFor("""
                (s => ['APPROVED', 'APPLIED'].includes(s) ? s : '')(document.getElementById('status-pill').innerText)""",
                patience, "the proposal's status to turn APPROVED").asText();
        shot(browser, "04-approved.png");

        // 5. the team's health again
        browser.navigate(territoryUrl + "/?team=" + team);
        ready(browser, "document.querySelectorAll('#reps tr').length > 0", "the team's reps");
        browser.waitFor(TRENDS_DRAWN, patience, "the trend charts from the history");
        shot(browser, "05-health-after.png");
        return new Outcome(proposalId, requestedBy, decision, status, List.copyOf(shots));
    }

    /** Waits for the page, logging in as the approver when the page asks (after the API began to require it). */
    private void ready(Chromium browser, String condition, String what) {
        String state = browser.waitFor("document.getElementById('login') ? 'login' : ((" + condition + ") ? 'ready' : '')", patience, what).asText();
        if (state.equals("login")) {
            fillLogin(browser, approver);
            browser.waitFor(condition, patience, what);
        }
    }

    private void logInAs(Chromium browser, String user) {
        browser.waitFor("document.getElementById('who-name') || document.getElementById('login-open') || document.getElementById('login')",
                patience, "the log-in slot");
        if (browser.eval("(document.getElementById('who-name') || {}).innerText === " + js(user)).asBoolean()) {
            return;
        }
        browser.eval("sessionStorage.clear(); location.reload(); true");
        browser.waitFor("document.readyState === 'complete' && document.getElementById('login-open')", patience, "the log-in button");
        browser.eval("document.getElementById('login-open').click(); true");
        browser.waitFor("document.getElementById('login')", patience, "the log-in form");
        fillLogin(browser, user);
        browser.waitFor("document.readyState === 'complete' && (document.getElementById('who-name') || {}).innerText === " + js(user),
                patience, "logged in as " + user);
    }

    private static void fillLogin(Chromium browser, String user) {
        browser.eval("""
                (f => { f.user.value = %s; f.password.value = %s; f.requestSubmit(); return true; })(document.querySelector('#login form'))
                """.formatted(js(user), js(user)));
    }

    private void shot(Chromium browser, String name) throws IOException {
        shots.add(browser.screenshot(screenshots.resolve(name)));
    }

    private static String js(String text) {
        return JSON.getNodeFactory().textNode(text).toString(); // a JSON string is a JavaScript string literal
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** {@code BrowserCheck TERRITORY_URL OPTIMIZER_URL TEAM APPROVER SCREENSHOT_DIR [PATIENCE_S]}: exit 0 when every step passed. */
    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: BrowserCheck TERRITORY_URL OPTIMIZER_URL TEAM APPROVER SCREENSHOT_DIR [PATIENCE_S]");
            System.exit(1);
        }
        Path chromium = Chromium.executable().orElseThrow(() -> new IllegalStateException(
                "no chromium at /usr/bin/chromium (or $CHROMIUM): apt-get install -y chromium"));
        Path out = Path.of(args[4]);
        Path profile = Files.createTempDirectory("tos-browser-check");
        BrowserCheck check = new BrowserCheck(args[0], args[1], args[2], args[3], out,
                Duration.ofSeconds(args.length > 5 ? Long.parseLong(args[5]) : 60));
        try (Chromium browser = Chromium.launch(chromium, profile)) {
            Outcome outcome = check.run(browser);
            System.out.printf("proposal %s (requested by %s) %s by %s: %s%n", outcome.proposalId(), outcome.requestedBy(),
                    outcome.status(), args[3], outcome.decision());
            outcome.screenshots().forEach(p -> System.out.println("screenshot " + p));
        } catch (RuntimeException e) {
            System.err.println("BROWSER CHECK FAILED: " + e.getMessage());
            System.exit(2);
        }
    }
}
