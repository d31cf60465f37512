package io.territoryos.scoring.streams;

/**
 * What the topology reports while it works; the Quarkus adapter turns it into Prometheus meters. Called from
 * stream threads, so implementations must be thread-safe. Every method defaults to doing nothing.
 */
public interface ScoringMetrics {

    ScoringMetrics NONE = new ScoringMetrics() {
    };

    /** A record arrived on an input topic. */
    default void received(String topic) {
    }

    /** A score was published. */
    default void scored() {
    }

    /** A change left the output as it was, so nothing was published. */
    default void unchanged() {
    }

    /** A tombstone was published for a deleted account. */
    default void removed() {
    }

    default void deadLettered(String deadLetterTopic, String errorType) {
    }

    /** A configuration version already accepted arrived again with the same content and was ignored. */
    default void replayIgnored(String topic) {
    }

    /** A task applies a new weights version. */
    default void weightsInForce(String task, int version) {
    }

    /**
     * A task's re-scoring after a weights change advanced.
     *
     * @param visited   accounts of the task looked at so far for this version
     * @param remaining estimate of accounts still to look at (0 when done)
     */
    default void rescoreProgress(String task, int version, long visited, long remaining) {
    }
}
