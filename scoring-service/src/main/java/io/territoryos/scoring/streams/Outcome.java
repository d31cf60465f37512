package io.territoryos.scoring.streams;

import io.territoryos.contracts.avro.DeadLetter;

/** The result of checking one input record at the edge: accepted for scoring, or a dead letter. */
record Outcome(ScoringInput accepted, DeadLetter rejected) {

    static Outcome accept(ScoringInput input) {
        return new Outcome(input, null);
    }

    static Outcome reject(DeadLetter deadLetter) {
        return new Outcome(null, deadLetter);
    }

    boolean isRejected() {
        return rejected != null;
    }
}
