package io.territoryos.optimizer.solver;

import io.territoryos.contracts.balance.Balance;
import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.RebalanceOptions;
import io.territoryos.optimizer.domain.RebalanceProblem;
import io.territoryos.optimizer.domain.Rep;
import io.territoryos.optimizer.domain.TeamPolicy;
import io.territoryos.optimizer.domain.Tier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A rebalance scope compiled to arrays: active reps and accounts by index, potentials scaled to integers, targets,
 * move costs, candidate reps per account and the move budget. The greedy, the CP-SAT model and the neighbourhood
 * search all work on this view; a neighbourhood is another view over a few reps that keeps the parent's targets,
 * bands and costs, so that its objective moves exactly as the parent's does.
 */
final class IndexedProblem {

    /** A mean target is this many integer units: a resolution of 0.001% of a target, small enough for CP-SAT. */
    static final long UNITS_PER_MEAN_TARGET = 100_000;

    static final int NO_REP = -1;

    /**
     * The deviation penalty is |e| plus steeper slopes beyond 1% and 5% of the rep's target: a convex stand-in for
     * the squared deviation behind CV. Pure |e| is indifferent between one rep 10% off and ten reps 1% off; CV and
     * max deviation are not, and neither is a rep. It also lets a neighbourhood spread an excess over reps that
     * are on target, where |e| alone sees no gain.
     */
    static final double INNER_BAND = 0.01;
    static final double OUTER_BAND = 0.05;
    static final long INNER_EXTRA_SLOPE = 3;
    static final long OUTER_EXTRA_SLOPE = 6;

    final Account[] accounts;
    final Rep[] reps;
    /** Index of this view's account/rep in the view it was cut from (identity for a root view). */
    final int[] parentAccount;
    final int[] parentRep;

    final long[] potential;
    final long[] moveCost;
    /** Active owner's index, or NO_REP for orphans of an inactive/unknown rep and unassigned accounts. */
    final int[] owner;
    /** Locked with an active owner: the only case where a lock can be honoured. */
    final boolean[] locked;
    /** Reps an account may end with: compatible active reps, plus its active owner (staying is always allowed). */
    final int[][] candidates;

    final long[] target;
    /** Each rep's target in the root scope: what relative deviations are relative to. */
    private final long[] rootTarget;
    /** |e| beyond these (per rep, from the root target) costs {@link #INNER_EXTRA_SLOPE}/{@link #OUTER_EXTRA_SLOPE} more. */
    final long[] innerBand;
    final long[] outerBand;
    final int[] capacity;
    final int movableCount;
    final int maxMoves;
    /** Least-disruption cost of moving each account (see {@link #disruptionWeights}). */
    final long[] disruption;
    /** Of which: what any one move costs (the first lexicographic level). */
    long moveWeight;

    /** Optional secondary balance (null when off): ARR in its own units and account counts, lower/upper bounds. */
    final long[] arr;
    final long[] arrLow;
    final long[] arrHigh;
    final int[] countLow;
    final int[] countHigh;

    /**
     * Optional (null when off): the most |load − target| each rep may end with, in units. A neighbourhood of the
     * search gets it so that saving moves never pushes a rep out of the balance tolerance; the root has none.
     */
    final long[] deviationCap;

    /**
     * The largest relative deviation of the reps outside this view (a neighbourhood), in
     * {@link #relativeDeviation} units; 0 for the root. The max-deviation term of the objective is over the whole
     * scope, so a neighbourhood weighs max(floor, its own reps' largest): exactly the change of the root's term.
     */
    final long maxDeviationFloor;

    /** Currency per potential unit. */
    final double unit;
    final RebalanceOptions options;
    /** Balanced enough, per rep: within this fraction of their target (their team's policy). */
    final double[] tolerance;

    // Set on the root view only (a neighbourhood leaves them null):
    /** Accounts a policy keeps with their owner (an ON_LEAVE rep's book): not solved, reported unchanged. */
    List<Account> heldOut = List.of();
    /** The account's active owner is not compatible with it (a segment or region it no longer fits). */
    boolean[] ownerIncompatible;
    /** Compatibility pools (rep indices) and each rep's pool. */
    List<int[]> pools;
    int[] poolOf;

    private IndexedProblem(Account[] accounts, Rep[] reps, int[] parentAccount, int[] parentRep, long[] potential,
                           long[] moveCost, int[] owner, boolean[] locked, int[][] candidates, long[] target,
                           long[] rootTarget, long[] innerBand, long[] outerBand,
                           int[] capacity, int maxMoves, long[] arr, long[] arrLow, long[] arrHigh, int[] countLow,
                           int[] countHigh, long[] deviationCap, long maxDeviationFloor, double unit,
                           RebalanceOptions options, double[] tolerance) {
        this.tolerance = tolerance;
        this.accounts = accounts;
        this.reps = reps;
        this.parentAccount = parentAccount;
        this.parentRep = parentRep;
        this.potential = potential;
        this.moveCost = moveCost;
        this.owner = owner;
        this.locked = locked;
        this.candidates = candidates;
        this.target = target;
        this.rootTarget = rootTarget;
        this.innerBand = innerBand;
        this.outerBand = outerBand;
        this.capacity = capacity;
        this.maxMoves = maxMoves;
        this.arr = arr;
        this.arrLow = arrLow;
        this.arrHigh = arrHigh;
        this.countLow = countLow;
        this.countHigh = countHigh;
        this.deviationCap = deviationCap;
        this.maxDeviationFloor = maxDeviationFloor;
        this.unit = unit;
        this.options = options;
        int movable = 0;
        for (int a = 0; a < accounts.length; a++) {
            if (isMovable(a)) {
                movable++;
            }
        }
        this.movableCount = movable;
        this.disruption = disruptionWeights();
    }

    /**
     * What a budgeted move of each account costs in the least-disruption stage, lexicographically: any move costs
     * more than every TIER_1 difference the budget allows, a TIER_1 move more than every lower difference, and the
     * last level ranks DEVELOP before QUICK_WIN before DEPRIORITIZE and then the potential moved (tier × 10 + the
     * account's potential decile of the largest movable one), so that level orders by tier first but is a weighted
     * sum, not a strict order, within it. Zero for accounts whose move costs no budget.
     */
    private long[] disruptionWeights() {
        long maxPotential = 1;
        for (int a = 0; a < accounts.length; a++) {
            if (isMovable(a)) {
                maxPotential = Math.max(maxPotential, potential[a]);
            }
        }
        long moves = Math.max(1, Math.min(maxMoves, movableCount)) + 1L;
        long minorMax = 39;
        long tierWeight = moves * minorMax + 1;
        long moveWeight = moves * (tierWeight + minorMax) + 1;
        this.moveWeight = moveWeight;
        long[] weights = new long[accounts.length];
        for (int a = 0; a < accounts.length; a++) {
            if (!isMovable(a)) {
                continue;
            }
            Tier tier = accounts[a].tier();
            long rank = switch (tier) {
                case TIER_1, DEVELOP -> 3;
                case QUICK_WIN -> 2;
                case DEPRIORITIZE -> 1;
            };
            long decile = Math.min(9, potential[a] * 10 / maxPotential);
            weights[a] = moveWeight + (tier == Tier.TIER_1 ? tierWeight : 0) + (tier == Tier.TIER_1 ? 0 : rank * 10)
                    + decile;
        }
        return weights;
    }

    /**
     * The least-disruption cost of an assignment: Σ {@link #disruption} over the budgeted moves, plus a move's
     * cost per unit any rep ends beyond their tolerance (the tolerance comes first).
     */
    long disruptionCost(int[] assignment) {
        long total = 0;
        long[] load = loads(assignment);
        if (load == null) {
            return Long.MAX_VALUE;
        }
        for (int r = 0; r < reps.length; r++) {
            total += moveWeight * Math.max(0, Math.abs(load[r] - target[r]) - toleranceUnits(r));
        }
        for (int a = 0; a < accounts.length; a++) {
            if (isMovable(a) && assignment[a] != owner[a]) {
                total += disruption[a];
            }
        }
        return total;
    }

    static IndexedProblem of(RebalanceProblem problem) {
        RebalanceOptions options = problem.options();
        Map<String, Rep> everyRep = new HashMap<>();
        problem.reps().forEach(rep -> everyRep.put(rep.id(), rep));
        List<Rep> activeReps = problem.reps().stream().filter(Rep::active).toList();
        Rep[] reps = activeReps.toArray(new Rep[0]);
        // Books a policy keeps out of the rebalance (an ON_LEAVE rep's, by default) are not solved at all.
        List<Account> solved = new ArrayList<>();
        List<Account> heldOut = new ArrayList<>();
        for (Account account : problem.accounts()) {
            Rep owner = account.ownerRepId() == null ? null : everyRep.get(account.ownerRepId());
            (owner != null && problem.policyOf(owner).keepsOnLeave(owner, account) ? heldOut : solved).add(account);
        }
        Account[] accounts = solved.toArray(new Account[0]);
        int n = accounts.length;
        int m = reps.length;

        Map<String, Integer> repIndex = new HashMap<>();
        boolean[] regionalRep = new boolean[m];
        double[] tolerance = new double[m];
        for (int r = 0; r < m; r++) {
            repIndex.put(reps[r].id(), r);
            TeamPolicy policy = problem.policyOf(reps[r]);
            regionalRep[r] = policy.regional();
            tolerance[r] = policy.balanceTolerance();
        }
        // Accounts of one market (segment, region) share one candidate array: the reps of the segment whose team
        // is not regional, and the reps of the segment and region whose team is.
        Map<String, int[]> sharedCandidates = new HashMap<>();
        double potentialTotal = 0;
        for (Account account : accounts) {
            potentialTotal += account.potential();
        }
        double meanTarget = m == 0 ? 0 : potentialTotal / m;
        double unit = meanTarget > 0 ? meanTarget / UNITS_PER_MEAN_TARGET : 1.0;

        long[] potential = new long[n];
        long[] moveCost = new long[n];
        int[] owner = new int[n];
        boolean[] locked = new boolean[n];
        boolean[] ownerIncompatible = new boolean[n];
        int[][] candidates = new int[n][];
        double costOfLeastMove = options.moveCostFraction() * UNITS_PER_MEAN_TARGET;
        for (int a = 0; a < n; a++) {
            Account account = accounts[a];
            potential[a] = Math.round(account.potential() / unit);
            Integer ownerIndex = account.ownerRepId() == null ? null : repIndex.get(account.ownerRepId());
            owner[a] = ownerIndex == null ? NO_REP : ownerIndex;
            locked[a] = account.locked() && owner[a] != NO_REP;
            moveCost[a] = owner[a] != NO_REP && !locked[a]
                    ? Math.round(costOfLeastMove * account.tier().relativeMoveCost()) : 0;
            int[] compatible = sharedCandidates.computeIfAbsent(market(account.segment(), account.region()),
                    k -> compatibleReps(reps, regionalRep, account.segment(), account.region()));
            if (locked[a]) {
                candidates[a] = new int[] {owner[a]};
            } else if (owner[a] == NO_REP || contains(compatible, owner[a])) {
                candidates[a] = compatible;
            } else {
                ownerIncompatible[a] = true;
                candidates[a] = withOwner(compatible, owner[a]);
            }
        }

        // Targets per pool: each rep's quota share of the potential that only its pool can hold.
        List<int[]> pools = CompatibilityPools.of(m, candidates);
        int[] poolOf = new int[m];
        for (int i = 0; i < pools.size(); i++) {
            for (int r : pools.get(i)) {
                poolOf[r] = i;
            }
        }
        long[] poolUnits = new long[pools.size()];
        long[] poolAccounts = new long[pools.size()];
        for (int a = 0; a < n; a++) {
            if (candidates[a].length > 0) {
                poolUnits[poolOf[candidates[a][0]]] += potential[a];
                poolAccounts[poolOf[candidates[a][0]]]++;
            }
        }
        double[] poolQuota = new double[pools.size()];
        for (int r = 0; r < m; r++) {
            poolQuota[poolOf[r]] += reps[r].quota();
        }
        long[] target = new long[m];
        long[] innerBand = new long[m];
        long[] outerBand = new long[m];
        int[] capacity = new int[m];
        for (int r = 0; r < m; r++) {
            int pool = poolOf[r];
            target[r] = Math.round(share(poolUnits[pool], reps[r].quota(), poolQuota[pool], pools.get(pool).length));
            innerBand[r] = Math.round(Math.min(tolerance[r], OUTER_BAND) * target[r]);
            outerBand[r] = Math.round(OUTER_BAND * target[r]);
            capacity[r] = reps[r].capacityAccounts();
        }
        int movable = 0;
        for (int a = 0; a < n; a++) {
            if (owner[a] != NO_REP && !locked[a]) {
                movable++;
            }
        }
        int maxMoves = (int) Math.floor(options.maxMoveFraction() * movable + 1e-9);

        long[] arr = null;
        long[] arrLow = null;
        long[] arrHigh = null;
        if (options.arrTolerance() != null) {
            double arrTotal = Arrays.stream(accounts).mapToDouble(Account::arr).sum();
            double arrUnit = arrTotal > 0 && m > 0 ? arrTotal / m / UNITS_PER_MEAN_TARGET : 1.0;
            arr = new long[n];
            long[] poolArr = new long[pools.size()];
            for (int a = 0; a < n; a++) {
                arr[a] = Math.round(accounts[a].arr() / arrUnit);
                if (candidates[a].length > 0) {
                    poolArr[poolOf[candidates[a][0]]] += arr[a];
                }
            }
            arrLow = new long[m];
            arrHigh = new long[m];
            for (int r = 0; r < m; r++) {
                int pool = poolOf[r];
                double share = share(poolArr[pool], reps[r].quota(), poolQuota[pool], pools.get(pool).length);
                arrLow[r] = (long) Math.floor(share * (1 - options.arrTolerance()));
                arrHigh[r] = (long) Math.ceil(share * (1 + options.arrTolerance()));
            }
        }
        int[] countLow = null;
        int[] countHigh = null;
        if (options.accountCountTolerance() != null) {
            countLow = new int[m];
            countHigh = new int[m];
            for (int r = 0; r < m; r++) {
                int pool = poolOf[r];
                double share = share(poolAccounts[pool], reps[r].quota(), poolQuota[pool], pools.get(pool).length);
                countLow[r] = (int) Math.floor(share * (1 - options.accountCountTolerance()));
                countHigh[r] = (int) Math.ceil(share * (1 + options.accountCountTolerance()));
            }
        }
        int[] identityAccounts = new int[n];
        Arrays.setAll(identityAccounts, i -> i);
        int[] identityReps = new int[m];
        Arrays.setAll(identityReps, i -> i);
        IndexedProblem root = new IndexedProblem(accounts, reps, identityAccounts, identityReps, potential, moveCost,
                owner, locked, candidates, target, target, innerBand, outerBand, capacity, maxMoves, arr, arrLow,
                arrHigh, countLow, countHigh, null, 0, unit, options, tolerance);
        root.heldOut = List.copyOf(heldOut);
        root.ownerIncompatible = ownerIncompatible;
        root.pools = pools;
        root.poolOf = poolOf;
        return root;
    }

    /** Sorted indices of the reps an account of this market may go to, under each rep's team policy. */
    private static int[] compatibleReps(Rep[] reps, boolean[] regionalRep, String segment, String region) {
        List<Integer> compatible = new ArrayList<>();
        for (int r = 0; r < reps.length; r++) {
            if (Objects.equals(reps[r].segment(), segment)
                    && (!regionalRep[r] || Objects.equals(reps[r].region(), region))) {
                compatible.add(r);
            }
        }
        return compatible.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The sub-problem over these reps and the accounts they hold, with its own move budget. Targets, costs and
     * units stay the parent's, so improving a sub-problem improves the parent by as much. An account whose owner
     * is outside the reps has already moved: inside the sub-problem it is free (its move cost is sunk and it can
     * not go home from here).
     */
    IndexedProblem subset(int[] repIndices, int[] accountIndices, int budget) {
        return subset(repIndices, accountIndices, budget, null, null, null);
    }

    /**
     * As {@link #subset(int[], int[], int)}, with some of the reps' accounts held fixed: their potential, count and
     * ARR per rep are folded into the sub-problem's targets, capacities and bounds, so |load − target| is unchanged.
     */
    IndexedProblem subset(int[] repIndices, int[] accountIndices, int budget, long[] fixedLoad, int[] fixedCount,
                          long[] fixedArr) {
        int[] localRep = new int[reps.length];
        Arrays.fill(localRep, NO_REP);
        for (int i = 0; i < repIndices.length; i++) {
            localRep[repIndices[i]] = i;
        }
        int n = accountIndices.length;
        int m = repIndices.length;
        Account[] subAccounts = new Account[n];
        int[] subRootAccount = new int[n];
        long[] subPotential = new long[n];
        long[] subCost = new long[n];
        int[] subOwner = new int[n];
        boolean[] subLocked = new boolean[n];
        int[][] subCandidates = new int[n][];
        long[] subArr = arr == null ? null : new long[n];
        Map<int[], int[]> remapped = new java.util.IdentityHashMap<>();
        for (int i = 0; i < n; i++) {
            int a = accountIndices[i];
            subAccounts[i] = accounts[a];
            subRootAccount[i] = a;
            subPotential[i] = potential[a];
            subCost[i] = moveCost[a];
            subOwner[i] = owner[a] == NO_REP ? NO_REP : localRep[owner[a]];
            if (subOwner[i] == NO_REP) {
                subCost[i] = 0;
            }
            subLocked[i] = locked[a] && subOwner[i] != NO_REP;
            subCandidates[i] = remapped.computeIfAbsent(candidates[a], c -> Arrays.stream(c)
                    .map(r -> localRep[r]).filter(r -> r != NO_REP).sorted().toArray());
            if (subArr != null) {
                subArr[i] = arr[a];
            }
        }
        int[] subRootRep = new int[m];
        Rep[] subReps = new Rep[m];
        for (int i = 0; i < m; i++) {
            subRootRep[i] = repIndices[i];
            subReps[i] = reps[repIndices[i]];
        }
        long[] subTarget = pick(target, repIndices);
        int[] subCapacity = pick(capacity, repIndices);
        long[] subArrLow = arrLow == null ? null : pick(arrLow, repIndices);
        long[] subArrHigh = arrHigh == null ? null : pick(arrHigh, repIndices);
        int[] subCountLow = countLow == null ? null : pick(countLow, repIndices);
        int[] subCountHigh = countHigh == null ? null : pick(countHigh, repIndices);
        for (int i = 0; i < m; i++) {
            if (fixedLoad != null) {
                subTarget[i] -= fixedLoad[i];
            }
            if (fixedCount != null) {
                subCapacity[i] = (int) Math.max(0, Math.min(Integer.MAX_VALUE, (long) subCapacity[i] - fixedCount[i]));
                if (subCountLow != null) {
                    subCountLow[i] -= fixedCount[i];
                    subCountHigh[i] -= fixedCount[i];
                }
            }
            if (fixedArr != null && subArrLow != null) {
                subArrLow[i] -= fixedArr[i];
                subArrHigh[i] -= fixedArr[i];
            }
        }
        return new IndexedProblem(subAccounts, subReps, subRootAccount, subRootRep, subPotential, subCost, subOwner,
                subLocked, subCandidates, subTarget, pick(rootTarget, repIndices), pick(innerBand, repIndices),
                pick(outerBand, repIndices), subCapacity, budget, subArr, subArrLow, subArrHigh, subCountLow, subCountHigh, null, 0, unit, options,
                pickDouble(tolerance, repIndices));
    }

    /** This view with each rep's |load − target| capped at {@code cap} (units, by this view's rep index). */
    IndexedProblem withDeviationCap(long[] cap) {
        return new IndexedProblem(accounts, reps, parentAccount, parentRep, potential, moveCost, owner, locked,
                candidates, target, rootTarget, innerBand, outerBand, capacity, maxMoves, arr, arrLow, arrHigh, countLow,
                countHigh, cap, maxDeviationFloor, unit, options, tolerance);
    }

    /** This view with the reps outside it as far as {@code floor} from target (relative units, see the field). */
    IndexedProblem withMaxDeviationFloor(long floor) {
        return new IndexedProblem(accounts, reps, parentAccount, parentRep, potential, moveCost, owner, locked,
                candidates, target, rootTarget, innerBand, outerBand, capacity, maxMoves, arr, arrLow, arrHigh, countLow,
                countHigh, deviationCap, floor, unit, options, tolerance);
    }

    int accountCount() {
        return accounts.length;
    }

    int repCount() {
        return reps.length;
    }

    /** Owned by an active rep and not locked: the accounts the disruption budget is a fraction of. */
    boolean isMovable(int a) {
        return owner[a] != NO_REP && !locked[a];
    }

    long candidatePairs() {
        long pairs = 0;
        for (int[] c : candidates) {
            pairs += c.length;
        }
        return pairs;
    }

    /**
     * Σ_r deviationCost(r) + weight × the largest relative deviation + Σ move costs, in units; Long.MAX_VALUE when
     * an account is unplaced.
     */
    long objective(int[] assignment) {
        long total = deviationPenalty(assignment);
        if (total == Long.MAX_VALUE) {
            return total;
        }
        total += maxDeviationWeight() * maxRelativeDeviation(loads(assignment));
        for (int a = 0; a < accounts.length; a++) {
            if (isMovable(a) && assignment[a] != owner[a]) {
                total += moveCost[a];
            }
        }
        return total;
    }

    /** The balance part of the objective, Σ_r deviationCost(r); Long.MAX_VALUE when an account is unplaced. */
    long deviationPenalty(int[] assignment) {
        long[] load = loads(assignment);
        if (load == null) {
            return Long.MAX_VALUE;
        }
        long total = 0;
        for (int r = 0; r < reps.length; r++) {
            total += deviationCost(r, load[r] - target[r]);
        }
        return total;
    }

    /** Penalty of rep r being {@code excess} units away from target: |e| with steeper slopes past the bands. */
    long deviationCost(int r, long excess) {
        long e = Math.abs(excess);
        return e + INNER_EXTRA_SLOPE * Math.max(0, e - innerBand[r]) + OUTER_EXTRA_SLOPE * Math.max(0, e - outerBand[r]);
    }

    /**
     * |excess| relative to rep r's target, rounded up, in units of {@link #UNITS_PER_MEAN_TARGET} per 100%: a rep
     * 1% off counts 1,000 whatever its target, as a 1% deviation of an average rep does in the Σ term. Reps without
     * a target (no quota) count 0, as {@code Balance.maxDeviation} skips them.
     */
    long relativeDeviation(int r, long excess) {
        long t = rootTarget(r);
        if (t <= 0) {
            return 0;
        }
        long e = Math.abs(excess);
        return (e * UNITS_PER_MEAN_TARGET + t - 1) / t;
    }

    /** max(floor, largest relativeDeviation over this view's reps) for these loads. */
    long maxRelativeDeviation(long[] load) {
        long max = maxDeviationFloor;
        for (int r = 0; r < reps.length; r++) {
            max = Math.max(max, relativeDeviation(r, load[r] - target[r]));
        }
        return max;
    }

    /** Objective weight (units per relative unit) of the largest relative deviation; 0 when the term is off. */
    long maxDeviationWeight() {
        return options.maxDeviationWeight();
    }

    /** The rep's own target (a neighbourhood's {@link #target} has the fixed accounts folded into it). */
    long rootTarget(int r) {
        return rootTarget[r];
    }

    long[] loads(int[] assignment) {
        long[] load = new long[reps.length];
        for (int a = 0; a < accounts.length; a++) {
            if (assignment[a] == NO_REP) {
                return null;
            }
            load[assignment[a]] += potential[a];
        }
        return load;
    }

    /** Budgeted moves of an assignment: movable accounts that left their owner. */
    int budgetedMoves(int[] assignment) {
        int moves = 0;
        for (int a = 0; a < accounts.length; a++) {
            if (isMovable(a) && assignment[a] != owner[a]) {
                moves++;
            }
        }
        return moves;
    }

    /** Whether an assignment satisfies every hard constraint of this view (the checker for tests and fallbacks). */
    boolean satisfiesConstraints(int[] assignment) {
        int[] count = new int[reps.length];
        for (int a = 0; a < accounts.length; a++) {
            int r = assignment[a];
            if (r == NO_REP || !contains(candidates[a], r)) {
                return false;
            }
            count[r]++;
        }
        for (int r = 0; r < reps.length; r++) {
            if (count[r] > capacity[r]) {
                return false;
            }
        }
        return budgetedMoves(assignment) <= maxMoves;
    }

    /** Whether the optional ARR and account-count tolerances hold (true when they are off). */
    boolean satisfiesTolerances(int[] assignment) {
        if (arr == null && countLow == null) {
            return true;
        }
        long[] arrLoad = new long[reps.length];
        int[] count = new int[reps.length];
        for (int a = 0; a < accounts.length; a++) {
            if (assignment[a] == NO_REP) {
                return false;
            }
            count[assignment[a]]++;
            if (arr != null) {
                arrLoad[assignment[a]] += arr[a];
            }
        }
        for (int r = 0; r < reps.length; r++) {
            if (arr != null && (arrLoad[r] < arrLow[r] || arrLoad[r] > arrHigh[r])) {
                return false;
            }
            if (countLow != null && (count[r] < countLow[r] || count[r] > countHigh[r])) {
                return false;
            }
        }
        return true;
    }

    /** An account's market, segment/region: what compatibility and NEW_MARKET are decided on. */
    static String market(String segment, String region) {
        return segment + '/' + Objects.requireNonNullElse(region, "");
    }

    String market(int a) {
        return market(accounts[a].segment(), accounts[a].region());
    }

    /**
     * Within the rep's tolerance of target, in units (at least one unit, the model's resolution), less 3% of it:
     * potentials are rounded to units, and a book of a few hundred accounts can add up a few dozen units of
     * rounding, which must not push a rep that is within the tolerance in units outside it in currency.
     */
    long toleranceUnits(int r) {
        return Math.max(1, (long) Math.floor(TOLERANCE_MARGIN * tolerance[r] * rootTarget[r]));
    }

    static final double TOLERANCE_MARGIN = 0.97;

    /** Every rep within their tolerance of target under these loads. */
    boolean withinTolerance(long[] load) {
        for (int r = 0; r < reps.length; r++) {
            if (Math.abs(load[r] - target[r]) > toleranceUnits(r)) {
                return false;
            }
        }
        return true;
    }

    static boolean contains(int[] sorted, int value) {
        return Arrays.binarySearch(sorted, value) >= 0;
    }

    private static double share(double total, double quota, double quotaTotal, int reps) {
        if (quotaTotal > 0) {
            return Balance.quotaProportionalTarget(total, quota, quotaTotal);
        }
        // No quota anywhere: equal shares are the only target that treats reps alike.
        return reps == 0 ? 0 : total / reps;
    }

    private static int[] withOwner(int[] compatible, int owner) {
        int[] result = Arrays.copyOf(compatible, compatible.length + 1);
        result[compatible.length] = owner;
        Arrays.sort(result);
        return result;
    }

    private static long[] pick(long[] values, int[] indices) {
        long[] result = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            result[i] = values[indices[i]];
        }
        return result;
    }

    private static double[] pickDouble(double[] values, int[] indices) {
        double[] result = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            result[i] = values[indices[i]];
        }
        return result;
    }

    private static int[] pick(int[] values, int[] indices) {
        int[] result = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            result[i] = values[indices[i]];
        }
        return result;
    }
}
