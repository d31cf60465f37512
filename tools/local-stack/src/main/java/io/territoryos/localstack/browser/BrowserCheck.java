package io.territoryos.localstack.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The pages in a real browser, as an analyst and the approvers use them: a team's territory health with its trend
 * charts and as of a past time (team and date in the URL), the team's alerts with their evidence filtered by kind,
 * the proposal list, the proposal a trigger produced and its approval by a checker who is not the requester, the
 * what-if page (a rep added, a quota changed), a rebalance requested with the proposals page's form and a refusal
 * in words when the requester tries to approve that proposal of their own, that proposal rejected by another checker in a second tab, an approval from the first (stale) tab
 * refused as already decided, and the health again; a screenshot of each step. Each step asserts what the page
 * shows and fails, saying where and what the page said, when it does not.
 */
public final class BrowserCheck {

    /** What the check saw, step by step. */
    public record Outcome(String proposalId, String requestedBy, String decision, String status,
                          String asOfUrl, String asOfShown, int repTrendLines,
                          String alertsUrl, String alertKind, int alertRows, String alertEvidence,
                          String whatIfAdded, String whatIfQuota,
                          String ownProposalId, String selfApproval, String rejectedStatus, String alreadyDecided,
                          List<Path> screenshots) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Both trend charts drawn as lines (an empty history would show "no history in this period"). */
    private static final String TRENDS_DRAWN = "document.querySelectorAll('#balance-trend svg path.line').length > 0 "
            + "&& document.querySelectorAll('#rep-trend svg path.line').length > 0";
    private static final String DECISION = "(t => t && t !== 'sending...' ? t : '')(document.getElementById('decision').innerText)";
    private static final String WHAT_IF_REP = "R-WHATIF";
    /** A log-in form on the page: the pages' own (local users) or the identity provider's (OIDC). */
    private static final String LOGIN_FORM = "(document.querySelector('#login form') || (document.querySelector('form input[name=username]') || {}).form)";
    /**
     * Where the tab's log-in stands, once the document is loaded: who is logged in, a log-in form, or only the
     * log-in button — after a few seconds, so that a page on its way to the identity provider is not taken for one
     * that waits to be asked.
     */
    private static final String LOGIN_STATE = """
            document.readyState !== 'complete' ? '' : document.getElementById('who-name') ? 'who:' + document.getElementById('who-name').innerText
              : %s ? 'form' : document.getElementById('login-open') && performance.now() > 4000 ? 'button' : ''""".formatted(LOGIN_FORM);

    private final String territoryUrl;
    private final String triggerUrl;
    private final String optimizerUrl;
    private final String team;
    private final String approver;
    private final String requester;
    private final Path screenshots;
    private final Duration patience;
    private final List<Path> shots = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Function<String, String> authorization;

    /**
     * @param approver  a checker who did not request the trigger's proposal (approves it, rejects the requester's)
     * @param requester a maker and checker (asks for a rebalance, tries to approve it himself, runs the what-ifs)
     */
    public BrowserCheck(String territoryUrl, String triggerUrl, String optimizerUrl, String team, String approver,
                        String requester, Path screenshots, Duration patience) {
        this(territoryUrl, triggerUrl, optimizerUrl, team, approver, requester, screenshots, patience, BrowserCheck::basic);
    }

    /**
     * @param authorization the {@code Authorization} header for a user, for the check's own API calls (the pages
     *                      log in by themselves): HTTP Basic with the local users, a bearer token with OIDC
     */
    public BrowserCheck(String territoryUrl, String triggerUrl, String optimizerUrl, String team, String approver,
                        String requester, Path screenshots, Duration patience, Function<String, String> authorization) {
        this.authorization = authorization;
        this.territoryUrl = strip(territoryUrl);
        this.triggerUrl = strip(triggerUrl);
        this.optimizerUrl = strip(optimizerUrl);
        this.team = team;
        this.approver = approver;
        this.requester = requester;
        this.screenshots = screenshots;
        this.patience = patience;
    }

    public Outcome run(Chromium browser) throws IOException, InterruptedException {
        // 1. territory health of the team: the coverage chart, the unassigned pool shown as a pool, both trends drawn
        browser.navigate(territoryUrl + "/?team=" + team);
        ready(browser, "document.querySelectorAll('#reps tr').length > 0 && document.querySelectorAll('#coverage-chart svg rect').length > 0",
                "the team's reps and the coverage chart");
        String pool = browser.eval("(document.getElementById('rep-__UNASSIGNED__') || {innerText: ''}).innerText").asText();
        if (pool.contains("AT_RISK") || pool.contains("4.0")) {
            throw new IllegalStateException("the unassigned pool reads like a rep: " + pool);
        }
        browser.waitFor(TRENDS_DRAWN, patience, "the trend charts drawn from the history");
        // an active rep, for the quota what-if
        String rep = browser.waitFor("""
                [...document.querySelectorAll('#reps tr[id^="rep-"]')].filter(r => r.id !== 'rep-__UNASSIGNED__'
                  && !r.cells[1].innerText.includes('exited')).map(r => r.id.slice(4))[0] || ''""", patience, "an active rep").asText();
        shot(browser, "01-health.png");

        // 2. as of a past time, picked in the "As of" field: team and date go into the URL, the page reads the history
        String pick = browser.waitFor("""
                TOS.api('/api/teams/' + encodeURIComponent(%s) + '/balance/history').then(h => h.length
                  ? new Date(Math.ceil(Date.parse(h[Math.floor(h.length / 2)].at) / 1000) * 1000).toISOString().slice(0, 19) : '')
                """.formatted(js(team)), patience, "the team's balance history").asText();
        browser.eval("(i => { i.value = %s; i.dispatchEvent(new Event('change')); return true; })(document.getElementById('asOf'))".formatted(js(pick)));
        String asOfUrl = browser.waitFor("""
                (u => u.searchParams.get('team') === %s && u.searchParams.get('asOf') === %s ? u.href : '')(new URL(location.href))
                """.formatted(js(team), js(pick + ".000Z")), patience, "team and as-of date in the URL").asText();
        // the URL is the page: opened afresh it shows the same team and date
        browser.navigate(asOfUrl);
        ready(browser, "document.getElementById('mode').innerText.includes('as of') && document.querySelectorAll('#reps tr').length > 0",
                "the books as of " + pick);
        browser.waitFor(TRENDS_DRAWN, patience, "the trend charts up to " + pick);
        String asOfShown = browser.eval("document.getElementById('asOf').value + ' ' + document.getElementById('team').value").asText();
        if (!asOfShown.equals(pick + " " + team)) {
            throw new IllegalStateException("opened as " + asOfUrl + ", the picker and the team show " + asOfShown);
        }
        int repTrendLines = browser.eval("document.querySelectorAll('#rep-trend svg path.line').length").asInt();
        shot(browser, "02-health-as-of.png");

        // 3. the team's alerts, then only one kind: each row the team's and that kind, each with its evidence
        browser.navigate(triggerUrl + "/alerts.html?team=" + team);
        String kind = ready(browser, """
                (k => k.includes('COVERAGE_BELOW_THRESHOLD') ? 'COVERAGE_BELOW_THRESHOLD' : k[0] || '')(
                  [...document.querySelectorAll('#alerts tr.alert')].map(r => r.cells[1].innerText.trim()))""",
                "an alert of team " + team).asText();
        browser.eval("(s => { s.value = %s; s.dispatchEvent(new Event('change')); return true; })(document.getElementById('type'))".formatted(js(kind)));
        String alertsUrl = browser.waitFor("""
                (u => u.searchParams.get('team') === %s && u.searchParams.get('type') === %s ? u.href : '')(new URL(location.href))
                """.formatted(js(team), js(kind)), patience, "team and kind in the alerts URL").asText();
        int alertRows = browser.waitFor("""
                (rows => rows.length && rows.every(r => r.cells[1].innerText.trim() === %s && r.cells[2].innerText.trim() === %s
                  && r.cells[6].innerText.trim() !== '') ? rows.length : 0)([...document.querySelectorAll('#alerts tr.alert')])
                """.formatted(js(kind), js(team)), patience, "only " + kind + " alerts of " + team + ", each with evidence").asInt();
        String alertEvidence = browser.eval("document.querySelector('#alerts tr.alert').cells[6].innerText").asText();
        shot(browser, "03-alerts.png");

        // 4. the proposal list: a pending proposal that the approver did not request
        browser.navigate(optimizerUrl + "/proposals.html?team=" + team);
        String href = ready(browser, """
                [...document.querySelectorAll('tr.proposal')].filter(r => r.cells[1].innerText.includes('PENDING_APPROVAL')
                  && r.cells[4].innerText.trim() !== %s).map(r => r.querySelector('a.open').getAttribute('href'))[0] || ''
                """.formatted(js(approver)), "a PENDING_APPROVAL proposal of team " + team + " not requested by " + approver).asText();
        shot(browser, "04-proposals.png");

        // 5. the proposal, read as the approver
        browser.navigate(optimizerUrl + "/" + href);
        logInAs(browser, approver);
        ready(browser, "document.querySelectorAll('#moves tr.move').length > 0 && document.getElementById('status-pill')", "the proposal's moves");
        String proposalId = browser.eval("document.getElementById('pid').innerText").asText();
        String requestedBy = browser.eval("document.getElementById('requested-by').innerText").asText();
        shot(browser, "05-proposal.png");

        // 6. approve: the decision comes back in words and the status turns APPROVED (or APPLIED once published)
        browser.eval("document.getElementById('comment').value = 'approved in the browser check'; document.getElementById('approve').click(); true");
        String decision = browser.waitFor(DECISION, patience, "the decision's answer").asText();
        if (decision.startsWith("Refused")) {
            throw new IllegalStateException("approval of " + proposalId + " as " + approver + " was refused: " + decision);
        }
        String status = browser.waitFor("""
                (s => ['APPROVED', 'APPLIED'].includes(s) ? s : '')(document.getElementById('status-pill').innerText)""",
                patience, "the proposal's status to turn APPROVED").asText();
        shot(browser, "06-approved.png");

        // 7. what-if as the requester (a maker): a rep added, then a quota changed; the before/after chart drawn
        browser.navigate(optimizerUrl + "/what-if.html?team=" + team);
        logInAs(browser, requester);
        whatIf(browser, "ADD_REP", Map.of("new_id", WHAT_IF_REP, "new_name", "What-if rep", "segment", "MID_MARKET", "quota", "1000000"));
        String whatIfAdded = browser.waitFor("""
                ([...document.querySelectorAll('#reps tr')].find(r => r.cells[0].innerText.includes(%s)
                  && r.cells[2].innerText.includes('new')) || {innerText: ''}).innerText""".formatted(js(WHAT_IF_REP)),
                patience, "the added rep, new, in the what-if's table").asText();
        shot(browser, "07-what-if-add-rep.png");
        whatIf(browser, "CHANGE_QUOTA", Map.of("rep_id", rep, "quota", "1500000"));
        String whatIfQuota = browser.waitFor("""
                ([...document.querySelectorAll('#reps tr')].find(r => r.cells[0].innerText.includes(%s)
                  && r.cells[2].innerText.includes('$1,500,000')) || {innerText: ''}).innerText""".formatted(js(rep)),
                patience, "rep " + rep + "'s quota before -> $1,500,000 in the what-if's table").asText();
        shot(browser, "08-what-if-quota.png");

        // 8. the requester asks for a rebalance of another team with the proposals page's Request form, opens the
        //    proposal from the link the form answers with, and tries to approve it himself
        String own = requestRebalance(browser, requester);
        shot(browser, "09-rebalance-requested.png");
        browser.eval("window.stale = true; document.getElementById('requested-proposal').click(); true");
        browser.waitFor("!window.stale && document.readyState === 'complete' && location.pathname.endsWith('/proposal.html')",
                patience, "the requested proposal's page");
        ready(browser, "(document.getElementById('status-pill') || {}).innerText === 'PENDING_APPROVAL'", "the requester's proposal " + own + " pending");
        browser.eval("document.getElementById('approve').click(); true");
        String selfApproval = browser.waitFor(DECISION, patience, "the answer to the self-approval").asText();
        if (!selfApproval.contains("self-approval")) {
            throw new IllegalStateException(requester + " approving their own " + own + " was answered: " + selfApproval);
        }
        shot(browser, "10-self-approval-refused.png");

        // 9. the approver opens it (this tab will go stale), rejects it in a second tab, then approves from the first
        logInAs(browser, approver);
        ready(browser, "(document.getElementById('status-pill') || {}).innerText === 'PENDING_APPROVAL' && !document.getElementById('approve').disabled",
                own + " pending, as " + approver);
        String rejectedStatus;
        try (Chromium second = browser.newTab()) {
            second.navigate(optimizerUrl + "/proposal.html?id=" + URLEncoder.encode(own, StandardCharsets.UTF_8));
            logInAs(second, approver);
            ready(second, "(document.getElementById('status-pill') || {}).innerText === 'PENDING_APPROVAL'", own + " pending in a second tab");
            second.eval("document.getElementById('comment').value = 'rejected in the browser check'; document.getElementById('reject').click(); true");
            String answer = second.waitFor(DECISION, patience, "the rejection's answer").asText();
            if (answer.startsWith("Refused")) {
                throw new IllegalStateException("rejecting " + own + " as " + approver + " was refused: " + answer);
            }
            rejectedStatus = second.waitFor("(s => s === 'REJECTED' ? s : '')(document.getElementById('status-pill').innerText)",
                    patience, own + "'s status to turn REJECTED").asText();
            shot(second, "11-rejected.png");
        }
        browser.eval("document.getElementById('approve').click(); true");
        String alreadyDecided = browser.waitFor(DECISION, patience, "the answer to approving a decided proposal").asText();
        if (!alreadyDecided.contains("already been decided")) {
            throw new IllegalStateException("approving the rejected " + own + " from a stale tab was answered: " + alreadyDecided);
        }
        browser.waitFor("document.getElementById('status-pill').innerText === 'REJECTED' && document.getElementById('approve').disabled",
                patience, "the stale tab to show REJECTED");
        shot(browser, "12-already-decided-refused.png");

        // 10. the team's health again
        browser.navigate(territoryUrl + "/?team=" + team);
        ready(browser, "document.querySelectorAll('#reps tr').length > 0", "the team's reps");
        browser.waitFor(TRENDS_DRAWN, patience, "the trend charts from the history");
        shot(browser, "13-health-after.png");
        return new Outcome(proposalId, requestedBy, decision, status, asOfUrl, asOfShown, repTrendLines,
                alertsUrl, kind, alertRows, alertEvidence, whatIfAdded, whatIfQuota,
                own, selfApproval, rejectedStatus, alreadyDecided, List.copyOf(shots));
    }

    /** Fills the what-if form for one scenario, submits it and waits for the before/after chart. */
    private void whatIf(Chromium browser, String type, Map<String, String> fields) {
        browser.waitFor("document.getElementById('form') && document.getElementById('team').value === " + js(team), patience, "the what-if form");
        StringBuilder fill = new StringBuilder("(f => { f.elements.type.value = %s; f.elements.type.dispatchEvent(new Event('change')); ".formatted(js(type)));
        fields.forEach((name, value) -> fill.append("f.elements[%s].value = %s; ".formatted(js(name), js(value))));
        fill.append("document.getElementById('result').hidden = true; f.requestSubmit(); return true; })(document.getElementById('form'))");
        browser.eval(fill.toString());
        String scenario = browser.waitFor("""
                (r => !r.hidden && document.querySelectorAll('#chart svg rect.s0').length > 0 && document.querySelectorAll('#chart svg rect.s1').length > 0
                  ? document.getElementById('scenario').innerText : (document.getElementById('error').innerText.startsWith('the what-if failed')
                  ? 'FAILED ' + document.getElementById('error').innerText : ''))(document.getElementById('result'))""",
                patience, "the " + type + " what-if's before/after chart").asText();
        if (scenario.startsWith("FAILED")) {
            throw new IllegalStateException("the " + type + " what-if answered: " + scenario);
        }
    }

    /**
     * POST /api/rebalances as a maker, for the least balanced team other than the check's (whose books the approval
     * just changed, so that a rebalance of them may well find nothing to do): the id of the first proposal that
     * waits for approval. A team whose rebalance finds nothing to change (NO_CHANGE) gives way to the next.
     */
    private String requestRebalance(Chromium browser, String maker) throws IOException, InterruptedException {
        HttpResponse<String> teams = http.send(authorized(URI.create(territoryUrl + "/api/teams"), maker).build(), HttpResponse.BodyHandlers.ofString());
        if (teams.statusCode() != 200) {
            throw new IllegalStateException("GET /api/teams as " + maker + ": HTTP " + teams.statusCode() + " " + teams.body());
        }
        List<JsonNode> candidates = new ArrayList<>();
        JSON.readTree(teams.body()).forEach(candidates::add);
        candidates.removeIf(t -> t.path("team").asText().equals(team) || t.path("team").asText().startsWith("__"));
        candidates.sort(java.util.Comparator.comparingDouble((JsonNode t) -> t.path("cv_coverage").asDouble()).reversed());
        List<String> tried = new ArrayList<>();
        for (JsonNode candidate : candidates) {
            String other = candidate.path("team").asText();
            String id = askAndAwait(browser, maker, other);
            if (id != null) {
                return id;
            }
            tried.add(other);
        }
        throw new IllegalStateException("no team left whose rebalance waits for approval (NO_CHANGE for " + tried + ")");
    }

    /**
     * Asks on the proposals page of the team (its Request form, filled with the team from the URL): the proposal id
     * the form links to, once stored and PENDING_APPROVAL; null when the rebalance found nothing to change.
     */
    private String askAndAwait(Chromium browser, String maker, String forTeam) throws IOException, InterruptedException {
        browser.navigate(optimizerUrl + "/proposals.html?team=" + URLEncoder.encode(forTeam, StandardCharsets.UTF_8));
        logInAs(browser, maker);
        browser.waitFor("(document.getElementById('request-team') || {}).value === " + js(forTeam), patience,
                "the Request form filled with team " + forTeam);
        browser.eval("""
                (f => { document.getElementById('request-box').open = true;
                  f.elements.reason.value = 'asked in the browser check'; f.requestSubmit(); return true; })(document.getElementById('request'))""");
        String answer = browser.waitFor("""
                (a => a ? 'ID ' + a.innerText : (document.getElementById('request-result').className === 'error'
                  ? 'REFUSED ' + document.getElementById('request-result').innerText : ''))(document.getElementById('requested-proposal'))""",
                patience, "the answer to " + maker + "'s request for " + forTeam).asText();
        if (answer.startsWith("REFUSED")) {
            throw new IllegalStateException(maker + " asking for a rebalance of " + forTeam + " in the page: " + answer);
        }
        String id = answer.substring("ID ".length()).trim();
        URI proposal = URI.create(optimizerUrl + "/api/proposals/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        Instant deadline = Instant.now().plus(patience);
        HttpResponse<String> read;
        do {
            read = http.send(authorized(proposal, maker).build(), HttpResponse.BodyHandlers.ofString());
            if (read.statusCode() == 200) {
                String state = JSON.readTree(read.body()).path("status").asText();
                if (state.equals("NO_CHANGE")) {
                    return null;
                }
                if (!state.equals("PENDING_APPROVAL")) {
                    throw new IllegalStateException(maker + "'s proposal " + id + " is " + state + ", not PENDING_APPROVAL: nothing to decide on");
                }
                return id;
            }
            Thread.sleep(500);
        } while (Instant.now().isBefore(deadline));
        throw new IllegalStateException("proposal " + id + " (asked by " + maker + ") not stored within " + patience.toSeconds()
                + " s: HTTP " + read.statusCode() + " " + read.body());
    }

    private HttpRequest.Builder authorized(URI uri, String user) {
        return HttpRequest.newBuilder(uri).header("X-Requested-With", "fetch").header("Authorization", authorization.apply(user));
    }

    /** The local users' header: the password is the user's name. */
    public static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Waits for the page's condition, logging in as the approver when the page asks first (reads need a viewer);
     * the condition's value.
     */
    private JsonNode ready(Chromium browser, String condition, String what) {
        JsonNode state = browser.waitFor(LOGIN_FORM + " ? {login: true} : ((" + condition + ") || '')", patience, what);
        if (state.isObject() && state.path("login").asBoolean()) {
            fillLogin(browser, approver);
            return browser.waitFor(condition, patience, what);
        }
        return state;
    }

    /**
     * Logs the tab in as the user, unless it already is: whoever is logged in logs out (with OIDC at the provider
     * too, so that its session does not sign the next user in as the last), then the log-in form — the page's own
     * or the provider's, whichever the page shows, or the log-in button's — and the page is back, logged in.
     */
    private void logInAs(Chromium browser, String user) {
        String state = browser.waitFor(LOGIN_STATE, patience, "the log-in slot").asText();
        if (state.equals("who:" + user)) {
            return;
        }
        if (state.startsWith("who:")) {
            // window.stale marks the document before it goes, so that no wait is satisfied by the old one
            browser.eval("window.stale = true; document.getElementById('logout').click(); true");
            state = browser.waitFor("window.stale ? '' : (" + LOGIN_STATE + ")", patience, "the log-in after " + state.substring(4) + " logged out").asText();
        }
        if (state.equals("button")) {
            browser.eval("window.stale = true; document.getElementById('login-open').click(); true");
            browser.waitFor(LOGIN_FORM, patience, "the log-in form");
        }
        if (state.startsWith("who:") && !state.equals("who:" + user)) {
            throw new IllegalStateException("logged out, the tab is still logged in as " + state.substring(4) + ", not " + user);
        }
        if (!state.equals("who:" + user)) {
            fillLogin(browser, user);
        }
        browser.waitFor("!window.stale && document.readyState === 'complete' && (document.getElementById('who-name') || {}).innerText === " + js(user),
                patience, "logged in as " + user);
    }

    private static void fillLogin(Chromium browser, String user) {
        browser.eval("""
                (f => { f.querySelector('input[name=user], input[name=username]').value = %s; f.password.value = %s;
                  f.requestSubmit(); return true; })(%s)""".formatted(js(user), js(user), LOGIN_FORM));
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

    /**
     * {@code BrowserCheck TERRITORY_URL TRIGGER_URL OPTIMIZER_URL TEAM APPROVER REQUESTER SCREENSHOT_DIR [PATIENCE_S]}:
     * exit 0 when every step passed, 2 with the step that failed.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 7) {
            System.err.println("usage: BrowserCheck TERRITORY_URL TRIGGER_URL OPTIMIZER_URL TEAM APPROVER REQUESTER SCREENSHOT_DIR [PATIENCE_S]");
            System.exit(1);
        }
        Path chromium = Chromium.executable().orElseThrow(() -> new IllegalStateException(Chromium.notFound()));
        Path out = Path.of(args[6]);
        Path profile = Files.createTempDirectory("tos-browser-check");
        BrowserCheck check = new BrowserCheck(args[0], args[1], args[2], args[3], args[4], args[5], out,
                Duration.ofSeconds(args.length > 7 ? Long.parseLong(args[7]) : 60));
        try (Chromium browser = Chromium.launch(chromium, profile)) {
            Outcome outcome = check.run(browser);
            System.out.printf("health of %s as of %s: %s, %d rep trend lines%n", args[3], outcome.asOfUrl(), outcome.asOfShown(), outcome.repTrendLines());
            System.out.printf("alerts %s: %d %s rows, e.g. evidence %s%n", outcome.alertsUrl(), outcome.alertRows(), outcome.alertKind(),
                    outcome.alertEvidence().replace('\n', ' '));
            System.out.printf("proposal %s (requested by %s) %s by %s: %s%n", outcome.proposalId(), outcome.requestedBy(),
                    outcome.status(), args[4], outcome.decision());
            System.out.printf("what-if: %s | %s%n", outcome.whatIfAdded().replace('\n', ' ').replace('\t', ' '),
                    outcome.whatIfQuota().replace('\n', ' ').replace('\t', ' '));
            System.out.printf("%s's own proposal %s: %s%n", args[5], outcome.ownProposalId(), outcome.selfApproval());
            System.out.printf("rejected by %s in a second tab: %s; approving it from the first tab: %s%n", args[4],
                    outcome.rejectedStatus(), outcome.alreadyDecided());
            outcome.screenshots().forEach(p -> System.out.println("screenshot " + p));
        } catch (RuntimeException e) {
            System.err.println("BROWSER CHECK FAILED: " + e.getMessage());
            System.exit(2);
        }
    }
}
