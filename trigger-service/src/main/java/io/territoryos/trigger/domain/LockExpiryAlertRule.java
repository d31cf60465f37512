package io.territoryos.trigger.domain;

import java.time.Duration;
import java.util.Optional;

/**
 * A locked (carve-out, named) account with no activity for 90 days: the lock keeps the optimizer away from an
 * account nobody works, so the carve-out is a candidate to expire.
 */
public final class LockExpiryAlertRule implements AccountAlertRule {

    public record Settings(boolean enabled, Duration inactivity) {
        public static Settings defaults() {
            return new Settings(true, Duration.ofDays(90));
        }
    }

    private final Settings settings;

    public LockExpiryAlertRule(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public AlertKind kind() {
        return AlertKind.LOCK_EXPIRY_CANDIDATE;
    }

    @Override
    public Optional<Alert> evaluate(AccountFacts account, long now) {
        if (!settings.enabled() || !account.locked() || !account.live() || account.lockAlreadyAlerted()
                || !AccountAlertRule.quietFor(account, settings.inactivity(), now)) {
            return Optional.empty();
        }
        return Optional.of(AccountAlertRule.inactivityAlert(kind(), account, settings.inactivity(), now,
                "Locked account " + account.accountId(), "a candidate for carve-out expiry"));
    }

    @Override
    public AccountFacts markAlerted(AccountFacts account) {
        return account.withLockAlerted();
    }
}
