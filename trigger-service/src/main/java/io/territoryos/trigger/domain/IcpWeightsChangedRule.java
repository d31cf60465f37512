package io.territoryos.trigger.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * ICP_WEIGHTS_CHANGED: a new scoring-weights version in which some weight moved by at least 0.05 against the
 * previous version. Every account's potential changes with it, so every team is rebalanced: one command per team,
 * scoped to the team. The cooldown is counted per weights version and team.
 */
public final class IcpWeightsChangedRule {

    /**
     * @param weightDeltaThreshold absolute move of any one weight at which the rule fires (inclusive)
     * @param cooldown             per weights version and team; zero by default (a version fires once per team anyway)
     */
    public record Settings(boolean enabled, double weightDeltaThreshold, Duration cooldown) {
        public static Settings defaults() {
            return new Settings(true, 0.05, Duration.ZERO);
        }
    }

    private final Settings settings;

    public IcpWeightsChangedRule(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /** True when {@code next} replaces {@code previous}: versions only move forward, a replayed old one is ignored. */
    public static boolean isNewer(WeightsVersion previous, WeightsVersion next) {
        return previous == null || next.version() > previous.version();
    }

    /**
     * @param previous the version in force before, null when none was seen (the first version fires nothing)
     * @param teams    teams to rebalance; when none is known, one command without a team is issued
     */
    public List<TriggerCommand> evaluate(WeightsVersion previous, WeightsVersion next, Collection<String> teams) {
        if (!settings.enabled() || previous == null || !isNewer(previous, next)) {
            return List.of();
        }
        List<EvidenceItem> evidence = new ArrayList<>();
        List<String> moved = new ArrayList<>();
        for (Map.Entry<String, Double> weight : next.weights().entrySet()) {
            Double old = previous.weights().get(weight.getKey());
            if (old == null || weight.getValue() == null) {
                continue;
            }
            double delta = Math.abs(weight.getValue() - old);
            if (Numbers.atLeast(delta, settings.weightDeltaThreshold())) {
                evidence.add(EvidenceItem.against("weight_delta." + weight.getKey(), delta,
                        settings.weightDeltaThreshold(), weight.getKey()));
                moved.add(weight.getKey() + " " + old + " -> " + weight.getValue());
            }
        }
        if (evidence.isEmpty()) {
            return List.of();
        }
        evidence.add(EvidenceItem.of("weights_version", next.version(), next.formulaVersion()));
        evidence.add(EvidenceItem.of("previous_weights_version", previous.version(), previous.formulaVersion()));
        String summary = "Scoring weights " + next.formulaVersion() + " v" + previous.version() + " -> v" + next.version()
                + " moved " + String.join(", ", moved) + " (threshold " + settings.weightDeltaThreshold()
                + "); every potential changes, rebalance";
        List<String> targets = new ArrayList<>(new TreeSet<>(teams));
        if (targets.isEmpty()) {
            targets.add(null);
        }
        List<TriggerCommand> commands = new ArrayList<>();
        for (String team : targets) {
            String subject = next.formulaVersion() + ":v" + next.version() + ":"
                    + (team == null ? TriggerCommand.ORG_KEY : team);
            commands.add(new TriggerCommand("ICP_WEIGHTS_CHANGED:" + subject,
                    CommandType.ICP_WEIGHTS_CHANGED, CommandScope.team(team), evidence,
                    summary + (team == null ? " every team." : " team " + team + "."), subject, next.publishedAt()));
        }
        return commands;
    }
}
