package io.territoryos.e2e;

import io.territoryos.localstack.browser.BrowserCheck;
import io.territoryos.testkit.OidcTestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser check of {@link BrowserPagesIT} with the production profile's log-in: the four packaged services
 * without {@code QUARKUS_PROFILE} (so no local users at all), taking bearer tokens of an OpenID provider
 * ({@link OidcTestIssuer}, the same roles as the local users in its {@code groups} claim); the pages send the browser
 * to the provider's log-in form (authorization code with PKCE), come back with a token for the API, sign a second
 * page origin in through the provider's session, and log out at the provider when the user changes. Runs and is
 * skipped as {@link BrowserPagesIT} is.
 */
@EnabledIf(value = "io.territoryos.e2e.BrowserPagesIT#runnable", disabledReason = "SKIPPED: BrowserPagesOidcIT needs a Chromium "
        + "($CHROME_BIN, $CHROMIUM, chromium or chromium-browser on the PATH; Debian: apt-get install -y chromium) and the packaged "
        + "services (mvn package), and is off with -Dbrowser.check=false")
class BrowserPagesOidcIT {

    /** The local stack's users and roles, given by the provider instead. */
    private static final Map<String, Set<String>> USERS = Map.of(
            "alice", Set.of("viewer", "maker", "checker"),
            "bob", Set.of("viewer", "checker"),
            "carol", Set.of("viewer", "maker"),
            "victor", Set.of("viewer"));

    @TempDir
    static Path work;
    static OidcTestIssuer issuer;
    static PackagedServices stack;

    @BeforeAll
    static void startTheStack() throws Exception {
        issuer = OidcTestIssuer.start("territory-os", USERS);
        // no profile: the production configuration, where only the provider's tokens are taken
        stack = PackagedServices.start(work, Map.of("OIDC_AUTH_SERVER_URL", issuer.issuer()), BrowserPagesOidcIT::bearer);
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    void shouldLogInAtTheProviderAndDecideProposalsAsTheUsersItNames() throws Exception {
        // the pages are told to log in at the provider, and the local users' password is no way in
        HttpClient http = HttpClient.newHttpClient();
        String login = http.send(HttpRequest.newBuilder(URI.create(stack.url("optimizer") + "/pages/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(login).contains("\"mode\":\"oidc\"").contains(issuer.issuer() + "/protocol/openid-connect/auth")
                .contains("\"client_id\":\"territory-os\"");
        HttpResponse<String> basic = http.send(HttpRequest.newBuilder(URI.create(stack.url("optimizer") + "/api/proposals"))
                .header("Authorization", BrowserCheck.basic("bob")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(basic.statusCode()).isEqualTo(401);

        BrowserPagesIT.playAndCheck(stack, work, PackagedServices.ROOT.resolve(".local/screenshots/browser-oidc-it"),
                BrowserPagesOidcIT::bearer);

        // every log-in went through the provider's form: bob, then alice for her own request, then bob to decide it
        assertThat(issuer.signIns()).startsWith("bob").contains("alice").endsWith("bob");
    }

    /** A token of the provider for the user, with the roles it gives that user. */
    private static String bearer(String user) {
        return "Bearer " + issuer.token(user, USERS.get(user));
    }
}
