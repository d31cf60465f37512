package io.territoryos.trigger.domain;

import org.junit.jupiter.api.Test;

import static io.territoryos.trigger.domain.Facts.T0;
import static io.territoryos.trigger.domain.Facts.account;
import static org.assertj.core.api.Assertions.assertThat;

class AccountChangeTest {

    @Test
    void shouldReportTheLossWithThePotentialBeforeTheChurn() {
        AccountChange change = AccountChange.between(account("A-1", "R-1", 400_000, false, T0),
                account("A-1", "R-1", 0, true, T0 + 7), T0 + 7);

        assertThat(change.loss()).isEqualTo(new AccountLoss("A-1", "R-1", "MID_MARKET", "NA-EAST", 400_000, false, T0 + 7));
        assertThat(change.left()).isEqualTo(new MarketExit("A-1", "MID_MARKET", "NA-EAST"));
        assertThat(change.entered()).isNull();
    }

    @Test
    void shouldReportADeletionAsALossAtTheDeletionTime() {
        AccountChange change = AccountChange.between(account("A-1", "R-1", 400_000, false, T0), null, T0 + 9);

        assertThat(change.loss().deleted()).isTrue();
        assertThat(change.loss().eventTime()).isEqualTo(T0 + 9);
    }

    @Test
    void shouldReportNothingForAnUpdateInTheSameMarketOrATwiceSeenChurn() {
        assertThat(AccountChange.between(account("A-1", "R-1", 1, false, T0), account("A-1", "R-2", 2, false, T0 + 1), T0 + 1)
                .isEmpty()).isTrue();
        assertThat(AccountChange.between(account("A-1", "R-1", 0, true, T0), account("A-1", "R-1", 0, true, T0 + 1), T0 + 1)
                .isEmpty()).isTrue();
        assertThat(AccountChange.between(null, account("A-1", "R-1", 0, true, T0), T0).isEmpty()).isTrue();
    }

    @Test
    void shouldReportEntryForANewAccountAndAMoveBetweenMarkets() {
        assertThat(AccountChange.between(null, account("A-1", "R-1", 5, false, T0), T0).entered()).isNotNull();

        AccountFacts moved = new AccountFacts("A-1", "R-1", "ENTERPRISE", "EMEA", false, 5, false, null, T0 + 1, null, null);
        AccountChange change = AccountChange.between(account("A-1", "R-1", 5, false, T0), moved, T0 + 1);
        assertThat(change.left().segment()).isEqualTo("MID_MARKET");
        assertThat(change.entered().market()).isEqualTo(new Market("ENTERPRISE", "EMEA"));
        assertThat(change.loss()).isNull();
    }
}
