package io.territoryos.trigger.domain;

import org.junit.jupiter.api.Test;

import static io.territoryos.trigger.domain.Facts.DAY;
import static io.territoryos.trigger.domain.Facts.T0;
import static io.territoryos.trigger.domain.Facts.activeAt;
import static io.territoryos.trigger.domain.Facts.evidence;
import static org.assertj.core.api.Assertions.assertThat;

class AccountAlertRulesTest {

    private final InactiveAccountAlertRule inactive = new InactiveAccountAlertRule(InactiveAccountAlertRule.Settings.defaults());
    private final LockExpiryAlertRule lockExpiry = new LockExpiryAlertRule(LockExpiryAlertRule.Settings.defaults());

    @Test
    void shouldRaiseInactivityAtExactlyOneHundredTwentyDays() {
        AccountFacts account = activeAt("A-1", "R-1", false, T0);
        Alert alert = inactive.evaluate(account, T0 + 120 * DAY).orElseThrow();

        assertThat(alert.alertId()).isEqualTo("INACTIVE_ACCOUNT:A-1:" + T0);
        assertThat(alert.accountId()).isEqualTo("A-1");
        assertThat(alert.repId()).isEqualTo("R-1");
        assertThat(evidence(alert, "days_without_activity").value()).isEqualTo(120);
        assertThat(evidence(alert, "days_without_activity").threshold()).isEqualTo(120);
        assertThat(inactive.evaluate(account, T0 + 120 * DAY - 1)).isEmpty();
    }

    @Test
    void shouldRaiseInactivityOncePerSpellAndAgainAfterNewActivity() {
        AccountFacts alerted = inactive.markAlerted(activeAt("A-1", "R-1", false, T0));
        assertThat(inactive.evaluate(alerted, T0 + 200 * DAY)).isEmpty();

        AccountFacts touched = activeAt("A-1", "R-1", false, T0 + 150 * DAY).rememberingAlertsOf(alerted);
        assertThat(inactive.evaluate(touched, T0 + 200 * DAY)).isEmpty();
        assertThat(inactive.evaluate(touched, T0 + 270 * DAY).orElseThrow().alertId())
                .isEqualTo("INACTIVE_ACCOUNT:A-1:" + (T0 + 150 * DAY));
    }

    @Test
    void shouldNotRaiseInactivityForPooledChurnedOrNeverActiveAccounts() {
        assertThat(inactive.evaluate(activeAt("A-1", null, false, T0), T0 + 300 * DAY)).isEmpty();
        assertThat(inactive.evaluate(activeAt("A-1", "R-1", false, null), T0 + 300 * DAY)).isEmpty();
        AccountFacts churned = new AccountFacts("A-1", "R-1", "SMB", "EMEA", true, 0, false, T0, T0, null, null);
        assertThat(inactive.evaluate(churned, T0 + 300 * DAY)).isEmpty();
    }

    @Test
    void shouldRaiseLockExpiryForLockedAccountsAtNinetyDaysOnly() {
        AccountFacts locked = activeAt("A-1", "R-1", true, T0);
        assertThat(lockExpiry.evaluate(locked, T0 + 90 * DAY - 1)).isEmpty();
        assertThat(lockExpiry.evaluate(locked, T0 + 90 * DAY).orElseThrow().alertId())
                .isEqualTo("LOCK_EXPIRY_CANDIDATE:A-1:" + T0);
        assertThat(lockExpiry.evaluate(activeAt("A-2", "R-1", false, T0), T0 + 200 * DAY)).isEmpty();
        assertThat(lockExpiry.evaluate(lockExpiry.markAlerted(locked), T0 + 200 * DAY)).isEmpty();
    }
}
