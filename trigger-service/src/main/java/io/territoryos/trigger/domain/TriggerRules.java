package io.territoryos.trigger.domain;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rules built from one set of settings, with the gate that applies their cooldowns. */
public final class TriggerRules {

    private final TriggerSettings settings;
    private final RepExitRule repExit;
    private final WhaleChurnRule whaleChurn;
    private final NewMarketRule newMarket;
    private final DriftRule drift;
    private final IcpWeightsChangedRule icpWeightsChanged;
    private final List<TerritoryAlertRule> territoryAlerts;
    private final List<AccountAlertRule> accountAlerts;
    private final CommandGate gate;

    public TriggerRules(TriggerSettings settings) {
        this.settings = settings;
        this.repExit = new RepExitRule(settings.repExit());
        this.whaleChurn = new WhaleChurnRule(settings.whaleChurn());
        this.newMarket = new NewMarketRule(settings.newMarket());
        this.drift = new DriftRule(settings.drift());
        this.icpWeightsChanged = new IcpWeightsChangedRule(settings.icpWeightsChanged());
        this.territoryAlerts = List.of(new CoverageAlertRule(settings.coverageAlert()),
                new StructuralUnderperformanceAlertRule(settings.structuralAlert()));
        this.accountAlerts = List.of(new InactiveAccountAlertRule(settings.inactiveAccountAlert()),
                new LockExpiryAlertRule(settings.lockExpiryAlert()));
        Map<CommandType, Duration> cooldowns = new EnumMap<>(CommandType.class);
        cooldowns.put(CommandType.REP_EXIT, settings.repExit().cooldown());
        cooldowns.put(CommandType.WHALE_CHURN, settings.whaleChurn().cooldown());
        cooldowns.put(CommandType.NEW_MARKET, settings.newMarket().cooldown());
        cooldowns.put(CommandType.DRIFT, settings.drift().cooldown());
        cooldowns.put(CommandType.ICP_WEIGHTS_CHANGED, settings.icpWeightsChanged().cooldown());
        this.gate = new CommandGate(cooldowns);
    }

    public static TriggerRules defaults() {
        return new TriggerRules(TriggerSettings.defaults());
    }

    public TriggerSettings settings() {
        return settings;
    }

    public RepExitRule repExit() {
        return repExit;
    }

    public WhaleChurnRule whaleChurn() {
        return whaleChurn;
    }

    public NewMarketRule newMarket() {
        return newMarket;
    }

    public DriftRule drift() {
        return drift;
    }

    public IcpWeightsChangedRule icpWeightsChanged() {
        return icpWeightsChanged;
    }

    public List<TerritoryAlertRule> territoryAlerts() {
        return territoryAlerts;
    }

    public List<AccountAlertRule> accountAlerts() {
        return accountAlerts;
    }

    public CommandGate gate() {
        return gate;
    }

    public List<RuleDescription> describe() {
        TriggerSettings s = settings;
        return List.of(
                command(CommandType.REP_EXIT.name(), s.repExit().enabled(), Map.of(
                        "delete-is-exit", s.repExit().deleteIsExit(), "cooldown", readable(s.repExit().cooldown()))),
                command(CommandType.WHALE_CHURN.name(), s.whaleChurn().enabled(), Map.of(
                        "share-threshold", s.whaleChurn().shareThreshold(), "min-potential", s.whaleChurn().minPotential(),
                        "cooldown", readable(s.whaleChurn().cooldown()))),
                command(CommandType.NEW_MARKET.name(), s.newMarket().enabled(), Map.of(
                        "coverage", "per team policy (config.team-policies); a team without one is not regional",
                        "min-accounts", s.newMarket().minAccounts(),
                        "cooldown", readable(s.newMarket().cooldown()))),
                command(CommandType.DRIFT.name(), s.drift().enabled(), Map.of(
                        "cv-threshold", s.drift().cvThreshold(), "min-reps", s.drift().minReps(),
                        "cooldown", readable(s.drift().cooldown()))),
                command(CommandType.ICP_WEIGHTS_CHANGED.name(), s.icpWeightsChanged().enabled(), Map.of(
                        "weight-delta-threshold", s.icpWeightsChanged().weightDeltaThreshold(),
                        "cooldown", readable(s.icpWeightsChanged().cooldown()))),
                alert(AlertKind.COVERAGE_BELOW_THRESHOLD.name(), s.coverageAlert().enabled(), Map.of(
                        "threshold", s.coverageAlert().threshold())),
                alert(AlertKind.STRUCTURALLY_UNDERPERFORMING.name(), s.structuralAlert().enabled(), Map.of()),
                alert(AlertKind.INACTIVE_ACCOUNT.name(), s.inactiveAccountAlert().enabled(), Map.of(
                        "inactivity", readable(s.inactiveAccountAlert().inactivity()))),
                alert(AlertKind.LOCK_EXPIRY_CANDIDATE.name(), s.lockExpiryAlert().enabled(), Map.of(
                        "inactivity", readable(s.lockExpiryAlert().inactivity()))));
    }

    /** Whole days as P120D (Duration prints PT2880H), anything else as ISO-8601. */
    static String readable(Duration duration) {
        return !duration.isZero() && duration.toHours() % 24 == 0 && duration.toSeconds() % 3600 == 0
                ? "P" + duration.toDays() + "D" : duration.toString();
    }

    private static RuleDescription command(String name, boolean enabled, Map<String, Object> settings) {
        return new RuleDescription(name, "command", enabled, new LinkedHashMap<>(settings));
    }

    private static RuleDescription alert(String name, boolean enabled, Map<String, Object> settings) {
        return new RuleDescription(name, "alert", enabled, new LinkedHashMap<>(settings));
    }
}
