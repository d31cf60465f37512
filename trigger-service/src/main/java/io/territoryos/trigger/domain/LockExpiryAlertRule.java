package io.territoryos.trigger.domain;

import java.time.Duration;
import java.util.List;
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
        if (!settings.enabled() || !account.locked() || !account.live() || account.lastActivityAt() == null
                || now - account.lastActivityAt() < settings.inactivity().toMillis() || account.lockAlreadyAlerted()) {
            return Optional.empty();
        }
        double days = (now - account.lastActivityAt()) / InactiveAccountAlertRule.DAY_MS;
        double thresholdDays = settings.inactivity().toMillis() / InactiveAccountAlertRule.DAY_MS;
        String message = "Locked account " + account.accountId() + " has had no activity for " + (long) days
                + " days (threshold " + (long) thresholdDays + "): a candidate for carve-out expiry.";
        return Optional.of(new Alert(kind() + ":" + account.accountId() + ":" + account.lastActivityAt(), kind(),
                account.ownerRepId(), null, account.accountId(), message,
                List.of(EvidenceItem.against("days_without_activity", days, thresholdDays, account.accountId()),
                        EvidenceItem.of("potential", account.potential(), account.accountId())),
                now));
    }

    @Override
    public AccountFacts markAlerted(AccountFacts account) {
        return account.withLockAlerted();
    }
}
