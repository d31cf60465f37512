package io.territoryos.optimizer.workflow;

import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.Rep;
import io.territoryos.optimizer.domain.RepStatus;
import io.territoryos.optimizer.domain.TeamPolicy;
import io.territoryos.optimizer.domain.Tier;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A command's scope is a team: its reps, what they own, and the unassigned accounts they can take. */
class TeamScopeTest {

    private final List<Rep> reps = List.of(
            rep("N1", "North", "MID_MARKET", "NA-EAST", RepStatus.ACTIVE),
            rep("N2", "North", "MID_MARKET", "NA-WEST", RepStatus.ACTIVE),
            rep("N3", "North", "MID_MARKET", "NA-WEST", RepStatus.EXITED),
            rep("N4", "North", "ENTERPRISE", "NA-EAST", RepStatus.ON_LEAVE),
            rep("S1", "South", "MID_MARKET", "NA-EAST", RepStatus.ACTIVE));
    private final List<Account> accounts = new ArrayList<>(List.of(
            account("a-n1", "MID_MARKET", "NA-EAST", "N1"),
            account("a-n3", "MID_MARKET", "NA-WEST", "N3"),
            account("a-n4", "ENTERPRISE", "NA-EAST", "N4"),
            account("a-s1", "MID_MARKET", "NA-EAST", "S1"),
            account("u-mm-east", "MID_MARKET", "NA-EAST", null),
            account("u-mm-emea", "MID_MARKET", "EMEA", null),
            account("u-ent-emea", "ENTERPRISE", "EMEA", null),
            account("g-mm", "MID_MARKET", "NA-EAST", "GHOST"),
            account("g-smb", "SMB", "NA-EAST", "GHOST")));
    private final Map<String, TeamPolicy> policies = Map.of("North", TeamPolicy.defaults("North").withRegional(true));

    @Test
    void shouldCoverEveryRepOfTheTeamWhateverTheirSegmentRegionOrStatus() {
        BookSource.Books books = TeamScope.of("North", null, null, reps, accounts, policies);

        assertThat(books.reps()).extracting(Rep::id).containsExactly("N1", "N2", "N3", "N4");
        assertThat(books.accounts()).extracting(Account::id).contains("a-n1", "a-n3", "a-n4").doesNotContain("a-s1");
        assertThat(books.policyOf("North").regional()).isTrue();
        assertThat(books.policies()).containsOnlyKeys("North");
    }

    @Test
    void shouldTakeOnlyTheUnassignedAccountsAnActiveRepCanTake() {
        BookSource.Books regional = TeamScope.of("North", null, null, reps, accounts, policies);
        BookSource.Books open = TeamScope.of("South", null, null, reps, accounts, policies);

        // North is regional: MID_MARKET in its regions only; its ENTERPRISE rep is on leave and takes nothing
        assertThat(regional.accounts()).extracting(Account::id).contains("u-mm-east")
                .doesNotContain("u-mm-emea", "u-ent-emea");
        // South is not: any MID_MARKET account is South's to take
        assertThat(open.accounts()).extracting(Account::id).containsExactly("a-s1", "u-mm-east", "u-mm-emea");
        assertThat(open.policyOf("South")).isEqualTo(TeamPolicy.defaults("South"));
    }

    @Test
    void shouldAlwaysTakeTheUnassignedAccountsOfTheNamedMarket() {
        BookSource.Books books = TeamScope.of("North", "ENTERPRISE", "EMEA", reps, accounts, policies);

        assertThat(books.accounts()).extracting(Account::id).contains("u-ent-emea", "u-mm-east").doesNotContain("u-mm-emea");
        assertThat(books.reps()).hasSize(4);
    }

    @Test
    void shouldLeaveOutAndNameAccountsWhoseOwnerTheCrmDoesNotKnow() {
        BookSource.Books books = TeamScope.of("North", null, null, reps, accounts, policies);

        assertThat(books.accounts()).extracting(Account::id).doesNotContain("g-mm", "g-smb");
        assertThat(books.warnings()).singleElement().asString()
                .contains("1 account(s)", "g-mm (owner GHOST)").doesNotContain("g-smb");
    }

    @Test
    void shouldNameAFewUnknownOwnersAndCountTheRest() {
        for (int i = 0; i < 8; i++) {
            accounts.add(account("g-more-" + i, "MID_MARKET", "NA-WEST", "GHOST-" + i));
        }

        BookSource.Books books = TeamScope.of("North", null, null, reps, accounts, policies);

        assertThat(books.warnings()).singleElement().asString().startsWith("9 account(s)").endsWith("and 4 more.");
    }

    @Test
    void shouldCoverEveryTeamWithoutATeam() {
        BookSource.Books books = TeamScope.of(null, null, null, reps, accounts, policies);

        assertThat(books.reps()).hasSize(5);
        assertThat(books.accounts()).extracting(Account::id).contains("a-s1", "u-mm-emea").doesNotContain("u-ent-emea");
    }

    @Test
    void shouldTakeOnlyAsMuchOfThePoolAsTheTeamHasSeatsForMostValuableFirst() {
        // East: two reps of 3 seats each hold 2 accounts each, and the exited rep leaves 1 orphan: 1 seat is left
        List<Rep> east = List.of(rep("E1", "East", "SMB", "NA", RepStatus.ACTIVE, 3),
                rep("E2", "East", "SMB", "NA", RepStatus.ACTIVE, 3), rep("E3", "East", "SMB", "NA", RepStatus.EXITED, 3));
        List<Account> book = new ArrayList<>(List.of(account("e1-a", "SMB", "NA", "E1"), account("e1-b", "SMB", "NA", "E1"),
                account("e2-a", "SMB", "NA", "E2"), account("e2-b", "SMB", "NA", "E2"), account("e3-orphan", "SMB", "NA", "E3")));
        book.add(account("u-small", "SMB", "NA", null, 10_000));
        book.add(account("u-large", "SMB", "NA", null, 900_000));
        book.add(account("u-middle", "SMB", "NA", null, 50_000));

        BookSource.Books books = TeamScope.of("East", null, null, east, book, Map.of());

        assertThat(books.accounts()).extracting(Account::id).contains("e3-orphan", "u-large")
                .doesNotContain("u-small", "u-middle");
        assertThat(books.warnings()).singleElement().asString()
                .startsWith("2 unassigned account(s) the team's reps could take stay in the pool")
                .contains("most valuable 1 were taken");
    }

    @Test
    void shouldCountSeatsABookBeyondCapacityNeedsAndKeepTheOnLeaveBookOutOfTheSeats() {
        // E1 holds 4 accounts with 3 seats: one must go to E2 (3 seats, 1 held); E3 on leave keeps the book
        List<Rep> east = List.of(rep("E1", "East", "SMB", "NA", RepStatus.ACTIVE, 3),
                rep("E2", "East", "SMB", "NA", RepStatus.ACTIVE, 3), rep("E3", "East", "SMB", "NA", RepStatus.ON_LEAVE, 3));
        List<Account> book = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            book.add(account("e1-" + i, "SMB", "NA", "E1"));
        }
        book.add(account("e2-a", "SMB", "NA", "E2"));
        book.add(account("e3-a", "SMB", "NA", "E3"));
        book.add(account("e3-b", "SMB", "NA", "E3"));
        for (int i = 0; i < 3; i++) {
            book.add(account("u-" + i, "SMB", "NA", null, 100_000 - i));
        }

        BookSource.Books kept = TeamScope.of("East", null, null, east, book, Map.of());
        BookSource.Books redistributed = TeamScope.of("East", null, null, east, book,
                Map.of("East", TeamPolicy.defaults("East").withOnLeave(TeamPolicy.OnLeave.REDISTRIBUTE, false)));

        // 6 seats, 5 active-held: E1's extra account takes E2's seat... 1 seat left for the pool
        assertThat(kept.accounts()).extracting(Account::id).contains("u-0").doesNotContain("u-1", "u-2");
        // redistributing E3's two accounts takes the last seat and more: nothing of the pool fits
        assertThat(redistributed.accounts()).extracting(Account::id).doesNotContain("u-0", "u-1", "u-2");
        assertThat(redistributed.warnings()).singleElement().asString().startsWith("3 unassigned account(s)");
    }

    private static Rep rep(String id, String team, String segment, String region, RepStatus status, int capacity) {
        return new Rep(id, id, team, segment, region, status, 1_000_000, capacity);
    }

    private static Account account(String id, String segment, String region, String owner, double potential) {
        return new Account(id, id, segment, region, potential, 50_000, Tier.DEVELOP, owner, false);
    }

    private static Rep rep(String id, String team, String segment, String region, RepStatus status) {
        return new Rep(id, id, team, segment, region, status, 1_000_000, 20);
    }

    private static Account account(String id, String segment, String region, String owner) {
        return new Account(id, id, segment, region, 100_000, 50_000, Tier.DEVELOP, owner, false);
    }
}
