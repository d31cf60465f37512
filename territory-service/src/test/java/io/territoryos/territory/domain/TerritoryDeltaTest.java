package io.territoryos.territory.domain;

import io.territoryos.contracts.avro.Tier;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static io.territoryos.territory.domain.Fixtures.account;
import static org.assertj.core.api.Assertions.assertThat;

class TerritoryDeltaTest {

    @Test
    void shouldMergeIntoTheSameSumsAsTheChangesAppliedOneByOne() {
        Random random = new Random(7);
        TerritoryAccumulator start = Fixtures.book("R1", 50, 2_000_000);
        TerritoryAccumulator oneByOne = start;
        TerritoryDelta window = TerritoryDelta.none("EAST", "R1");
        AccountContribution[] current = new AccountContribution[20];
        for (int change = 0; change < 500; change++) {
            int slot = random.nextInt(current.length);
            AccountContribution before = current[slot];
            AccountContribution after = random.nextInt(5) == 0 ? null
                    : account("A" + slot, "R1", random.nextInt(900_000) + 0.07 * slot, random.nextInt(300_000) + 0.1,
                    Tier.values()[random.nextInt(4)], random.nextBoolean());
            if (before != null) {
                oneByOne = oneByOne.minus(before);
                window = window.minus(before, change, 10_000 + change);
            }
            if (after != null) {
                oneByOne = oneByOne.plus(after);
                window = window.plus(after, change, 10_000 + change);
            }
            current[slot] = after;
        }

        assertThat(start.merge(window.sums())).isEqualTo(oneByOne);
        assertThat(window.eventTime()).isEqualTo(499);
        assertThat(window.recordTime()).isEqualTo(10_499);
        assertThat(window.home()).isEqualTo("EAST");
    }

    @Test
    void shouldCarryANewWeightsVersionEvenWhenNoSumChanges() {
        AccountContribution v1 = new AccountContribution("A1", "R1", 100, 50, 0, Tier.DEVELOP, false, 1);
        AccountContribution v2 = new AccountContribution("A1", "R1", 100, 50, 0, Tier.DEVELOP, false, 2);
        TerritoryAccumulator territory = TerritoryAccumulator.empty("R1").plus(v1);

        TerritoryDelta rescored = TerritoryDelta.none("EAST", "R1").minus(v1, 5, 6).plus(v2, 5, 6);

        assertThat(rescored.sums().isEmpty()).isTrue();
        assertThat(territory.merge(rescored.sums()).weightsVersion()).isEqualTo(2);
        assertThat(territory.merge(rescored.sums()).potentialCents()).isEqualTo(100);
    }

    @Test
    void shouldKeepTheNewestTimesOfTheChangesItHolds() {
        AccountContribution a = account("A1", "R1", 10);

        TerritoryDelta delta = TerritoryDelta.none("EAST", "R1").plus(a, 300, 30).minus(a, 200, 40);

        assertThat(delta.eventTime()).isEqualTo(300);
        assertThat(delta.recordTime()).isEqualTo(40);
        assertThat(delta.sums().isEmpty()).isTrue();
        assertThat(delta.sums().accountCount()).isZero();
    }
}
