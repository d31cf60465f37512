package io.territoryos.trigger.streams;

import io.territoryos.contracts.Topics;
import io.territoryos.trigger.domain.TriggerSettings;

import java.time.Duration;

/**
 * Everything {@link TriggerTopology#build} needs besides serdes: topic names, rule settings and timings.
 *
 * @param alertSettle            a rep's territory (or a team's balance) must be quiet this long (wall clock) before a
 *                               coverage or status alert (or DRIFT) is raised, so bulk loads and rebalances being
 *                               applied do not fire on half-filled books; NEW_MARKET likewise waits until the market
 *                               and the roster are quiet, so a covering rep arriving after its accounts cancels it;
 *                               zero fires on the update itself
 * @param alertCheckInterval     how often (wall clock) settled alerts are looked for
 * @param inactivityScanInterval how often (stream time) accounts are checked for inactivity
 * @param dedupeRetention        how long (event time) emitted command ids are kept to drop replays
 */
public record TriggerTopologyConfig(
        TopicNames topics, TriggerSettings rules, Duration alertSettle, Duration alertCheckInterval,
        Duration inactivityScanInterval, Duration dedupeRetention) {

    /** Input and output topics; inputs may be renamed (a CDC connector names its own topics). */
    public record TopicNames(
            String reps, String repsDeadLetters, String accountsScored, String territoryHealth, String teamBalance,
            String scoringWeights, String teamPolicies, String rebalanceCommands, String territoryAlerts) {

        public static TopicNames defaults() {
            return new TopicNames(Topics.CRM_REPS.name(), Topics.CRM_REPS_DLQ.name(), Topics.ACCOUNTS_SCORED.name(),
                    Topics.TERRITORY_HEALTH.name(), Topics.TEAM_BALANCE.name(), Topics.SCORING_WEIGHTS.name(),
                    Topics.TEAM_POLICIES.name(), Topics.REBALANCE_COMMANDS.name(), Topics.TERRITORY_ALERTS.name());
        }

        public TopicNames withReps(String name) {
            return new TopicNames(name, repsDeadLetters, accountsScored, territoryHealth, teamBalance, scoringWeights,
                    teamPolicies, rebalanceCommands, territoryAlerts);
        }
    }

    public static TriggerTopologyConfig defaults() {
        return new TriggerTopologyConfig(TopicNames.defaults(), TriggerSettings.defaults(), Duration.ofSeconds(10),
                Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofDays(30));
    }

    public TriggerTopologyConfig withTopics(TopicNames names) {
        return new TriggerTopologyConfig(names, rules, alertSettle, alertCheckInterval, inactivityScanInterval, dedupeRetention);
    }

    public TriggerTopologyConfig withRules(TriggerSettings settings) {
        return new TriggerTopologyConfig(topics, settings, alertSettle, alertCheckInterval, inactivityScanInterval, dedupeRetention);
    }

    public TriggerTopologyConfig withAlertSettle(Duration settle) {
        return new TriggerTopologyConfig(topics, rules, settle, alertCheckInterval, inactivityScanInterval, dedupeRetention);
    }
}
