package io.territoryos.territory.streams;

import io.territoryos.contracts.Topics;
import io.territoryos.territory.domain.HealthPolicy;

/**
 * What the territory topology needs to know: where it reads and writes, the organisation it aggregates and the
 * health policy.
 *
 * @param orgId              key all changes of the organisation are aggregated under
 * @param accountsTopic      scored accounts (Avro ScoredAccount, key account id)
 * @param repsTopic          CDC rep rows (Debezium JSON); a connector may name it differently
 * @param repsDeadLetterTopic where undecodable rep rows go
 * @param segmentStatsTopic  segment statistics (Avro SegmentStats, key segment)
 * @param healthTopic        territory health out (key rep id)
 * @param teamBalanceTopic   team balance out (key team, {@code __ORG__} for the organisation)
 * @param aggregationPartitions partitions of the internal topic that carries changes to the aggregation
 * @param policy             save rate, hours and the structural coverage threshold
 * @param stateStores        RocksDB (survives restarts without replaying the changelog) or in-memory
 */
public record TerritoryTopologyConfig(
        String orgId, String accountsTopic, String repsTopic, String repsDeadLetterTopic, String segmentStatsTopic,
        String healthTopic, String teamBalanceTopic, int aggregationPartitions, HealthPolicy policy,
        StateStores stateStores) {

    /** Where the state stores keep their data; both are backed by changelog topics. */
    public enum StateStores { PERSISTENT, IN_MEMORY }

    public static final String DEFAULT_ORG_ID = "org";

    /** The catalogue's topics, organisation {@code org}, the specification's policy. */
    public static TerritoryTopologyConfig defaults() {
        return new TerritoryTopologyConfig(DEFAULT_ORG_ID, Topics.ACCOUNTS_SCORED.name(), Topics.CRM_REPS.name(),
                Topics.CRM_REPS_DLQ.name(), Topics.SEGMENT_STATS.name(), Topics.TERRITORY_HEALTH.name(),
                Topics.TEAM_BALANCE.name(), 1, HealthPolicy.defaults(), StateStores.PERSISTENT);
    }

    public TerritoryTopologyConfig withRepsTopic(String topic) {
        return new TerritoryTopologyConfig(orgId, accountsTopic, topic, topic + Topics.DLQ_SUFFIX, segmentStatsTopic,
                healthTopic, teamBalanceTopic, aggregationPartitions, policy, stateStores);
    }

    public TerritoryTopologyConfig withPolicy(HealthPolicy newPolicy) {
        return new TerritoryTopologyConfig(orgId, accountsTopic, repsTopic, repsDeadLetterTopic, segmentStatsTopic,
                healthTopic, teamBalanceTopic, aggregationPartitions, newPolicy, stateStores);
    }

    public TerritoryTopologyConfig withStateStores(StateStores kind) {
        return new TerritoryTopologyConfig(orgId, accountsTopic, repsTopic, repsDeadLetterTopic, segmentStatsTopic,
                healthTopic, teamBalanceTopic, aggregationPartitions, policy, kind);
    }
}
