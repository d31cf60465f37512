package io.territoryos.demo.domain;

import io.territoryos.contracts.avro.AccountStatus;
import io.territoryos.contracts.avro.Motion;
import io.territoryos.contracts.avro.RepStatus;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.contracts.crm.CrmAccount.ProcurementStage;
import io.territoryos.contracts.crm.CrmRep;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A realistic CRM, deterministic from a seed, from 1,000 to millions of accounts: reps with quotas, motions and
 * capacities in teams of one segment and region; accounts with heavy-tailed (log-normal) ARR and whitespace
 * scaled by segment, the five scoring inputs, propensity, procurement stage, status (prospects with no ARR,
 * churned accounts), owners (about 1% unassigned), locks, activity and renewal dates, geography and industry.
 * Accounts are generated one at a time from (seed, index): nothing but the O(reps) layout is held.
 *
 * <p><b>The seed team.</b> Team {@value #SEED_TEAM} (MID_MARKET, NA-EAST) holds the situation of seed article
 * 001: twelve reps with the same quota of $1,000,000, one book of 60 accounts and $4,000,000 of potential, one
 * of 25 accounts and $800,000, the other ten in between. Potential is computed downstream (scoring-service,
 * PRODUCT.md section 4); to make these totals exact without repeating the formula here, every account of this
 * team has <i>renewal_risk 0, buying_capacity 1 and icp_fit 50</i>: retained ARR is then the whole ARR,
 * realizable whitespace the whole whitespace and the fit multiplier 1.0, so an account's potential is exactly
 * current_arr + whitespace_arr (whole dollars, exact in doubles), and a book's potential the sum of those.
 * Some of these accounts are locked, not all; capacities (70 accounts per rep) leave room to rebalance even
 * after a rep leaves.
 *
 * <p><b>The story's whale</b> lives in the first ENTERPRISE team, so its trigger does not share a scope with the
 * rep exit. It gets the same neutral inputs (potential = ARR + whitespace) and at least 0.3 × the sum of ARR +
 * whitespace of the rest of its owner's book; as no account's potential exceeds 1.5 × (ARR + whitespace), the
 * whale holds at least 1/6 of its owner's potential: over the 10% of the WHALE_CHURN trigger.
 */
public final class CrmGenerator {

    public static final String SEED_TEAM = "mm-east";
    public static final double SEED_QUOTA = 1_000_000;
    public static final int SEED_CAPACITY = 70;
    public static final int MIN_ACCOUNTS = 1_000;

    /** The seed team's books (accounts, potential): [0] the overloaded one, [1] the starved one. */
    private static final int[] SEED_BOOK_SIZES = {60, 25, 55, 52, 50, 48, 45, 44, 42, 40, 36, 32};
    private static final long[] SEED_BOOK_POTENTIALS = {4_000_000, 800_000, 3_900_000, 3_700_000, 3_600_000,
            3_500_000, 3_400_000, 3_300_000, 3_200_000, 3_000_000, 2_900_000, 2_600_000};
    /** The rep with the median book (44 accounts, $3.3M) leaves in the story. */
    private static final int EXITING_SEED_REP = 7;
    /** The deleted account is the smallest unlocked one of this seed rep's book ($3.9M, 55 accounts). */
    private static final int DELETED_ACCOUNT_SEED_REP = 2;

    private static final long DAY_MS = 86_400_000L;

    private final long seed;
    private final int accountCount;
    private final long baseTimeMs;
    private final LocalDate baseDate;
    private final CrmLayout layout;
    private final int accountIdWidth;
    private final List<CrmRep> reps;
    private final long[] seedAmounts; // per seed-team slot: current_arr + whitespace_arr in whole dollars
    private final int whaleIndex;
    private final CrmAccount whale;
    private final String deletedAccountId;
    private final AtomicLong accountsGenerated = new AtomicLong();

    public CrmGenerator(long seed, int accounts, long baseTimeMs) {
        if (accounts < MIN_ACCOUNTS) {
            throw new IllegalArgumentException("the demo CRM needs at least " + MIN_ACCOUNTS + " accounts, got " + accounts);
        }
        this.seed = seed;
        this.accountCount = accounts;
        this.baseTimeMs = baseTimeMs;
        this.baseDate = LocalDate.ofEpochDay(Math.floorDiv(baseTimeMs, DAY_MS));
        this.layout = new CrmLayout(seed, accounts, SEED_TEAM, SEED_BOOK_SIZES);
        this.accountIdWidth = Math.max(6, String.valueOf(accounts).length());
        this.reps = List.copyOf(buildReps());
        this.seedAmounts = seedAmounts();
        CrmLayout.TeamPlan whaleTeam = layout.teams().stream()
                .filter(t -> t.profile() == SegmentProfile.ENTERPRISE).findFirst().orElseThrow();
        this.whale = plantWhale(whaleTeam.firstRep());
        this.whaleIndex = indexOf(whale.accountId());
        this.deletedAccountId = smallestUnlocked(DELETED_ACCOUNT_SEED_REP).accountId();
    }

    // ---- reps ---------------------------------------------------------------------------------------------

    public List<CrmRep> reps() {
        return reps;
    }

    private List<CrmRep> buildReps() {
        int width = Math.max(4, String.valueOf(layout.repCount()).length());
        List<CrmRep> result = new ArrayList<>(layout.repCount());
        for (CrmLayout.TeamPlan team : layout.teams()) {
            int average = team.accountCount() / team.repCount();
            for (int i = 0; i < team.repCount(); i++) {
                int index = team.firstRep() + i;
                String id = "R-" + pad(index + 1, width);
                Rng rng = Rng.of(seed, Rng.REP, index);
                String name = Names.person(rng);
                if (team.profile() == null) {
                    LocalDate start = baseDate.minusDays((long) rng.between(400, 2500));
                    result.add(new CrmRep(id, name, RepStatus.ACTIVE, Motion.DUAL, Segment.MID_MARKET,
                            team.region(), team.name(), SEED_QUOTA, SEED_CAPACITY, start));
                    continue;
                }
                SegmentProfile profile = team.profile();
                boolean ramping = rng.chance(0.08);
                Motion motion = rng.pick(profile.motions, profile.motionWeights);
                double motionFactor = switch (motion) {
                    case NEW_BUSINESS -> 0.9;
                    case RENEWAL_EXPANSION -> 1.1;
                    case DUAL -> 1.0;
                };
                double quota = roundTo(profile.quota * motionFactor * rng.between(0.9, 1.1) * (ramping ? 0.5 : 1.0), 25_000);
                int book = team.bookSizes()[i];
                int capacity = (int) Math.ceil(Math.max(book * 1.2, average * 1.4));
                LocalDate start = ramping ? baseDate.minusDays((long) rng.between(10, 80))
                        : baseDate.minusDays((long) rng.between(200, 2500));
                result.add(new CrmRep(id, name, ramping ? RepStatus.RAMPING : RepStatus.ACTIVE, motion,
                        profile.segment, team.region(), team.name(), quota, capacity, start));
            }
        }
        return result;
    }

    // ---- accounts -----------------------------------------------------------------------------------------

    public int accountCount() {
        return accountCount;
    }

    /** Every account in id order, generated lazily one at a time. */
    public Stream<CrmAccount> accounts() {
        return IntStream.range(0, accountCount).mapToObj(this::account);
    }

    /** How many accounts this generator has produced so far (it holds none of them). */
    public long accountsGenerated() {
        return accountsGenerated.get();
    }

    public String accountId(int index) {
        return "A-" + pad(index + 1, accountIdWidth);
    }

    public int indexOf(String accountId) {
        int index = Integer.parseInt(accountId.substring(2)) - 1;
        if (index < 0 || index >= accountCount || !accountId(index).equals(accountId)) {
            throw new IllegalArgumentException("no account " + accountId + " in this demo CRM");
        }
        return index;
    }

    /** Account {@code index} (0-based; id A-000001 is index 0). */
    public CrmAccount account(int index) {
        accountsGenerated.incrementAndGet();
        if (index == whaleIndex && whale != null) {
            return whale;
        }
        return generated(index);
    }

    /** A rep's book at snapshot time, in id order. */
    public List<CrmAccount> book(String repId) {
        int repIndex = repIndex(repId);
        return Arrays.stream(layout.bookSlots(repIndex)).map(layout::accountIndexOf).sorted()
                .mapToObj(this::account).toList();
    }

    private CrmAccount generated(int index) {
        int slot = layout.slotOf(index);
        CrmLayout.Placement placement = layout.placement(slot);
        Rng rng = Rng.of(seed, Rng.ACCOUNT, index);
        String owner = placement.repIndex() < 0 ? null : reps.get(placement.repIndex()).repId();
        if (placement.team().profile() == null) {
            return seedTeamAccount(index, rng, owner, seedAmounts[slot]);
        }
        return account(index, rng, placement.team(), owner);
    }

    private CrmAccount account(int index, Rng rng, CrmLayout.TeamPlan team, String owner) {
        SegmentProfile profile = team.profile();
        String region = team.region();
        Geography.City city = Geography.city(region, rng);
        String name = Names.company(rng, region);
        String industry = Names.industry(rng);
        double statusDraw = rng.uniform();
        AccountStatus status = statusDraw < 0.14 ? AccountStatus.PROSPECT
                : statusDraw < 0.18 ? AccountStatus.CHURNED : AccountStatus.CUSTOMER;
        // a few whales per thousand on top of the log-normal: the Pareto-like tail of real books
        double whaleFactor = rng.chance(0.006) ? rng.between(4, 12) : 1.0;
        double arr;
        double whitespace;
        double renewalRisk;
        double propensity;
        switch (status) {
            case CUSTOMER -> {
                arr = Math.max(profile.minArr, roundTo(rng.logNormal(profile.arrMedian, profile.arrSigma) * whaleFactor, 10));
                whitespace = roundTo(arr * rng.logNormal(1.2, 0.8), 10);
                double tier = rng.uniform();
                renewalRisk = tier < 0.75 ? rng.between(0.02, 0.30) : tier < 0.94 ? rng.between(0.30, 0.60)
                        : rng.between(0.60, 0.95);
                propensity = rng.between(0.10, 0.95);
            }
            case PROSPECT -> {
                arr = 0;
                whitespace = roundTo(rng.logNormal(profile.arrMedian * 1.5, profile.arrSigma) * whaleFactor, 10);
                renewalRisk = 0;
                propensity = rng.between(0.03, 0.70);
            }
            default -> { // CHURNED: nothing contracted, some win-back whitespace
                arr = 0;
                whitespace = roundTo(rng.logNormal(profile.arrMedian * 0.6, profile.arrSigma), 10);
                renewalRisk = 1.0;
                propensity = rng.between(0.01, 0.20);
            }
        }
        double buyingCapacity = 1.0 - 0.65 * Math.pow(rng.uniform(), 1.5);
        double icpFit = Math.min(99, Math.max(5, 62 + 16 * rng.gaussian()));
        ProcurementStage stage = rng.pick(List.of(ProcurementStage.values()), profile.procurementWeights);
        boolean locked = status == AccountStatus.CUSTOMER && owner != null && rng.chance(profile.lockedShare);
        Long lastActivity = lastActivity(rng, status, locked);
        LocalDate renewal = status == AccountStatus.CUSTOMER ? baseDate.plusDays((long) rng.between(7, 365)) : null;
        return new CrmAccount(accountId(index), name, profile.segment, industry, region, city.country(),
                jitter(rng, city.lat()), jitter(rng, city.lon()), status, arr, whitespace, round(buyingCapacity, 2),
                round(renewalRisk, 2), round(icpFit, 1), round(propensity, 2), stage, owner, locked, lastActivity,
                renewal);
    }

    /** Neutral inputs (risk 0, capacity 1, fit 50): potential = current_arr + whitespace_arr, see class doc. */
    private CrmAccount seedTeamAccount(int index, Rng rng, String owner, long amount) {
        Geography.City city = Geography.city(Geography.NA_EAST, rng);
        String name = Names.company(rng, Geography.NA_EAST);
        String industry = Names.industry(rng);
        boolean prospect = rng.chance(0.10);
        double arr = prospect ? 0 : roundTo(amount * rng.between(0.25, 0.65), 10);
        double whitespace = amount - arr;
        AccountStatus status = prospect ? AccountStatus.PROSPECT : AccountStatus.CUSTOMER;
        double propensity = round(rng.between(0.10, 0.95), 2);
        ProcurementStage stage = rng.pick(List.of(ProcurementStage.values()),
                SegmentProfile.MID_MARKET.procurementWeights);
        boolean locked = !prospect && rng.chance(0.08);
        Long lastActivity = lastActivity(rng, status, locked);
        LocalDate renewal = prospect ? null : baseDate.plusDays((long) rng.between(7, 365));
        return new CrmAccount(accountId(index), name, Segment.MID_MARKET, industry, Geography.NA_EAST,
                city.country(), jitter(rng, city.lat()), jitter(rng, city.lon()), status, arr, whitespace, 1.0, 0.0,
                50.0, propensity, stage, owner, locked, lastActivity, renewal);
    }

    /** Mostly recent; some dormant past 120 days (return-to-pool alerts), some locked ones past 90 (carve-out expiry). */
    private Long lastActivity(Rng rng, AccountStatus status, boolean locked) {
        if (status == AccountStatus.PROSPECT && rng.chance(0.20)) {
            return null;
        }
        double days;
        if (locked && rng.chance(0.12)) {
            days = rng.between(91, 200);
        } else if (rng.chance(0.05)) {
            days = rng.between(121, 400);
        } else {
            days = Math.min(119, rng.exponential(status == AccountStatus.CUSTOMER ? 20 : 45));
        }
        long at = baseTimeMs - (long) (days * DAY_MS);
        return at - Math.floorMod(at, 60_000L); // whole minutes
    }

    // ---- the seed team ------------------------------------------------------------------------------------

    public SeedTeam seedTeam() {
        Map<String, SeedTeam.Book> books = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < SEED_BOOK_SIZES.length; i++) {
            String id = reps.get(i).repId();
            ids.add(id);
            books.put(id, new SeedTeam.Book(SEED_BOOK_SIZES[i], SEED_BOOK_POTENTIALS[i]));
        }
        return new SeedTeam(SEED_TEAM, Segment.MID_MARKET, Geography.NA_EAST, SEED_QUOTA, List.copyOf(ids),
                ids.get(0), ids.get(1), Map.copyOf(books));
    }

    /** Each seed book's potential split over its accounts: heavy-tailed, whole tens of dollars, at least $1,000. */
    private long[] seedAmounts() {
        long[] amounts = new long[Arrays.stream(SEED_BOOK_SIZES).sum()];
        int slot = 0;
        for (int book = 0; book < SEED_BOOK_SIZES.length; book++) {
            Rng rng = Rng.of(seed, Rng.SEED_BOOK, book);
            int size = SEED_BOOK_SIZES[book];
            int[] weights = new int[size];
            for (int i = 0; i < size; i++) {
                weights[i] = (int) Math.round(rng.logNormal(1000, 0.9));
            }
            int floorTens = 100;
            int freeTens = (int) (SEED_BOOK_POTENTIALS[book] / 10) - size * floorTens;
            int[] shares = CrmLayout.splitProportionally(freeTens, weights);
            for (int i = 0; i < size; i++) {
                amounts[slot++] = (floorTens + shares[i]) * 10L;
            }
        }
        return amounts;
    }

    // ---- the story ----------------------------------------------------------------------------------------

    public Story story() {
        return new Story(reps.get(EXITING_SEED_REP).repId(), whale.accountId(), whale.ownerRepId(),
                repTeam(whale.ownerRepId()), deletedAccountId, WeightsVersion.defaults(baseTimeMs),
                WeightsVersion.icpShift(baseTimeMs + 3 * DAY_MS));
    }

    public CrmRep rep(String repId) {
        return reps.get(repIndex(repId));
    }

    private String repTeam(String repId) {
        return rep(repId).team();
    }

    private int repIndex(String repId) {
        for (int i = 0; i < reps.size(); i++) {
            if (reps.get(i).repId().equals(repId)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no rep " + repId + " in this demo CRM");
    }

    /** See the class doc: the owner's biggest customer, raised to at least 0.3 × the rest of the book. */
    private CrmAccount plantWhale(int ownerRepIndex) {
        List<CrmAccount> book = Arrays.stream(layout.bookSlots(ownerRepIndex)).map(layout::accountIndexOf).sorted()
                .mapToObj(this::generated).toList();
        CrmAccount biggest = book.stream()
                .max(Comparator.comparingDouble(CrmAccount::currentArr)
                        .thenComparingDouble(CrmAccount::whitespaceArr))
                .orElseThrow();
        double rest = book.stream().filter(a -> a != biggest).mapToDouble(a -> a.currentArr() + a.whitespaceArr()).sum();
        double natural = biggest.currentArr() + biggest.whitespaceArr();
        double total = Math.max(natural, Math.ceil(0.3 * rest / 10) * 10);
        double arrShare = natural > 0 && biggest.currentArr() > 0 ? biggest.currentArr() / natural : 0.4;
        double arr = roundTo(total * arrShare, 10);
        return new CrmAccount(biggest.accountId(), biggest.name(), biggest.segment(), biggest.industry(),
                biggest.region(), biggest.country(), biggest.lat(), biggest.lon(), AccountStatus.CUSTOMER, arr,
                total - arr, 1.0, 0.0, 50.0, 0.7, biggest.procurementStage(), biggest.ownerRepId(), false,
                biggest.lastActivityAt() == null ? baseTimeMs - 3 * DAY_MS : biggest.lastActivityAt(),
                biggest.renewalDate() == null ? baseDate.plusDays(120) : biggest.renewalDate());
    }

    private CrmAccount smallestUnlocked(int seedRepIndex) {
        return Arrays.stream(layout.bookSlots(seedRepIndex)).map(layout::accountIndexOf).sorted()
                .mapToObj(this::generated)
                .filter(a -> !a.locked())
                .min(Comparator.comparingDouble((CrmAccount a) -> a.currentArr() + a.whitespaceArr())
                        .thenComparing(CrmAccount::accountId))
                .orElseThrow();
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static String pad(int number, int width) {
        String digits = Integer.toString(number);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    private static double jitter(Rng rng, double degrees) {
        return round(degrees + rng.between(-0.15, 0.15), 4);
    }

    static double round(double value, int decimals) {
        double factor = StrictMath.pow(10, decimals);
        return Math.round(value * factor) / factor;
    }

    static double roundTo(double value, double step) {
        return Math.round(value / step) * step;
    }
}
