package io.territoryos.trigger.streams;

/** State stores of the topology; {@link #EMITTED_COMMANDS} and {@link #SUPPRESSED_COMMANDS} are also read by the REST API. */
public final class StoreNames {

    /** Per account: last known owner, potential, market and activity. */
    public static final String ACCOUNTS = "trigger-accounts";
    /** Per rep: latest territory health and the alert spells in progress. */
    public static final String REP_ALERTS = "trigger-rep-alerts";
    /** Hub: every rep from the CRM (the roster). */
    public static final String REPS = "trigger-reps";
    /** Hub: latest territory health per rep. */
    public static final String TERRITORIES = "trigger-territories";
    /** Hub: uncovered accounts per market. */
    public static final String MARKETS = "trigger-markets";
    /**
     * Hub: every live account by market ({@code <segment>/<region>|<account id>} to its potential at entry), covered
     * or not, so that a team becoming regional can re-check the markets it used to cover.
     */
    public static final String MARKET_ACCOUNTS = "trigger-market-accounts";
    /** Hub: per exited rep, the exit REP_EXIT follows and whether it fired (so each exit fires once). */
    public static final String REP_EXITS = "trigger-rep-exits";
    /** Hub: per market, the latest uncovered entry waiting for the settle period before NEW_MARKET decides. */
    public static final String PENDING_MARKETS = "trigger-pending-markets";
    /** Hub: latest team policy version per team (config.team-policies): whether the team is regional. */
    public static final String TEAM_POLICIES = "trigger-team-policies";
    /** Hub: last weights version per formula. */
    public static final String WEIGHTS = "trigger-weights";
    /** Hub: emitted commands by id (replays are dropped against it; the API lists the recent ones). */
    public static final String EMITTED_COMMANDS = "trigger-emitted-commands";
    /** Hub: commands held by a cooldown, by id (a replay of one stays silent; the API lists the recent ones). */
    public static final String SUPPRESSED_COMMANDS = "trigger-suppressed-commands";
    /** Hub: event time each (type, subject) last fired, for cooldowns. */
    public static final String COOLDOWNS = "trigger-cooldowns";
    /** Latest balance of teams whose drift is waiting for the team to be quiet for the settle period. */
    public static final String PENDING_DRIFT = "trigger-pending-drift";

    private StoreNames() {
    }
}
