package io.territoryos.security;

/**
 * The three roles of every service (docs/security.md): a viewer reads, a maker asks for rebalances and what-ifs, a
 * checker decides on proposals. Local users carry them from configuration; OIDC tokens from a claim.
 */
public final class Roles {

    public static final String VIEWER = "viewer";
    public static final String MAKER = "maker";
    public static final String CHECKER = "checker";

    private Roles() {
    }
}
