package io.territoryos.trigger.domain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** An alert about one account, raised once per inactive spell (identified by its last activity date). */
public interface AccountAlertRule {

    AlertKind kind();

    /** @param now stream time (epoch millis): inactivity is measured in event time, not wall-clock time */
    Optional<Alert> evaluate(AccountFacts account, long now);

    /** The account state recording that the alert was raised. */
    AccountFacts markAlerted(AccountFacts account);

    double DAY_MS = 86_400_000.0;

    /** True when the account has known activity and none for at least {@code threshold} of event time. */
    static boolean quietFor(AccountFacts account, Duration threshold, long now) {
        return account.lastActivityAt() != null && now - account.lastActivityAt() >= threshold.toMillis();
    }

    /** The alert of an inactivity rule, with the days without activity against the threshold as evidence. */
    static Alert inactivityAlert(AlertKind kind, AccountFacts account, Duration threshold, long now,
                                 String subject, String consequence) {
        double days = (now - account.lastActivityAt()) / DAY_MS;
        double thresholdDays = threshold.toMillis() / DAY_MS;
        String message = subject + " has had no activity for " + (long) days + " days (threshold " + (long) thresholdDays
                + "): " + consequence + ".";
        return new Alert(kind + ":" + account.accountId() + ":" + account.lastActivityAt(), kind,
                account.ownerRepId(), null, account.accountId(), message,
                List.of(EvidenceItem.against("days_without_activity", days, thresholdDays, account.accountId()),
                        EvidenceItem.of("potential", account.potential(), account.accountId())),
                now);
    }
}
