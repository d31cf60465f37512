package io.territoryos.trigger.domain;

import java.util.Optional;

/** An alert about one account, raised once per inactive spell (identified by its last activity date). */
public interface AccountAlertRule {

    AlertKind kind();

    /** @param now stream time (epoch millis): inactivity is measured in event time, not wall-clock time */
    Optional<Alert> evaluate(AccountFacts account, long now);

    /** The account state recording that the alert was raised. */
    AccountFacts markAlerted(AccountFacts account);
}
