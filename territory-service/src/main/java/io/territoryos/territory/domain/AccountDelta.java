package io.territoryos.territory.domain;

/**
 * One account's change as seen by the territories: what it contributed before and what it contributes now.
 * A move between reps is one delta, so both territories change in the same update.
 *
 * @param accountId       the account
 * @param before          previous contribution; null when the account is new
 * @param after           new contribution; null when the account is gone
 * @param sourceEventTime epoch millis of the CRM change behind it
 */
public record AccountDelta(String accountId, AccountContribution before, AccountContribution after, long sourceEventTime) {

    /** The delta from the stored contribution to a new one, or null when nothing a territory sums has changed. */
    public static AccountDelta between(String accountId, AccountContribution before, AccountContribution after,
                                       long sourceEventTime) {
        if (before == null && after == null) {
            return null;
        }
        if (before != null && before.equals(after)) {
            return null;
        }
        return new AccountDelta(accountId, before, after, sourceEventTime);
    }

    /** True when the account leaves one territory for another. */
    public boolean movesTerritory() {
        return before != null && after != null && !before.territoryId().equals(after.territoryId());
    }
}
