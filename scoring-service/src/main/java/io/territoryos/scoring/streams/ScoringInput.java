package io.territoryos.scoring.streams;

import io.territoryos.scoring.domain.AccountInputs;
import io.territoryos.scoring.domain.SourcePosition;
import io.territoryos.scoring.domain.Weights;

/**
 * What the scoring tasks receive through the internal {@code scoring-inputs} repartition topic, keyed by account
 * id: a valid account change, an account removal, or a weights version broadcast to every partition so that
 * each task re-scores the accounts it owns, in order with their changes.
 */
public sealed interface ScoringInput {

    SourcePosition source();

    /** A created, updated or snapshot-read account row, validated. */
    record AccountChanged(AccountInputs inputs, SourcePosition source, long sourceEventTime) implements ScoringInput {
    }

    /** A delete or the tombstone after it. */
    record AccountRemoved(String accountId, SourcePosition source, long sourceEventTime) implements ScoringInput {
    }

    /** A valid weights version, newer than the one in force when it was accepted. */
    record WeightsPublished(Weights weights, SourcePosition source) implements ScoringInput {
    }
}
