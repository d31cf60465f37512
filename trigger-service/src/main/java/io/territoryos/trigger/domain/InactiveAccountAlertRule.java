package io.territoryos.trigger.domain;

import java.time.Duration;
import java.util.Optional;

/** An owned, live account with no activity for 120 days: a candidate to return to the pool. */
public final class InactiveAccountAlertRule implements AccountAlertRule {

    /** @param inactivity time without activity at which the alert fires (inclusive) */
    public record Settings(boolean enabled, Duration inactivity) {
        public static Settings defaults() {
            return new Settings(true, Duration.ofDays(120));
        }
    }

    private final Settings settings;

    public InactiveAccountAlertRule(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public AlertKind kind() {
        return AlertKind.INACTIVE_ACCOUNT;
    }

    @Override
    public Optional<Alert> evaluate(AccountFacts account, long now) {
        if (!settings.enabled() || !account.live() || account.ownerRepId() == null || account.inactiveAlreadyAlerted()
                || !AccountAlertRule.quietFor(account, settings.inactivity(), now)) {
            return Optional.empty();
        }
        return Optional.of(AccountAlertRule.inactivityAlert(kind(), account, settings.inactivity(), now,
                "Account " + account.accountId() + " of rep " + account.ownerRepId(), "a candidate to return to the pool"));
    }

    @Override
    public AccountFacts markAlerted(AccountFacts account) {
        return account.withInactiveAlerted();
    }
}
