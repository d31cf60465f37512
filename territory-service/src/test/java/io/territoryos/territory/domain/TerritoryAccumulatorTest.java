package io.territoryos.territory.domain;

import io.territoryos.contracts.avro.Tier;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.territoryos.territory.domain.Fixtures.account;
import static org.assertj.core.api.Assertions.assertThat;

class TerritoryAccumulatorTest {

    @Test
    void shouldSumAccountsIntoCountsTiersAndCriticalRisk() {
        TerritoryAccumulator book = TerritoryAccumulator.empty("R1")
                .plus(account("A1", "R1", 350_000, 100_000, Tier.TIER_1, false))
                .plus(account("A2", "R1", 120_000.55, 80_000, Tier.QUICK_WIN, true))
                .plus(account("A3", "R1", 30_000, 20_000, Tier.QUICK_WIN, true));

        assertThat(book.accountCount()).isEqualTo(3);
        assertThat(book.potentialCents()).isEqualTo(50_000_055L);
        assertThat(book.potentialTotal()).isEqualTo(500_000.55);
        assertThat(book.arrTotal()).isEqualTo(200_000.0);
        assertThat(book.tier1Count()).isEqualTo(1);
        assertThat(book.quickWinCount()).isEqualTo(2);
        assertThat(book.developCount()).isZero();
        assertThat(book.criticalCount()).isEqualTo(2);
        assertThat(book.criticalArrCents()).isEqualTo(10_000_000L);
        assertThat(book.criticalPotentialCents()).isEqualTo(15_000_055L);
    }

    @Test
    void shouldMergePartsThatNoAccountEnteredYet() {
        // a part that only lost accounts (a change read under the rep's old team) carries no weights version
        TerritoryAccumulator left = TerritoryAccumulator.empty("R1").minus(account("A1", "R1", 1_000, 500, Tier.DEVELOP, false));
        TerritoryAccumulator entered = TerritoryAccumulator.empty("R1").plus(account("A1", "R1", 1_000, 500, Tier.DEVELOP, false));

        assertThat(left.merge(TerritoryAccumulator.empty("R1")).weightsVersion()).isNull();
        assertThat(left.merge(left).accountCount()).isEqualTo(-2);
        assertThat(left.merge(entered).isEmpty()).isTrue();
        assertThat(left.merge(entered).weightsVersion()).isEqualTo(entered.weightsVersion());
        assertThat(entered.merge(left).weightsVersion()).isEqualTo(entered.weightsVersion());
    }

    @Test
    void shouldReturnExactlyToEmptyWhenEveryAccountLeavesInAnyOrder() {
        Random random = new Random(42);
        List<AccountContribution> accounts = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            // amounts that double arithmetic cannot hold exactly (0.1, 0.7 ...) and that span orders of magnitude
            double potential = random.nextInt(5_000_000) + 0.1 * (i % 10) + 0.07;
            accounts.add(account("A" + i, "R1", potential, potential / 3, Tier.values()[i % 4], i % 7 == 0));
        }
        TerritoryAccumulator book = TerritoryAccumulator.empty("R1");
        for (AccountContribution account : accounts) {
            book = book.plus(account);
        }
        Collections.shuffle(accounts, random);
        for (AccountContribution account : accounts) {
            book = book.minus(account);
        }

        TerritoryAccumulator empty = TerritoryAccumulator.empty("R1");
        assertThat(book).usingRecursiveComparison().ignoringFields("weightsVersion").isEqualTo(empty);
    }
}
