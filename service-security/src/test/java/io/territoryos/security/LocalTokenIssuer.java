package io.territoryos.security;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.territoryos.testkit.OidcTestIssuer;

import java.util.Map;
import java.util.Set;

/**
 * The test OpenID provider ({@link OidcTestIssuer}) as a Quarkus test resource: started before the application,
 * its issuer URL given as {@code quarkus.oidc.auth-server-url}; tokens whose {@code groups} claim carries the roles,
 * what the services' production profile expects. The users listed may also sign in by its log-in form.
 */
public class LocalTokenIssuer implements QuarkusTestResourceLifecycleManager {

    static final String AUDIENCE = "territory-os";

    private static OidcTestIssuer issuer;

    @Override
    public Map<String, String> start() {
        issuer = OidcTestIssuer.start(AUDIENCE, Map.of("dana", Set.of("viewer", "checker"), "erin", Set.of("viewer", "maker")));
        return Map.of("quarkus.oidc.auth-server-url", issuer.issuer());
    }

    @Override
    public void stop() {
        if (issuer != null) {
            issuer.close();
        }
    }

    /** A token for {@code user} with these roles in its {@code groups} claim, signed by the issuer's key. */
    static String token(String user, Set<String> roles) {
        return issuer.token(user, roles);
    }

    /** The same token signed by a key the issuer never published. */
    static String forgedToken(String user, Set<String> roles) {
        return issuer.forgedToken(user, roles);
    }
}
