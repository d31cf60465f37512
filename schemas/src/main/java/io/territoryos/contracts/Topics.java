package io.territoryos.contracts;

import io.territoryos.contracts.avro.AssignmentChange;
import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.avro.RebalanceCommand;
import io.territoryos.contracts.avro.RebalanceProposal;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.ScoringWeights;
import io.territoryos.contracts.avro.SegmentStats;
import io.territoryos.contracts.avro.TeamPolicy;
import io.territoryos.contracts.avro.TeamBalance;
import io.territoryos.contracts.avro.TerritoryAlert;
import io.territoryos.contracts.avro.TerritoryHealth;

import java.util.List;
import java.util.Map;

/**
 * The one catalogue of the product's topics (PRODUCT.md section 2): names, key and value types, partitions.
 * Topologies, messaging configuration, the local stack's topic creation and the tests all read it from here.
 */
public final class Topics {

    public static final String DLQ_SUFFIX = ".dlq";

    /**
     * How often a compacted state topic rolls its open segment (ms), so the log cleaner can compact it: the catalogue's
     * compacted topics, and the streams services' changelogs ({@code kafka-streams.topic.segment.ms}).
     */
    public static final String STATE_SEGMENT_MS = "60000";

    /**
     * A state topic: the latest record per key is kept. Its open segment rolls every minute, so the log cleaner can
     * compact all but the last minute or so: with the broker's default (a segment rolls at 1 GB or after 7 days)
     * nothing was ever compacted, and a reader from the beginning (the optimizer's book view at every start) re-read
     * every score ever published (550,000 records of 2,000 accounts after an afternoon of drills); with a 10-minute
     * roll it still re-read up to 10 minutes of a 2,200 events/s feed (133 MB of accounts.scored) at each restart.
     */
    private static final Map<String, String> COMPACT = Map.of("cleanup.policy", "compact", "segment.ms", STATE_SEGMENT_MS);
    private static final Map<String, String> DELETE = Map.of("cleanup.policy", "delete");

    // CDC inputs: raw Debezium JSON bytes, keyed by the record id (as JSON). Names are configurable per service.
    public static final Topic<byte[], byte[]> CRM_ACCOUNTS = new Topic<>("crm.accounts", byte[].class, byte[].class, 4, DELETE);
    public static final Topic<byte[], byte[]> CRM_REPS = new Topic<>("crm.reps", byte[].class, byte[].class, 2, DELETE);

    // Configuration as events: one partition each, so versions stay in order.
    public static final Topic<String, ScoringWeights> SCORING_WEIGHTS =
            new Topic<>("config.scoring-weights", String.class, ScoringWeights.class, 1, DELETE);
    public static final Topic<String, SegmentStats> SEGMENT_STATS =
            new Topic<>("config.segment-stats", String.class, SegmentStats.class, 1, COMPACT);
    /** Per-team rebalancing policy (regional, tolerance, budget, ON_LEAVE handling), keyed by team. */
    public static final Topic<String, TeamPolicy> TEAM_POLICIES =
            new Topic<>("config.team-policies", String.class, TeamPolicy.class, 1, COMPACT);

    // Outputs, keyed by account id, rep id or team.
    public static final Topic<String, ScoredAccount> ACCOUNTS_SCORED =
            new Topic<>("accounts.scored", String.class, ScoredAccount.class, 4, COMPACT);
    public static final Topic<String, TerritoryHealth> TERRITORY_HEALTH =
            new Topic<>("territory.health", String.class, TerritoryHealth.class, 2, DELETE);
    public static final Topic<String, TeamBalance> TEAM_BALANCE =
            new Topic<>("team.balance", String.class, TeamBalance.class, 2, DELETE);
    /**
     * Internal table of territory-service: rep id → the team key its territory is aggregated under, written by
     * the service and read back by every instance as a global store to route account changes to their team.
     */
    public static final Topic<String, String> TERRITORY_REP_TEAMS =
            new Topic<>("territory.rep-teams", String.class, String.class, 1, COMPACT);
    public static final Topic<String, TerritoryAlert> TERRITORY_ALERTS =
            new Topic<>("territory.alerts", String.class, TerritoryAlert.class, 2, DELETE);
    public static final Topic<String, RebalanceCommand> REBALANCE_COMMANDS =
            new Topic<>("rebalance.commands", String.class, RebalanceCommand.class, 2, DELETE);
    public static final Topic<String, RebalanceProposal> REBALANCE_PROPOSALS =
            new Topic<>("rebalance.proposals", String.class, RebalanceProposal.class, 2, DELETE);
    public static final Topic<String, AssignmentChange> TERRITORY_ASSIGNMENTS =
            new Topic<>("territory.assignments", String.class, AssignmentChange.class, 4, DELETE);

    // Dead letters: the original bytes with the reason and the source offset.
    public static final Topic<String, DeadLetter> CRM_ACCOUNTS_DLQ = deadLetters(CRM_ACCOUNTS);
    public static final Topic<String, DeadLetter> CRM_REPS_DLQ = deadLetters(CRM_REPS);
    public static final Topic<String, DeadLetter> SCORING_WEIGHTS_DLQ = deadLetters(SCORING_WEIGHTS);
    public static final Topic<String, DeadLetter> REBALANCE_COMMANDS_DLQ = deadLetters(REBALANCE_COMMANDS);
    // Contract topics are written by our own services, but a record another producer or schema version wrote can
    // still be unreadable: every consumer dead-letters it (naming itself) rather than skipping it silently.
    public static final Topic<String, DeadLetter> SEGMENT_STATS_DLQ = deadLetters(SEGMENT_STATS);
    public static final Topic<String, DeadLetter> ACCOUNTS_SCORED_DLQ = deadLetters(ACCOUNTS_SCORED);
    public static final Topic<String, DeadLetter> TERRITORY_HEALTH_DLQ = deadLetters(TERRITORY_HEALTH);
    public static final Topic<String, DeadLetter> TEAM_BALANCE_DLQ = deadLetters(TEAM_BALANCE);
    public static final Topic<String, DeadLetter> TEAM_POLICIES_DLQ = deadLetters(TEAM_POLICIES);

    /** Every topic the product uses, in the order the local stack creates them. */
    public static final List<Topic<?, ?>> ALL = List.of(
            CRM_ACCOUNTS, CRM_REPS, SCORING_WEIGHTS, SEGMENT_STATS, TEAM_POLICIES,
            ACCOUNTS_SCORED, TERRITORY_HEALTH, TEAM_BALANCE, TERRITORY_ALERTS,
            REBALANCE_COMMANDS, REBALANCE_PROPOSALS, TERRITORY_ASSIGNMENTS,
            CRM_ACCOUNTS_DLQ, CRM_REPS_DLQ, SCORING_WEIGHTS_DLQ, REBALANCE_COMMANDS_DLQ,
            SEGMENT_STATS_DLQ, ACCOUNTS_SCORED_DLQ, TERRITORY_HEALTH_DLQ, TEAM_BALANCE_DLQ, TEAM_POLICIES_DLQ,
            TERRITORY_REP_TEAMS);

    /** The dead-letter topic of any topic, for inputs renamed by configuration. */
    public static Topic<String, DeadLetter> deadLetters(Topic<?, ?> source) {
        return new Topic<>(source.deadLetterName(), String.class, DeadLetter.class, 1, DELETE);
    }

    private Topics() {
    }
}
