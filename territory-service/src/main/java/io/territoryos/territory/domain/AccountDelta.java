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
        return changes(before, after) ? new AccountDelta(accountId, before, after, sourceEventTime) : null;
    }

    /** False for a re-delivery, a re-score that changes nothing a territory holds, or a tombstone of nothing. */
    public static boolean changes(AccountContribution before, AccountContribution after) {
        return before == null ? after != null : !before.equals(after);
    }

    /** True when the account leaves one territory for another. */
    public boolean movesTerritory() {
        return before != null && after != null && !before.territoryId().equals(after.territoryId());
    }
}
