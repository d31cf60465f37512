package io.territoryos.territory.domain;

import io.territoryos.contracts.avro.Motion;
import io.territoryos.contracts.avro.RepStatus;
import io.territoryos.contracts.avro.Segment;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.territoryos.territory.domain.Fixtures.account;
import static io.territoryos.territory.domain.Fixtures.rep;
import static org.assertj.core.api.Assertions.assertThat;

class TerritoryBookTest {

    private final TerritoryBook book = new TerritoryBook(HealthPolicy.defaults());

    @Test
    void shouldMoveAccountPotentialToNewOwnerInOneUpdate() {
        book.upsertRep(rep("R1", "EAST", 100_000));
        book.upsertRep(rep("R2", "WEST", 100_000));
        AccountContribution atR1 = account("A1", "R1", 250_000);
        book.apply(new AccountDelta("A1", null, atR1, 1L));

        BookUpdate move = book.apply(new AccountDelta("A1", atR1, account("A1", "R2", 250_000), 2L));

        assertThat(move.health()).extracting(TerritoryHealthReport::repId).containsExactly("R1", "R2");
        assertThat(move.health().get(0).book().potentialTotal()).isZero();
        assertThat(move.health().get(1).book().potentialTotal()).isEqualTo(250_000.0);
        assertThat(move.balances()).extracting(TeamBalanceReport::team).containsExactly("EAST", "WEST", Territories.ORG);
        assertThat(move.changedTerritories()).containsExactlyInAnyOrder("R1", "R2");
        assertThat(book.potentialCentsTotal()).isEqualTo(25_000_000L);
    }

    @Test
    void shouldKeepTerritorySumsEqualToAccountSumsThroughRandomChanges() {
        Random random = new Random(7);
        List<String> owners = java.util.Arrays.asList("R1", "R2", "R3", null);
        Map<String, AccountContribution> accounts = new HashMap<>();
        for (int step = 0; step < 5_000; step++) {
            String id = "A" + random.nextInt(200);
            AccountContribution before = accounts.get(id);
            AccountContribution after = random.nextInt(10) == 0 ? null
                    : account(id, owners.get(random.nextInt(owners.size())), random.nextDouble() * 1_000_000);
            AccountDelta delta = AccountDelta.between(id, before, after, step);
            if (delta != null) {
                book.apply(delta);
            }
            if (after == null) {
                accounts.remove(id);
            } else {
                accounts.put(id, after);
            }
        }

        long accountCents = accounts.values().stream().mapToLong(AccountContribution::potentialCents).sum();
        assertThat(book.potentialCentsTotal()).isEqualTo(accountCents);
        long unassigned = accounts.values().stream().filter(a -> a.ownerRepId() == null)
                .mapToLong(AccountContribution::potentialCents).sum();
        assertThat(book.territory(Territories.UNASSIGNED).potentialCents()).isEqualTo(unassigned);
        assertThat(book.territory("R1").accountCount())
                .isEqualTo((int) accounts.values().stream().filter(a -> "R1".equals(a.ownerRepId())).count());
    }

    @Test
    void shouldPoolAccountsWithoutOwnerOutsideEveryTeam() {
        book.upsertRep(rep("R1", "EAST", 100_000));
        BookUpdate update = book.apply(new AccountDelta("A1", null, account("A1", null, 50_000), 1L));

        assertThat(update.health()).extracting(TerritoryHealthReport::repId).containsExactly(Territories.UNASSIGNED);
        assertThat(update.balances()).isEmpty();
        assertThat(book.balance(Territories.ORG).potentialTotal()).isZero();
    }

    @Test
    void shouldKeepAnExitedRepsBookUntilReassignedButLeaveItOutOfTheBalance() {
        book.upsertRep(rep("R1", "EAST", 100_000));
        book.upsertRep(rep("R2", "EAST", 100_000));
        book.apply(new AccountDelta("A1", null, account("A1", "R1", 400_000), 1L));
        book.apply(new AccountDelta("A2", null, account("A2", "R2", 200_000), 1L));

        BookUpdate exit = book.upsertRep(rep("R1", "EAST", 100_000, RepStatus.EXITED, Motion.NEW_BUSINESS, Segment.MID_MARKET));

        assertThat(exit.health()).singleElement().satisfies(h -> {
            assertThat(h.repId()).isEqualTo("R1");
            assertThat(h.rep().status()).isEqualTo(RepStatus.EXITED);
            assertThat(h.book().potentialTotal()).isEqualTo(400_000.0);
            assertThat(h.coverageRatio()).isEqualTo(4.0);
        });
        assertThat(exit.balances()).extracting(TeamBalanceReport::team).containsExactly("EAST", Territories.ORG);
        assertThat(exit.balances().get(0).repCount()).isEqualTo(1);
        assertThat(exit.balances().get(0).potentialTotal()).isEqualTo(200_000.0);
    }

    @Test
    void shouldRebalanceBothTeamsWhenARepChangesTeam() {
        book.upsertRep(rep("R1", "EAST", 100_000));
        BookUpdate transfer = book.upsertRep(rep("R1", "WEST", 100_000));

        assertThat(transfer.balances()).extracting(TeamBalanceReport::team).containsExactly("EAST", "WEST", Territories.ORG);
        assertThat(transfer.balances().get(0).repCount()).isZero();
        assertThat(transfer.balances().get(1).repCount()).isEqualTo(1);
    }

    @Test
    void shouldIgnoreARedeliveredRepRow() {
        book.upsertRep(rep("R1", "EAST", 100_000));
        assertThat(book.upsertRep(rep("R1", "EAST", 100_000)).isEmpty()).isTrue();
    }

    @Test
    void shouldRevalidateTheQuotasOfTheSegmentsRepsWhenItsStatisticsChange() {
        book.upsertRep(rep("R1", "EAST", 100_000));
        book.upsertRep(rep("R2", "EAST", 100_000, RepStatus.ACTIVE, Motion.NEW_BUSINESS, Segment.SMB));
        SegmentConversion published = new SegmentConversion(Segment.MID_MARKET, 2, 0.5, 60_000, 40, 20, 30, 1.0);

        BookUpdate update = book.applyStats(Segment.MID_MARKET, published);

        assertThat(update.health()).singleElement().satisfies(h -> assertThat(h.quotaCheck().winRate()).isEqualTo(0.5));
        assertThat(update.changedSegment()).isEqualTo(Segment.MID_MARKET);
        assertThat(book.applyStats(Segment.MID_MARKET, null).health().get(0).quotaCheck().winRate()).isEqualTo(0.25);
    }
}
