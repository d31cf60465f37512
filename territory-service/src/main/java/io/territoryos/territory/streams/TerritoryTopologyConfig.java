package io.territoryos.territory.streams;

import io.territoryos.contracts.Topics;
import io.territoryos.territory.domain.HealthPolicy;

import java.time.Duration;

/**
 * What the territory topology needs to know: where it reads and writes, how the teams are spread over
 * partitions, how often figures are published, and the health policy.
 *
 * @param orgId              key the segment statistics travel under (they go to every partition)
 * @param accountsTopic      scored accounts (Avro ScoredAccount, key account id)
 * @param repsTopic          CDC rep rows (Debezium JSON); a connector may name it differently
 * @param repsDeadLetterTopic where undecodable rep rows go
 * @param segmentStatsTopic  segment statistics (Avro SegmentStats, key segment)
 * @param healthTopic        territory health out (key rep id; a tombstone when the rep is gone)
 * @param teamBalanceTopic   team balance out (key team, {@code __ORG__} for the organisation)
 * @param repTeamsTopic      rep routes (key rep id, value team key), written here and read back as a global store
 * @param aggregationPartitions partitions of the team-keyed internal topics: the most instances that share the work
 * @param publishInterval    window over which health and balance are coalesced into one record each
 * @param policy             save rate, hours and the structural coverage threshold
 * @param stateStores        RocksDB (survives restarts without replaying the changelog) or in-memory
 */
public record TerritoryTopologyConfig(
        String orgId, String accountsTopic, String repsTopic, String repsDeadLetterTopic, String segmentStatsTopic,
        String healthTopic, String teamBalanceTopic, String repTeamsTopic, int aggregationPartitions,
        Duration publishInterval, HealthPolicy policy, StateStores stateStores) {

    /** Where the state stores keep their data; both are backed by changelog topics. */
    public enum StateStores { PERSISTENT, IN_MEMORY }

    public static final String DEFAULT_ORG_ID = "org";
    public static final int DEFAULT_PARTITIONS = 4;
    public static final Duration DEFAULT_PUBLISH_INTERVAL = Duration.ofMillis(50);

    /** The catalogue's topics, organisation {@code org}, four partitions, a 50 ms window, the specification's policy. */
    public static TerritoryTopologyConfig defaults() {
        return new TerritoryTopologyConfig(DEFAULT_ORG_ID, Topics.ACCOUNTS_SCORED.name(), Topics.CRM_REPS.name(),
                Topics.CRM_REPS_DLQ.name(), Topics.SEGMENT_STATS.name(), Topics.TERRITORY_HEALTH.name(),
                Topics.TEAM_BALANCE.name(), Topics.TERRITORY_REP_TEAMS.name(), DEFAULT_PARTITIONS,
                DEFAULT_PUBLISH_INTERVAL, HealthPolicy.defaults(), StateStores.PERSISTENT);
    }

    public TerritoryTopologyConfig withRepsTopic(String topic) {
        return new TerritoryTopologyConfig(orgId, accountsTopic, topic, topic + Topics.DLQ_SUFFIX, segmentStatsTopic,
                healthTopic, teamBalanceTopic, repTeamsTopic, aggregationPartitions, publishInterval, policy, stateStores);
    }

    public TerritoryTopologyConfig withPolicy(HealthPolicy newPolicy) {
        return new TerritoryTopologyConfig(orgId, accountsTopic, repsTopic, repsDeadLetterTopic, segmentStatsTopic,
                healthTopic, teamBalanceTopic, repTeamsTopic, aggregationPartitions, publishInterval, newPolicy, stateStores);
    }

    public TerritoryTopologyConfig withStateStores(StateStores kind) {
        return new TerritoryTopologyConfig(orgId, accountsTopic, repsTopic, repsDeadLetterTopic, segmentStatsTopic,
                healthTopic, teamBalanceTopic, repTeamsTopic, aggregationPartitions, publishInterval, policy, kind);
    }

    /** Partitions and window of the aggregation. */
    public TerritoryTopologyConfig withAggregation(int partitions, Duration window) {
        return new TerritoryTopologyConfig(orgId, accountsTopic, repsTopic, repsDeadLetterTopic, segmentStatsTopic,
                healthTopic, teamBalanceTopic, repTeamsTopic, partitions, window, policy, stateStores);
    }
}
