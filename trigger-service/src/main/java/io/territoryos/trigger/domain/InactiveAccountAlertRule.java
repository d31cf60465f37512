package io.territoryos.trigger.domain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** An owned, live account with no activity for 120 days: a candidate to return to the pool. */
public final class InactiveAccountAlertRule implements AccountAlertRule {

    /** @param inactivity time without activity at which the alert fires (inclusive) */
    public record Settings(boolean enabled, Duration inactivity) {
        public static Settings defaults() {
            return new Settings(true, Duration.ofDays(120));
        }
    }

    static final double DAY_MS = 86_400_000.0;

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
        if (!settings.enabled() || !account.live() || account.ownerRepId() == null || account.lastActivityAt() == null
                || now - account.lastActivityAt() < settings.inactivity().toMillis() || account.inactiveAlreadyAlerted()) {
            return Optional.empty();
        }
        double days = (now - account.lastActivityAt()) / DAY_MS;
        double thresholdDays = settings.inactivity().toMillis() / DAY_MS;
        String message = "Account " + account.accountId() + " of rep " + account.ownerRepId() + " has had no activity for "
                + (long) days + " days (threshold " + (long) thresholdDays + "): a candidate to return to the pool.";
        return Optional.of(new Alert(kind() + ":" + account.accountId() + ":" + account.lastActivityAt(), kind(),
                account.ownerRepId(), null, account.accountId(), message,
                List.of(EvidenceItem.against("days_without_activity", days, thresholdDays, account.accountId()),
                        EvidenceItem.of("potential", account.potential(), account.accountId())),
                now));
    }

    @Override
    public AccountFacts markAlerted(AccountFacts account) {
        return account.withInactiveAlerted();
    }
}
