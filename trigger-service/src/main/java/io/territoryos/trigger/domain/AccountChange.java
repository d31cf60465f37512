package io.territoryos.trigger.domain;

/**
 * What one account update means for the triggers: a loss (for WHALE_CHURN) and market moves (for NEW_MARKET).
 * Each part is null when it did not happen.
 */
public record AccountChange(AccountLoss loss, MarketEntry entered, MarketExit left) {

    /**
     * @param before    the last known state, null when the account was never seen
     * @param after     the new state, null when the account was deleted
     * @param eventTime event time of the change (used for deletes, which carry no state of their own)
     */
    public static AccountChange between(AccountFacts before, AccountFacts after, long eventTime) {
        boolean wasLive = before != null && before.live();
        boolean isLive = after != null && after.live();
        boolean movedMarket = wasLive && isLive && !before.market().equals(after.market());
        long when = after != null ? after.eventTime() : eventTime;

        AccountLoss loss = wasLive && !isLive
                ? new AccountLoss(before.accountId(), before.ownerRepId(), before.segment(), before.region(),
                before.potential(), after == null, when)
                : null;
        MarketExit left = wasLive && (!isLive || movedMarket)
                ? new MarketExit(before.accountId(), before.segment(), before.region())
                : null;
        MarketEntry entered = isLive && (!wasLive || movedMarket)
                ? new MarketEntry(after.accountId(), after.segment(), after.region(), after.potential(), when)
                : null;
        return new AccountChange(loss, entered, left);
    }

    public boolean isEmpty() {
        return loss == null && entered == null && left == null;
    }
}
