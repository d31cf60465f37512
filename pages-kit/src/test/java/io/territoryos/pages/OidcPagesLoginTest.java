package io.territoryos.pages;

import io.territoryos.testkit.OidcTestIssuer;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OidcPagesLoginTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void shouldUseTheLocalUsersFormWhereTheServiceTakesNoOidcTokens() {
        assertThat(new OidcPagesLogin(false, Optional.of("https://idp.example/realms/x"), "pages", "openid", HTTP, NOW).describe())
                .isEqualTo(Map.of("mode", "basic"));
        assertThat(new OidcPagesLogin(true, Optional.of("  "), "pages", "openid", HTTP, NOW).describe())
                .isEqualTo(Map.of("mode", "basic"));
        assertThat(new OidcPagesLogin(true, Optional.empty(), "pages", "openid", HTTP, NOW).describe())
                .isEqualTo(Map.of("mode", "basic"));
    }

    @Test
    void shouldGiveThePagesTheProvidersEndpointsFromItsDiscovery() {
        try (OidcTestIssuer issuer = OidcTestIssuer.start("territory-os", Map.of("bob", Set.of("viewer")))) {
            Map<String, Object> login = new OidcPagesLogin(true, Optional.of(issuer.issuer() + "/"), "territory-os-pages", "profile",
                    HTTP, NOW).describe();

            assertThat(login).containsEntry("mode", "oidc")
                    .containsEntry("issuer", issuer.issuer())
                    .containsEntry("authorization_endpoint", issuer.issuer() + "/protocol/openid-connect/auth")
                    .containsEntry("token_endpoint", issuer.issuer() + "/protocol/openid-connect/token")
                    .containsEntry("end_session_endpoint", issuer.issuer() + "/protocol/openid-connect/logout")
                    .containsEntry("client_id", "territory-os-pages")
                    .containsEntry("scope", "openid profile");
        }
    }

    @Test
    void shouldKeepTheDiscoveryForTenMinutesThenReadItAgain() {
        MovableClock clock = new MovableClock();
        OidcPagesLogin login;
        Map<String, Object> first;
        try (OidcTestIssuer issuer = OidcTestIssuer.start("territory-os", Map.of())) {
            login = new OidcPagesLogin(true, Optional.of(issuer.issuer()), "pages", "openid", HTTP, clock);
            first = login.describe();
        }
        // the provider is gone: within ten minutes the pages still get what was read, after that the reason
        clock.now = clock.now.plus(Duration.ofMinutes(9));
        assertThat(login.describe()).isEqualTo(first);
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertThatThrownBy(login::describe).isInstanceOf(OidcPagesLogin.ProviderUnavailable.class)
                .hasMessageContaining("discovery").hasMessageContaining("/.well-known/openid-configuration");
    }

    @Test
    void shouldNameTheProviderThatCannotBeReached() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        OidcPagesLogin login = new OidcPagesLogin(true, Optional.of("http://127.0.0.1:" + closed + "/realms/x"), "pages", "openid", HTTP, NOW);

        assertThatThrownBy(login::describe).isInstanceOf(OidcPagesLogin.ProviderUnavailable.class)
                .hasMessageContaining("http://127.0.0.1:" + closed + "/realms/x/.well-known/openid-configuration could not be read");
    }

    private static final class MovableClock extends Clock {
        Instant now = NOW.instant();

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
