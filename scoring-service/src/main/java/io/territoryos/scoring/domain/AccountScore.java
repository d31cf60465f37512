package io.territoryos.scoring.domain;

/**
 * An account's inputs together with the score last published for them: the state scoring keeps per account and
 * the explanation of every published number.
 *
 * @param sourceEventTime epoch millis of the CDC event (or weights version) that caused this score
 * @param scoredAt        epoch millis when it was computed
 */
public record AccountScore(AccountInputs inputs, Score score, String formulaVersion, int weightsVersion,
                           long sourceEventTime, String eventId, long scoredAt) {

    public String accountId() {
        return inputs.accountId();
    }
}
