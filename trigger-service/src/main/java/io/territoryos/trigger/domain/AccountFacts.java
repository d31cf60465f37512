package io.territoryos.trigger.domain;

import java.util.Objects;

/**
 * The last known state of one account, kept by the triggers themselves: territory health may already reflect a
 * loss by the time it is seen, so the potential before the loss must be remembered here.
 *
 * @param lastActivityAt     epoch millis, null when the CRM has none
 * @param eventTime          event time of the score this comes from
 * @param inactiveAlertedFor the lastActivityAt an inactivity alert was raised for (one alert per inactive spell)
 * @param lockAlertedFor     the same for the lock-expiry alert
 */
public record AccountFacts(
        String accountId, String ownerRepId, String segment, String region, boolean churned, double potential,
        boolean locked, Long lastActivityAt, long eventTime, Long inactiveAlertedFor, Long lockAlertedFor) {

    /** An account that still counts: it exists and has not churned. */
    public boolean live() {
        return !churned;
    }

    public Market market() {
        return new Market(segment, region);
    }

    /** This state, carrying over which inactive spells were already alerted. */
    public AccountFacts rememberingAlertsOf(AccountFacts previous) {
        if (previous == null) {
            return this;
        }
        return new AccountFacts(accountId, ownerRepId, segment, region, churned, potential, locked, lastActivityAt,
                eventTime, previous.inactiveAlertedFor, previous.lockAlertedFor);
    }

    public AccountFacts withInactiveAlerted() {
        return new AccountFacts(accountId, ownerRepId, segment, region, churned, potential, locked, lastActivityAt,
                eventTime, lastActivityAt, lockAlertedFor);
    }

    public AccountFacts withLockAlerted() {
        return new AccountFacts(accountId, ownerRepId, segment, region, churned, potential, locked, lastActivityAt,
                eventTime, inactiveAlertedFor, lastActivityAt);
    }

    boolean inactiveAlreadyAlerted() {
        return Objects.equals(inactiveAlertedFor, lastActivityAt);
    }

    boolean lockAlreadyAlerted() {
        return Objects.equals(lockAlertedFor, lastActivityAt);
    }
}
