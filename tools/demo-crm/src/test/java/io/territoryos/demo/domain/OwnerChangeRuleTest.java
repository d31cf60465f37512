package io.territoryos.demo.domain;

import io.territoryos.contracts.avro.AccountStatus;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.demo.domain.OwnerChangeRule.AlreadyApplied;
import io.territoryos.demo.domain.OwnerChangeRule.Apply;
import io.territoryos.demo.domain.OwnerChangeRule.Reason;
import io.territoryos.demo.domain.OwnerChangeRule.Rejected;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class OwnerChangeRuleTest {

    private static final CrmAccount ACCOUNT = new CrmAccount("A-1", "Acme", Segment.MID_MARKET, "Software", "NA-EAST",
            "US", 40.0, -74.0, AccountStatus.CUSTOMER, 100_000.0, 20_000.0, 1.0, 0.0, 50.0, 0.5,
            CrmAccount.ProcurementStage.NONE, "R-1", false, 1_000L, LocalDate.of(2026, 6, 30));

    private static OwnerChange change(String from, String to) {
        return new OwnerChange("P-1:A-1", "P-1", "A-1", from, to, "bob");
    }

    @Test
    void shouldChangeOnlyTheOwnerWhenTheAccountIsStillWithTheFromRep() {
        OwnerChangeRule.Decision decision = OwnerChangeRule.decide(change("R-1", "R-2"), ACCOUNT, false);

        assertThat(decision).isEqualTo(new Apply(ACCOUNT.withOwner("R-2")));
    }

    @Test
    void shouldMoveAnAccountOutOfTheUnassignedPool() {
        CrmAccount pooled = ACCOUNT.withOwner(null);

        assertThat(OwnerChangeRule.decide(change(null, "R-2"), pooled, false)).isEqualTo(new Apply(ACCOUNT.withOwner("R-2")));
    }

    @Test
    void shouldDoNothingWhenTheAccountAlreadyHasTheNewOwner() {
        assertThat(OwnerChangeRule.decide(change("R-1", "R-2"), ACCOUNT.withOwner("R-2"), false))
                .isInstanceOf(AlreadyApplied.class);
    }

    @Test
    void shouldNotReapplyAChangeTheCrmAlreadyCarriedOutEvenIfTheOwnerMovedBackSince() {
        assertThat(OwnerChangeRule.decide(change("R-1", "R-2"), ACCOUNT, true)).isInstanceOf(AlreadyApplied.class);
    }

    @Test
    void shouldRejectAStaleChangeNamingBothOwners() {
        OwnerChangeRule.Decision decision = OwnerChangeRule.decide(change("R-3", "R-2"), ACCOUNT, false);

        assertThat(decision).isInstanceOfSatisfying(Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(Reason.STALE);
            assertThat(rejected.explanation()).contains("owned by R-1").contains("from R-3 to R-2");
        });
    }

    @Test
    void shouldRejectAChangeForAnAccountTheCrmDoesNotHave() {
        assertThat(OwnerChangeRule.decide(change("R-1", "R-2"), null, false)).isInstanceOfSatisfying(Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(Reason.UNKNOWN_ACCOUNT));
    }
}
