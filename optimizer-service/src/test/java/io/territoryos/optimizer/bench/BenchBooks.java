package io.territoryos.optimizer.bench;

import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.RebalanceOptions;
import io.territoryos.optimizer.domain.RebalanceProblem;
import io.territoryos.optimizer.domain.Rep;
import io.territoryos.optimizer.domain.RepStatus;
import io.territoryos.optimizer.domain.TeamPolicy;
import io.territoryos.optimizer.domain.Tier;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Books of the optimizer benchmark beyond {@link BookGenerator}'s single-pool ones: several pools whose potential is
 * not their quota share (where targets from the whole scope went wrong), skewed quotas, and teams regional and not
 * side by side. Deterministic for a seed.
 */
final class BenchBooks {

    private static final List<String> REGIONS = List.of("NA-EAST", "NA-WEST", "EMEA");

    /**
     * 1,200 accounts: an SMB team that is regional over NA-EAST and EMEA (3 + 3 reps, so two pools) and a
     * MID_MARKET team over all three regions that is not (6 reps, one pool); the pools hold 0.8x to 1.3x their
     * quota share of the potential.
     */
    static RebalanceProblem multiPool(RebalanceOptions options) {
        Random random = new Random(41);
        List<Rep> reps = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            reps.add(new Rep("S" + (i + 1), "SMB rep " + (i + 1), "smb", "SMB", i < 3 ? "NA-EAST" : "EMEA",
                    RepStatus.ACTIVE, quota(random, 0.15), 160));
            reps.add(new Rep("M" + (i + 1), "Mid-market rep " + (i + 1), "mm", "MID_MARKET", REGIONS.get(i % 3),
                    RepStatus.ACTIVE, quota(random, 0.15), 160));
        }
        List<Account> accounts = new ArrayList<>();
        for (int a = 0; a < 1_200; a++) {
            boolean smb = a % 2 == 0;
            int owner = random.nextInt(6);
            // uneven books: the first rep of each group holds about twice the others
            if (random.nextDouble() < 0.25) {
                owner = smb ? (owner < 3 ? 0 : 3) : 0;
            }
            Rep rep = reps.get(2 * owner + (smb ? 0 : 1));
            String region = smb ? rep.region() : REGIONS.get(random.nextInt(3));
            double scale = smb ? (rep.region().equals("EMEA") ? 1.3 : 0.8) : 1.0;
            accounts.add(account(random, "A" + (a + 1), smb ? "SMB" : "MID_MARKET", region, scale,
                    random.nextDouble() < 0.01 ? null : rep.id()));
        }
        Map<String, TeamPolicy> policies = Map.of("smb", TeamPolicy.defaults("smb").withRegional(true),
                "mm", TeamPolicy.defaults("mm"));
        return new RebalanceProblem(accounts, reps, options, policies, List.of());
    }

    /** A book where quotas differ widely (sigma 0.6): targets follow quota, not an equal share. */
    static RebalanceProblem quotaSkewed(RebalanceOptions options) {
        RebalanceProblem base = BookGenerator.seed003().withCapacitySlack(2.0).problem(options);
        Random random = new Random(7);
        List<Rep> reps = base.reps().stream().map(rep -> rep.withQuota(Math.round(rep.quota()
                * Math.exp(0.6 * random.nextGaussian())))).toList();
        return base.withReps(reps);
    }

    /**
     * {@link BookGenerator}'s book with reps spread over three regions and every other team regional: a regional
     * rep's accounts are in their region, the other accounts anywhere.
     */
    static RebalanceProblem mixedRegional(BookGenerator generator, RebalanceOptions options) {
        RebalanceProblem base = generator.problem(options);
        Random random = new Random(generator.seed());
        Map<String, TeamPolicy> policies = new HashMap<>();
        Map<String, Rep> byId = new HashMap<>();
        List<Rep> reps = new ArrayList<>();
        for (Rep rep : base.reps()) {
            int team = Integer.parseInt(rep.team().substring(1));
            Rep placed = new Rep(rep.id(), rep.name(), rep.team(), rep.segment(), REGIONS.get(random.nextInt(3)),
                    rep.status(), rep.quota(), rep.capacityAccounts());
            reps.add(placed);
            byId.put(placed.id(), placed);
            policies.put(rep.team(), TeamPolicy.defaults(rep.team()).withRegional(team % 2 == 0));
        }
        List<Account> accounts = base.accounts().stream().map(account -> {
            Rep owner = account.ownerRepId() == null ? null : byId.get(account.ownerRepId());
            boolean regionalOwner = owner != null && policies.get(owner.team()).regional();
            String region = regionalOwner ? owner.region() : REGIONS.get(random.nextInt(3));
            return new Account(account.id(), account.name(), account.segment(), region, account.potential(),
                    account.arr(), account.tier(), account.ownerRepId(), account.locked());
        }).toList();
        return new RebalanceProblem(accounts, reps, options, policies, List.of());
    }

    private static double quota(Random random, double sigma) {
        return Math.round(1_000_000 * Math.exp(sigma * random.nextGaussian()));
    }

    private static Account account(Random random, String id, String segment, String region, double scale,
                                   String owner) {
        double potential = Math.round(60_000 * scale * Math.exp(1.1 * random.nextGaussian()));
        boolean highPotential = potential > 90_000;
        boolean highPropensity = random.nextDouble() < 0.5;
        Tier tier = highPotential ? (highPropensity ? Tier.TIER_1 : Tier.DEVELOP)
                : (highPropensity ? Tier.QUICK_WIN : Tier.DEPRIORITIZE);
        return new Account(id, id, segment, region, potential, potential / 3, tier, owner,
                owner != null && random.nextDouble() < 0.05);
    }

    private BenchBooks() {
    }
}
