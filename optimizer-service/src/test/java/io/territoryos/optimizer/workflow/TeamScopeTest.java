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

    private static Rep rep(String id, String team, String segment, String region, RepStatus status) {
        return new Rep(id, id, team, segment, region, status, 1_000_000, 20);
    }

    private static Account account(String id, String segment, String region, String owner) {
        return new Account(id, id, segment, region, 100_000, 50_000, Tier.DEVELOP, owner, false);
    }
}
