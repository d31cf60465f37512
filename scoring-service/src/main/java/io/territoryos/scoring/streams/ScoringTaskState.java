package io.territoryos.scoring.streams;

import io.territoryos.scoring.domain.SourcePosition;
import io.territoryos.scoring.domain.Weights;

/**
 * What a scoring task remembers besides its accounts: the weights in force and, while a re-scoring is under
 * way, how far it got, so that a restarted or migrated task carries on where the old one stopped.
 *
 * @param rescore null when every account of the task names the version in force
 */
record ScoringTaskState(Weights inForce, Rescore rescore) {

    static final String KEY = "task";

    /**
     * @param afterKey  last account key looked at (null: none yet)
     * @param visited   accounts looked at so far
     * @param estimated accounts in the task's store when the re-scoring began (an estimate)
     * @param source    the weights record that caused it, for the event ids
     * @param timestamp its record timestamp, used for the re-scored records
     */
    record Rescore(int version, String afterKey, long visited, long estimated, SourcePosition source, long timestamp) {

        Rescore advancedTo(String key, long moreVisited) {
            return new Rescore(version, key, visited + moreVisited, estimated, source, timestamp);
        }

        long remaining() {
            return Math.max(0, estimated - visited);
        }
    }
}
