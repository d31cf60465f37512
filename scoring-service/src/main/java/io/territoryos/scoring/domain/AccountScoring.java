package io.territoryos.scoring.domain;

import java.util.Optional;

/**
 * When an account's score is (re)published: after a change of its inputs or a new weights version, and only
 * if the output differs from the last one published. The output carries every input, so any input change
 * (an owner change included) republishes, while a duplicate or an update of an unscored column does not.
 */
public final class AccountScoring {

    /**
     * @param previous the last published score of the account, or null
     * @return the new score to publish and keep, or empty when the output would not change
     */
    public static Optional<AccountScore> onChange(AccountScore previous, AccountInputs inputs, Weights weights,
                                                  SourcePosition source, long sourceEventTime, long now) {
        if (previous != null && previous.inputs().equals(inputs) && isCurrent(previous, weights)) {
            return Optional.empty();
        }
        return Optional.of(scored(inputs, weights, source, sourceEventTime, now));
    }

    /** Re-scores an account under a new weights version; empty when it already names that version. */
    public static Optional<AccountScore> onWeights(AccountScore previous, Weights weights, SourcePosition source, long now) {
        if (isCurrent(previous, weights)) {
            return Optional.empty();
        }
        return Optional.of(scored(previous.inputs(), weights, source, weights.publishedAt(), now));
    }

    public static boolean isCurrent(AccountScore score, Weights weights) {
        return score.weightsVersion() == weights.version() && score.formulaVersion().equals(weights.formulaVersion());
    }

    /** account id, source position and weights version: the same cause always gives the same id. */
    public static String eventId(String accountId, SourcePosition source, int weightsVersion) {
        return accountId + "/" + source + "/w" + weightsVersion;
    }

    private static AccountScore scored(AccountInputs inputs, Weights weights, SourcePosition source,
                                       long sourceEventTime, long now) {
        return new AccountScore(inputs, PotentialFormula.score(inputs, weights), weights.formulaVersion(),
                weights.version(), sourceEventTime, eventId(inputs.accountId(), source, weights.version()), now);
    }

    private AccountScoring() {
    }
}
