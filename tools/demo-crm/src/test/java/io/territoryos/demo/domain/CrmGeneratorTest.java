package io.territoryos.demo.domain;

import io.territoryos.contracts.avro.AccountStatus;
import io.territoryos.contracts.avro.RepStatus;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.contracts.crm.CrmRep;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CrmGeneratorTest {

    private static final long BASE = 1_767_603_600_000L;
    private static CrmGenerator generator;
    private static List<CrmAccount> accounts;

    @BeforeAll
    static void generate() {
        generator = new CrmGenerator(42, 2_000, BASE);
        accounts = generator.accounts().toList();
    }

    /** PRODUCT.md section 4, as the test's oracle: the generator itself never computes potential. */
    static double potential(CrmAccount a) {
        if (a.status() == AccountStatus.CHURNED) {
            return 0;
        }
        return (a.currentArr() * (1 - a.renewalRisk()) + a.whitespaceArr() * a.buyingCapacity()) * (0.5 + a.icpFit() / 100);
    }

    @Test
    void shouldGenerateTheSameCrmForTheSameSeedAndAnotherForAnotherSeed() {
        CrmGenerator again = new CrmGenerator(42, 2_000, BASE);
        assertThat(again.reps()).isEqualTo(generator.reps());
        assertThat(again.accounts().toList()).isEqualTo(accounts);

        List<CrmAccount> other = new CrmGenerator(43, 2_000, BASE).accounts().toList();
        assertThat(other).isNotEqualTo(accounts);
    }

    @Test
    void shouldGiveTheSeedTeamTwelveRepsOnTheSameQuota() {
        SeedTeam seed = generator.seedTeam();
        List<CrmRep> team = generator.reps().stream().filter(r -> r.team().equals(seed.team())).toList();

        assertThat(team).hasSize(12);
        assertThat(team).extracting(CrmRep::quota).containsOnly(1_000_000.0);
        assertThat(team).extracting(CrmRep::segment).containsOnly(Segment.MID_MARKET);
        assertThat(team).extracting(CrmRep::region).containsOnly("NA-EAST");
        assertThat(team).extracting(CrmRep::repId).containsExactlyElementsOf(seed.repIds());
    }

    @Test
    void shouldPutFourMillionInSixtyAccountsAndEightHundredThousandInTwentyFive() {
        SeedTeam seed = generator.seedTeam();
        Map<String, List<CrmAccount>> books = accounts.stream().filter(a -> a.ownerRepId() != null)
                .filter(a -> seed.repIds().contains(a.ownerRepId()))
                .collect(Collectors.groupingBy(CrmAccount::ownerRepId));

        assertThat(books.get(seed.overloadedRepId())).hasSize(60);
        assertThat(books.get(seed.overloadedRepId()).stream().mapToDouble(CrmGeneratorTest::potential).sum())
                .isEqualTo(4_000_000.0);
        assertThat(books.get(seed.starvedRepId())).hasSize(25);
        assertThat(books.get(seed.starvedRepId()).stream().mapToDouble(CrmGeneratorTest::potential).sum())
                .isEqualTo(800_000.0);
        for (String rep : seed.repIds()) {
            double potential = books.get(rep).stream().mapToDouble(CrmGeneratorTest::potential).sum();
            assertThat(potential).as(rep).isBetween(800_000.0, 4_000_000.0).isEqualTo(seed.books().get(rep).potential());
            assertThat(books.get(rep)).as(rep).hasSize(seed.books().get(rep).accounts()).hasSizeBetween(25, 60);
        }
    }

    @Test
    void shouldGiveSeedTeamAccountsInputsWherePotentialIsArrPlusWhitespace() {
        List<CrmAccount> team = seedTeamAccounts();

        assertThat(team).allSatisfy(a -> {
            assertThat(a.renewalRisk()).isZero();
            assertThat(a.buyingCapacity()).isEqualTo(1.0);
            assertThat(a.icpFit()).isEqualTo(50.0);
            assertThat(a.currentArr() + a.whitespaceArr()).isEqualTo(potential(a));
        });
        assertThat(team.stream().map(CrmAccount::currentArr).distinct().count()).isGreaterThan(team.size() / 2);
    }

    @Test
    void shouldLockSomeButNotAllSeedTeamAccounts() {
        long locked = seedTeamAccounts().stream().filter(CrmAccount::locked).count();

        assertThat(locked).isGreaterThan(0).isLessThan(seedTeamAccounts().size() / 4);
    }

    @Test
    void shouldLeaveCapacityToRebalanceTheSeedTeamAfterTheRepExits() {
        SeedTeam seed = generator.seedTeam();
        String exiting = generator.story().exitingRepId();
        int remainingCapacity = generator.reps().stream()
                .filter(r -> seed.repIds().contains(r.repId()) && !r.repId().equals(exiting))
                .mapToInt(CrmRep::capacityAccounts).sum();

        assertThat(remainingCapacity).isGreaterThanOrEqualTo(seed.accountCount());
    }

    @Test
    void shouldPickAMidSizedBookOfTheSeedTeamForTheExit() {
        SeedTeam seed = generator.seedTeam();
        String exiting = generator.story().exitingRepId();
        List<Integer> sizes = seed.books().values().stream().map(SeedTeam.Book::accounts).sorted().toList();

        assertThat(seed.repIds()).contains(exiting);
        assertThat(exiting).isNotIn(seed.overloadedRepId(), seed.starvedRepId());
        assertThat(seed.books().get(exiting).accounts()).isBetween(sizes.get(3), sizes.get(8));
    }

    @Test
    void shouldKeepEveryBookWithinItsRepsCapacity() {
        Map<String, Long> bookSizes = accounts.stream().filter(a -> a.ownerRepId() != null)
                .collect(Collectors.groupingBy(CrmAccount::ownerRepId, Collectors.counting()));

        assertThat(generator.reps()).allSatisfy(r ->
                assertThat(bookSizes.getOrDefault(r.repId(), 0L)).as(r.repId()).isLessThanOrEqualTo(r.capacityAccounts()));
    }

    @Test
    void shouldGiveEveryAccountAnOwnerOfItsSegmentAndRegionOrThePool() {
        Map<String, CrmRep> reps = generator.reps().stream().collect(Collectors.toMap(CrmRep::repId, r -> r));
        long unassigned = accounts.stream().filter(a -> a.ownerRepId() == null).count();

        assertThat(accounts).allSatisfy(a -> {
            if (a.ownerRepId() != null) {
                CrmRep owner = reps.get(a.ownerRepId());
                assertThat(owner).as(a.accountId()).isNotNull();
                assertThat(owner.segment()).isEqualTo(a.segment());
                assertThat(owner.region()).isEqualTo(a.region());
            }
        });
        assertThat(unassigned).isPositive().isLessThan(accounts.size() / 50);
    }

    @Test
    void shouldUseUniqueIdsAndSeveralTeams() {
        assertThat(accounts).extracting(CrmAccount::accountId).doesNotHaveDuplicates().hasSize(2_000)
                .contains("A-000001", "A-002000");
        assertThat(generator.reps()).extracting(CrmRep::repId).doesNotHaveDuplicates();
        Set<String> teams = generator.reps().stream().map(CrmRep::team).collect(Collectors.toSet());
        assertThat(teams).hasSizeGreaterThanOrEqualTo(4).contains("mm-east");
        assertThat(generator.reps()).extracting(CrmRep::segment).contains(Segment.values());
    }

    @Test
    void shouldConcentrateArrInTheTopTenPercentOfAccounts() {
        List<Double> arr = new ArrayList<>(accounts.stream().map(CrmAccount::currentArr).toList());
        arr.sort(Comparator.reverseOrder());
        double total = arr.stream().mapToDouble(Double::doubleValue).sum();
        double top = arr.subList(0, arr.size() / 10).stream().mapToDouble(Double::doubleValue).sum();

        assertThat(top / total).isGreaterThan(0.40);
    }

    @Test
    void shouldScaleArrAndWhitespaceBySegment() {
        double smb = medianArr(Segment.SMB);
        double midMarket = medianArr(Segment.MID_MARKET);
        double enterprise = medianArr(Segment.ENTERPRISE);

        assertThat(smb).isLessThan(midMarket / 2);
        assertThat(midMarket).isLessThan(enterprise / 2);
    }

    @Test
    void shouldIncludeProspectsWithoutArrChurnedAccountsAndDormantOnes() {
        List<CrmAccount> prospects = accounts.stream().filter(a -> a.status() == AccountStatus.PROSPECT).toList();
        List<CrmAccount> churned = accounts.stream().filter(a -> a.status() == AccountStatus.CHURNED).toList();
        long dormant = accounts.stream()
                .filter(a -> a.lastActivityAt() != null && a.lastActivityAt() < BASE - 120L * 86_400_000).count();

        assertThat(prospects).hasSizeGreaterThan(100).allSatisfy(a -> assertThat(a.currentArr()).isZero());
        assertThat(prospects).allSatisfy(a -> assertThat(a.whitespaceArr()).isPositive());
        assertThat(churned).hasSizeGreaterThan(20);
        assertThat(dormant).isPositive();
        assertThat(accounts).extracting(CrmAccount::procurementStage).contains(CrmAccount.ProcurementStage.values());
        assertThat(accounts).allSatisfy(a -> assertThat(a.lat()).isNotNull());
        assertThat(generator.reps()).extracting(CrmRep::status).contains(RepStatus.ACTIVE, RepStatus.RAMPING)
                .doesNotContain(RepStatus.EXITED);
    }

    @Test
    void shouldPlantAWhaleHoldingAtLeastTenPercentOfItsOwnersBookOutsideTheSeedTeam() {
        Story story = generator.story();
        CrmAccount whale = generator.account(generator.indexOf(story.whaleAccountId()));
        double book = accounts.stream().filter(a -> story.whaleOwnerRepId().equals(a.ownerRepId()))
                .mapToDouble(CrmGeneratorTest::potential).sum();

        assertThat(whale.status()).isEqualTo(AccountStatus.CUSTOMER);
        assertThat(whale.ownerRepId()).isEqualTo(story.whaleOwnerRepId());
        assertThat(potential(whale) / book).isGreaterThanOrEqualTo(0.10);
        assertThat(story.whaleTeam()).isNotEqualTo(generator.seedTeam().team());
        assertThat(accounts).contains(whale);
    }

    @Test
    void shouldDeleteAnotherUnlockedAccount() {
        Story story = generator.story();
        CrmAccount deleted = generator.account(generator.indexOf(story.deletedAccountId()));

        assertThat(story.deletedAccountId()).isNotEqualTo(story.whaleAccountId());
        assertThat(deleted.locked()).isFalse();
    }

    @Test
    void shouldFindABookWithoutGeneratingEveryAccount() {
        CrmGenerator fresh = new CrmGenerator(42, 2_000, BASE);
        long before = fresh.accountsGenerated();
        List<CrmAccount> book = fresh.book(fresh.seedTeam().overloadedRepId());

        assertThat(book).hasSize(60);
        assertThat(fresh.accountsGenerated() - before).isEqualTo(60);
        assertThat(book).isEqualTo(accounts.stream()
                .filter(a -> fresh.seedTeam().overloadedRepId().equals(a.ownerRepId())).toList());
    }

    @Test
    void shouldStreamOneHundredThousandAccountsWithoutGeneratingThemUpFront() {
        CrmGenerator large = new CrmGenerator(7, 100_000, BASE);
        long afterConstruction = large.accountsGenerated();
        Iterator<CrmAccount> stream = large.accounts().iterator();
        stream.next();
        assertThat(large.accountsGenerated() - afterConstruction).isEqualTo(1);

        Set<String> ids = new HashSet<>();
        ids.add("A-000001");
        long count = 1;
        while (stream.hasNext()) {
            count++;
            if (count % 10_000 == 0) {
                ids.add(stream.next().accountId());
            } else {
                stream.next();
            }
        }
        assertThat(count).isEqualTo(100_000);
        assertThat(ids).contains("A-100000");
    }

    @Test
    void shouldRefuseFewerThanOneThousandAccounts() {
        assertThatThrownBy(() -> new CrmGenerator(1, 999, BASE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1000");
    }

    private static List<CrmAccount> seedTeamAccounts() {
        Set<String> seedReps = Set.copyOf(generator.seedTeam().repIds());
        return accounts.stream().filter(a -> a.ownerRepId() != null && seedReps.contains(a.ownerRepId())).toList();
    }

    private static double medianArr(Segment segment) {
        List<Double> arr = accounts.stream().filter(a -> a.segment() == segment && a.status() == AccountStatus.CUSTOMER)
                .filter(a -> !generator.seedTeam().repIds().contains(String.valueOf(a.ownerRepId())))
                .map(CrmAccount::currentArr).sorted().toList();
        return arr.get(arr.size() / 2);
    }
}
