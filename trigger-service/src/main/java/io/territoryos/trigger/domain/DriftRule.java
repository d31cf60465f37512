package io.territoryos.trigger.domain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * DRIFT: the coefficient of variation of coverage ratio across a team's active reps is above a threshold (0.30).
 * The scope is the team; the team is also the subject of the cooldown (24 h of event time by default), which keeps
 * it from firing on every balance update while the team drifts.
 */
public final class DriftRule {

    /**
     * @param cvThreshold CV of coverage above which the rule fires (exclusive)
     * @param minReps     teams with fewer active reps have nothing to rebalance between
     * @param cooldown    per team (the team is what drifts)
     */
    public record Settings(boolean enabled, double cvThreshold, int minReps, Duration cooldown) {
        public static Settings defaults() {
            return new Settings(true, 0.30, 2, Duration.ofHours(24));
        }
    }

    private final Settings settings;

    public DriftRule(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    public Optional<TriggerCommand> evaluate(BalanceFacts balance) {
        if (!settings.enabled() || TriggerCommand.ORG_KEY.equals(balance.team()) || balance.repCount() < settings.minReps()
                || balance.cvCoverage() <= settings.cvThreshold() + Numbers.TOLERANCE) {
            return Optional.empty();
        }
        List<EvidenceItem> evidence = List.of(
                EvidenceItem.against("cv_coverage", balance.cvCoverage(), settings.cvThreshold(), balance.team()),
                EvidenceItem.against("rep_count", balance.repCount(), settings.minReps(), balance.team()),
                EvidenceItem.of("cv_potential", balance.cvPotential(), balance.team()),
                EvidenceItem.of("gini_coverage", balance.giniCoverage(), balance.team()),
                EvidenceItem.of("reps_under_covered", balance.repsUnderCovered(), balance.team()));
        String summary = "Team " + balance.team() + " drifted: CV of coverage " + Numbers.ratio(balance.cvCoverage())
                + " across " + balance.repCount() + " active reps is above " + Numbers.ratio(settings.cvThreshold()) + ".";
        return Optional.of(new TriggerCommand("DRIFT:" + balance.team() + ":" + balance.eventTime(),
                CommandType.DRIFT, CommandScope.team(balance.team()), evidence, summary, balance.team(),
                balance.eventTime()));
    }
}
