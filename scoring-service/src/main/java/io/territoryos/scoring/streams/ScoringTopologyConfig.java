package io.territoryos.scoring.streams;

import io.territoryos.contracts.Topics;

import java.time.Duration;

/**
 * What the scoring topology reads and writes and how it paces a full re-scoring. Plain values, so that the
 * Quarkus producer, the tests and the end-to-end harness build the very same topology.
 *
 * @param accountsTopic            Debezium account changes (name chosen by the CDC connector)
 * @param accountsDeadLetterTopic  where unusable account changes go ({@code <accountsTopic>.dlq})
 * @param weightsTopic             versions of the scoring weights (one partition)
 * @param weightsDeadLetterTopic   where invalid weight versions go
 * @param scoredTopic              scored accounts, keyed by account id (compacted)
 * @param serviceName              named in every dead letter
 * @param rescoreBatchSize         accounts re-scored per task per step after a weights change; one step runs in
 *                                 one transaction, so it must stay well inside the transaction timeout
 * @param rescoreInterval          how often a task takes its next re-scoring step
 * @param placement                which task scores an account's change
 */
public record ScoringTopologyConfig(String accountsTopic, String accountsDeadLetterTopic, String weightsTopic,
                                    String weightsDeadLetterTopic, String scoredTopic, String serviceName,
                                    int rescoreBatchSize, Duration rescoreInterval, Placement placement) {

    /** Which task scores an account's change, and so which task keeps the account's state. */
    public sealed interface Placement {
    }

    /**
     * The task of the CDC partition the change arrived on. Right when the topic's key bytes are a stable function of
     * the account id, as Debezium's primary-key struct is: every change of an account then arrives on one partition.
     * It saves an internal produce and consume per event. Weights versions are copied to each of the topic's
     * partitions, so the count must be the topic's real one.
     */
    public record AsDelivered(int accountsPartitions) implements Placement {
        public AsDelivered {
            if (accountsPartitions < 1) {
                throw new IllegalArgumentException("accountsPartitions must be at least 1, was " + accountsPartitions);
            }
        }
    }

    /**
     * Re-keyed by account id through an internal topic first: for a feed whose key bytes for one account can change
     * (a key converter switched mid-stream, keys written by hand), at the cost of one more produce and consume.
     */
    public record ByAccountId() implements Placement {
    }

    public static final String SERVICE_NAME = "scoring-service";
    public static final int DEFAULT_RESCORE_BATCH_SIZE = 5_000;
    public static final Duration DEFAULT_RESCORE_INTERVAL = Duration.ofMillis(20);

    public ScoringTopologyConfig {
        if (rescoreBatchSize < 1) {
            throw new IllegalArgumentException("rescoreBatchSize must be at least 1, was " + rescoreBatchSize);
        }
        if (rescoreInterval == null || rescoreInterval.isNegative() || rescoreInterval.isZero()) {
            throw new IllegalArgumentException("rescoreInterval must be positive, was " + rescoreInterval);
        }
        if (placement == null) {
            throw new IllegalArgumentException("placement is required");
        }
    }

    public static ScoringTopologyConfig defaults() {
        return new ScoringTopologyConfig(Topics.CRM_ACCOUNTS.name(), Topics.CRM_ACCOUNTS_DLQ.name(),
                Topics.SCORING_WEIGHTS.name(), Topics.SCORING_WEIGHTS_DLQ.name(), Topics.ACCOUNTS_SCORED.name(),
                SERVICE_NAME, DEFAULT_RESCORE_BATCH_SIZE, DEFAULT_RESCORE_INTERVAL,
                new AsDelivered(Topics.CRM_ACCOUNTS.partitions()));
    }

    /** Reads account changes from another topic; its dead letters follow it to {@code <name>.dlq}. */
    public ScoringTopologyConfig withAccountsTopic(String name) {
        return new ScoringTopologyConfig(name, Topics.CRM_ACCOUNTS.named(name).deadLetterName(), weightsTopic,
                weightsDeadLetterTopic, scoredTopic, serviceName, rescoreBatchSize, rescoreInterval, placement);
    }

    public ScoringTopologyConfig withRescorePacing(int batchSize, Duration interval) {
        return new ScoringTopologyConfig(accountsTopic, accountsDeadLetterTopic, weightsTopic, weightsDeadLetterTopic,
                scoredTopic, serviceName, batchSize, interval, placement);
    }

    public ScoringTopologyConfig withPlacement(Placement placement) {
        return new ScoringTopologyConfig(accountsTopic, accountsDeadLetterTopic, weightsTopic, weightsDeadLetterTopic,
                scoredTopic, serviceName, rescoreBatchSize, rescoreInterval, placement);
    }
}
