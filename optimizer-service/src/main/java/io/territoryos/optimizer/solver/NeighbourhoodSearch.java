package io.territoryos.optimizer.solver;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Large-neighbourhood search with CP-SAT as the neighbourhood solver. A neighbourhood is a small group of reps of
 * one compatibility pool: first pairs (the reps outside the balance tolerance, the most over-target with the most
 * under-target; then the reps between whom accounts moved; then the rest), then larger mixed groups when no pair
 * improves. The group's books are re-solved by the same model as the full problem (swaps included, the rest of
 * the scope fixed, a share of the spare budget, no rep pushed out of the tolerance or further out than it is) and
 * the answer is kept when it lowers the objective. Groups in flight never share a rep, so they are independent and
 * their gains add up; each worker takes the next group as soon as it is free. This is what makes 100,000 accounts
 * × 500 reps tractable: no model holds more than a few reps' books. Once every rep is within the tolerance and a
 * round finds nothing better, the search ends instead of waiting for its deadline.
 */
final class NeighbourhoodSearch {

    /**
     * How long to search and how hard on each neighbourhood.
     *
     * @param solveDeterministicSeconds CP-SAT deterministic limit per neighbourhood (reproducible, load-independent)
     * @param freeAccountsPerRep        accounts per rep a neighbourhood may move; the others stay fixed
     * @param tolerance                 balanced enough: with every rep within this fraction of target, the first
     *                                  round that improves nothing ends the search (0: search until converged)
     * @param penaltyToBeat             ... and with a deviation penalty no worse than this, so that stopping early
     *                                  never proposes a worse balance than a baseline (Long.MAX_VALUE: none)
     * @param goal                      BALANCE: lower the balance objective; MOVES: keep every rep within their
     *                                  policy tolerance (or as far out as they are) and lower the disruption cost
     */
    record Settings(long deadlineNanos, int threads, double solveSeconds, double solveDeterministicSeconds, int seed,
                    int maxGroupSize, int freeAccountsPerRep, double tolerance, long penaltyToBeat,
                    CpSatModel.Goal goal) {

        Settings(long deadlineNanos, int threads, double solveSeconds, double solveDeterministicSeconds, int seed,
                 int maxGroupSize, int freeAccountsPerRep, double tolerance, long penaltyToBeat) {
            this(deadlineNanos, threads, solveSeconds, solveDeterministicSeconds, seed, maxGroupSize,
                    freeAccountsPerRep, tolerance, penaltyToBeat, CpSatModel.Goal.BALANCE);
        }

        boolean leastDisruption() {
            return goal == CpSatModel.Goal.MOVES;
        }
    }

    /**
     * The improved assignment and what it took; {@code balanced}: every rep ended within the tolerance, {@code early}:
     * the search ended (balanced and nothing cheaper found, or converged) before its deadline.
     */
    record Outcome(int[] assignment, int solves, int improvements, long millis, boolean balanced, boolean early) {
    }

    static Outcome improve(IndexedProblem p, int[] start, Settings settings) {
        long begin = System.nanoTime();
        Search search = new Search(p, start, settings);
        if (search.pools.isEmpty()) {
            return new Outcome(search.assignment, 0, 0, 0, search.balanced(), true);
        }
        if (settings.threads() <= 1) {
            search.runSequentially();
        } else {
            search.runInParallel();
        }
        return new Outcome(search.assignment, search.solves, search.improvements,
                (System.nanoTime() - begin) / 1_000_000, search.balanced(), search.ended);
    }

    /** A group submitted for solving, with the extra moves it may spend. */
    private record Task(int[] reps, IndexedProblem sub, int[] hint, int reservedMoves) {
    }

    /** A solved group: its better assignment, or null when it found nothing better. */
    private record Answer(Task task, int[] assignment) {
    }

    /** Pools up to this many reps get every pair in a least-disruption round (quadratic, so only small ones). */
    private static final int SMALL_POOL = 40;

    private static final class Search {
        private final IndexedProblem p;
        private final Settings settings;
        private final int[] assignment;
        private final List<List<Integer>> books = new ArrayList<>();
        private final long[] load;
        private final int[] version;
        private final boolean[] busy;
        private final Map<String, String> solvedAt = new HashMap<>();
        private final List<int[]> pools;
        private final int maxSize;
        private final Random random;
        private final Deque<int[]> queue = new ArrayDeque<>();
        private int size = 2;
        private boolean roundsStarted;
        private boolean improvedSinceRound;
        private int inFlight;
        private int budgetUsed;
        private int reserved;
        private int solves;
        private int improvements;
        /** The search ran out of groups worth solving (rather than out of time). */
        private boolean ended;

        Search(IndexedProblem p, int[] start, Settings settings) {
            this.p = p;
            this.settings = settings;
            this.assignment = start.clone();
            this.load = new long[p.repCount()];
            this.version = new int[p.repCount()];
            this.busy = new boolean[p.repCount()];
            for (int r = 0; r < p.repCount(); r++) {
                books.add(new ArrayList<>());
            }
            for (int a = 0; a < p.accountCount(); a++) {
                books.get(assignment[a]).add(a);
                load[assignment[a]] += p.potential[a];
            }
            this.budgetUsed = p.budgetedMoves(assignment);
            this.pools = CompatibilityPools.of(p).stream().filter(pool -> pool.length >= 2).toList();
            int largestPool = pools.stream().mapToInt(pool -> pool.length).max().orElse(2);
            this.maxSize = Math.min(settings.maxGroupSize(), largestPool);
            this.random = new Random(settings.seed());
        }

        void runSequentially() {
            while (!timeUp()) {
                Task task = nextTask(1);
                if (task == null) {
                    return;
                }
                complete(solve(task));
            }
        }

        void runInParallel() {
            ExecutorService executor = Executors.newFixedThreadPool(settings.threads(), r -> {
                Thread thread = new Thread(r, "rebalance-neighbourhood");
                thread.setDaemon(true);
                return thread;
            });
            CompletionService<Answer> completion = new ExecutorCompletionService<>(executor);
            try {
                while (true) {
                    while (inFlight < settings.threads() && !timeUp()) {
                        Task task = nextTask(settings.threads() - inFlight);
                        if (task == null) {
                            break;
                        }
                        completion.submit(() -> solve(task));
                    }
                    if (inFlight == 0) {
                        return;
                    }
                    // Solves end by their own limits; the margin only guards against a solver that never returns.
                    Future<Answer> done = completion.poll(
                            Math.max(1, settings.deadlineNanos() - System.nanoTime()) + 30_000_000_000L,
                            TimeUnit.NANOSECONDS);
                    if (done == null) {
                        return;
                    }
                    complete(done.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("neighbourhood search interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("neighbourhood solve failed", e.getCause());
            } finally {
                executor.shutdownNow();
            }
        }

        private boolean timeUp() {
            return System.nanoTime() >= settings.deadlineNanos();
        }

        /**
         * The next queued group, with a fair share of the spare budget; a new round when the last one is done;
         * null when a round is still in flight or the search has converged.
         */
        private Task nextTask(int freeSlots) {
            while (true) {
                int[] group;
                Deque<int[]> deferred = new ArrayDeque<>();
                try {
                    while ((group = queue.pollFirst()) != null) {
                        if (Arrays.stream(group).anyMatch(r -> busy[r])) {
                            // overlapping groups (the least-disruption rounds) wait for their reps to be free
                            deferred.addLast(group);
                        } else if (markSolved(group)) {
                            return task(group, freeSlots);
                        }
                    }
                } finally {
                    while (!deferred.isEmpty()) {
                        queue.addFirst(deferred.pollLast());
                    }
                }
                if (inFlight > 0 || !queue.isEmpty() || !nextRound()) {
                    return null;
                }
            }
        }

        /**
         * Queues the next round: pairs while pairs improve, then larger groups, back to pairs after any gain.
         * False when a round at the largest size gained nothing (the search has converged), or when a round gained
         * nothing and every rep is within the tolerance already: larger groups could only save a move or two, and
         * a proposal that is already balanced should not wait the whole time limit for that.
         */
        private boolean nextRound() {
            if (roundsStarted) {
                if (!improvedSinceRound && !settings.leastDisruption() && balanced()) {
                    ended = true;
                    return false;
                }
                size = improvedSinceRound ? 2 : size + 1;
            }
            roundsStarted = true;
            improvedSinceRound = false;
            while (size <= maxSize) {
                List<int[]> groups = size == 2 ? (settings.leastDisruption() ? allPairs() : pairs()) : mixedGroups(size);
                for (int[] candidate : groups) {
                    if (!wasSolved(candidate)) {
                        queue.addLast(candidate);
                    }
                }
                if (!queue.isEmpty()) {
                    return true;
                }
                size++;
            }
            ended = true;
            return false;
        }

        /** Every rep within the tolerance of their target, and no worse than the baseline (false: tolerance off). */
        boolean balanced() {
            if (settings.tolerance() <= 0) {
                return false;
            }
            long penalty = 0;
            for (int r = 0; r < p.repCount(); r++) {
                if (Math.abs(relative(r)) > settings.tolerance()) {
                    return false;
                }
                penalty += p.deviationCost(r, load[r] - p.target[r]);
            }
            return penalty <= settings.penaltyToBeat();
        }

        private Task task(int[] reps, int freeSlots) {
            int spare = Math.max(0, p.maxMoves - budgetUsed - reserved);
            int share = spare / Math.max(1, freeSlots);
            Selection selection = select(reps, settings.freeAccountsPerRep());
            IndexedProblem probe = p.subset(reps, selection.free(), Integer.MAX_VALUE, selection.fixedLoad(),
                    selection.fixedCount(), selection.fixedArr());
            int[] hint = localAssignment(probe);
            IndexedProblem sub = p.subset(reps, selection.free(), probe.budgetedMoves(hint) + share,
                    selection.fixedLoad(), selection.fixedCount(), selection.fixedArr());
            if (settings.leastDisruption()) {
                // Fewer moves, never at the price of balance: each rep stays within their policy tolerance (or as
                // far out as they are now, where the tolerance was out of reach).
                long[] cap = new long[reps.length];
                for (int i = 0; i < reps.length; i++) {
                    int r = reps[i];
                    cap[i] = Math.max(p.toleranceUnits(r), Math.abs(load[r] - p.target[r]));
                }
                sub = sub.withDeviationCap(cap);
            } else if (settings.tolerance() > 0) {
                // Balance first: saving moves may not push a rep out of the tolerance, nor further out than it is.
                long[] cap = new long[reps.length];
                for (int i = 0; i < reps.length; i++) {
                    int r = reps[i];
                    cap[i] = Math.max((long) Math.floor(settings.tolerance() * p.target[r]),
                            Math.abs(load[r] - p.target[r]));
                }
                sub = sub.withDeviationCap(cap);
            }
            if (p.maxDeviationWeight() > 0) {
                // The max-deviation term is the whole scope's: the group weighs it above the reps outside it.
                sub = sub.withMaxDeviationFloor(maxRelativeDeviationOutside(reps));
            }
            for (int r : reps) {
                busy[r] = true;
            }
            reserved += share;
            inFlight++;
            return new Task(reps, sub, hint, share);
        }

        private long maxRelativeDeviationOutside(int[] group) {
            long most = 0;
            for (int r = 0; r < p.repCount(); r++) {
                if (Arrays.binarySearch(group, r) < 0) {
                    most = Math.max(most, p.relativeDeviation(r, load[r] - p.target[r]));
                }
            }
            return most;
        }

        private Answer solve(Task task) {
            double remaining = (settings.deadlineNanos() - System.nanoTime()) / 1e9;
            if (remaining <= 0.01) {
                return new Answer(task, null);
            }
            IndexedProblem sub = task.sub();
            CpSatModel.Solution solution = CpSatModel.solve(sub, task.hint(), new CpSatModel.Limits(
                    Math.min(settings.solveSeconds(), remaining), settings.solveDeterministicSeconds(), 1,
                    settings.seed(), null, true, null), settings.goal());
            boolean better = solution.status().hasSolution() && (settings.leastDisruption()
                    ? sub.disruptionCost(solution.assignment()) < sub.disruptionCost(task.hint())
                    : sub.objective(solution.assignment()) < sub.objective(task.hint()));
            return new Answer(task, better ? solution.assignment() : null);
        }

        private void complete(Answer answer) {
            Task task = answer.task();
            inFlight--;
            solves++;
            reserved -= task.reservedMoves();
            for (int r : task.reps()) {
                busy[r] = false;
            }
            if (answer.assignment() == null) {
                return;
            }
            improvements++;
            improvedSinceRound = true;
            IndexedProblem sub = task.sub();
            budgetUsed += sub.budgetedMoves(answer.assignment()) - sub.budgetedMoves(task.hint());
            Set<Integer> moved = new HashSet<>();
            for (int i = 0; i < sub.accountCount(); i++) {
                int a = sub.parentAccount[i];
                int r = sub.parentRep[answer.assignment()[i]];
                if (assignment[a] != r) {
                    load[assignment[a]] -= p.potential[a];
                    load[r] += p.potential[a];
                    assignment[a] = r;
                    moved.add(a);
                }
            }
            for (int r : task.reps()) {
                books.get(r).removeIf(moved::contains);
                version[r]++;
            }
            for (int a : moved) {
                books.get(assignment[a]).add(a);
            }
        }

        private int[] localAssignment(IndexedProblem sub) {
            int[] local = new int[sub.accountCount()];
            Map<Integer, Integer> localRep = new HashMap<>();
            for (int i = 0; i < sub.repCount(); i++) {
                localRep.put(sub.parentRep[i], i);
            }
            for (int i = 0; i < sub.accountCount(); i++) {
                local[i] = localRep.get(assignment[sub.parentAccount[i]]);
            }
            return local;
        }

        /** The accounts a neighbourhood may move, and what the reps' other accounts add up to. */
        record Selection(int[] free, long[] fixedLoad, int[] fixedCount, long[] fixedArr) {
        }

        /**
         * Up to {@code perRep} accounts of each rep are free to move; the rest stay where they are. Chosen so that
         * the group can still undo moves, match the imbalance with one account, or swap: accounts away from their
         * owner first, then those closest in size to the group's largest imbalance, then the smallest ones.
         */
        Selection select(int[] reps, int perRep) {
            long imbalance = 0;
            for (int r : reps) {
                imbalance = Math.max(imbalance, Math.abs(load[r] - p.target[r]));
            }
            long size = imbalance;
            List<Integer> free = new ArrayList<>();
            long[] fixedLoad = new long[reps.length];
            int[] fixedCount = new int[reps.length];
            long[] fixedArr = p.arr == null ? null : new long[reps.length];
            for (int i = 0; i < reps.length; i++) {
                List<Integer> book = books.get(reps[i]);
                Set<Integer> chosen;
                if (book.size() <= perRep) {
                    chosen = new HashSet<>(book);
                } else {
                    List<Integer> movable = new ArrayList<>();
                    List<Integer> away = new ArrayList<>();
                    for (int a : book) {
                        if (!p.locked[a]) {
                            (assignment[a] != p.owner[a] ? away : movable).add(a);
                        }
                    }
                    away.sort((x, y) -> Long.compare(Math.abs(p.potential[x] - size), Math.abs(p.potential[y] - size)));
                    // Saving moves means sending accounts home: in that stage every account away may be freed.
                    int awayShare = settings.leastDisruption() ? perRep * 2 / 3 : perRep / 3;
                    List<Integer> picked = new ArrayList<>(away.subList(0, Math.min(away.size(), awayShare)));
                    movable.sort((x, y) -> Long.compare(Math.abs(p.potential[x] - size), Math.abs(p.potential[y] - size)));
                    int closest = Math.min(movable.size(), (perRep - picked.size()) * 2 / 3);
                    picked.addAll(movable.subList(0, closest));
                    List<Integer> rest = new ArrayList<>(movable.subList(closest, movable.size()));
                    rest.sort((x, y) -> Long.compare(p.potential[x], p.potential[y]));
                    picked.addAll(rest.subList(0, Math.min(rest.size(), perRep - picked.size())));
                    chosen = new HashSet<>(picked);
                }
                for (int a : book) {
                    if (chosen.contains(a)) {
                        free.add(a);
                    } else {
                        fixedLoad[i] += p.potential[a];
                        fixedCount[i]++;
                        if (fixedArr != null) {
                            fixedArr[i] += p.arr[a];
                        }
                    }
                }
            }
            return new Selection(free.stream().mapToInt(Integer::intValue).toArray(), fixedLoad, fixedCount, fixedArr);
        }

        /**
         * One round of disjoint pairs, the most promising first: reps outside the tolerance, the most over-target
         * with the most under-target (the worst reps make the max deviation, and the bands' steep slopes make
         * their pair solves gain most); then reps between whom accounts moved (re-solving them can undo needless
         * moves); then the others by how far apart their excesses are.
         */
        private List<int[]> pairs() {
            int m = p.repCount();
            boolean[] used = new boolean[m];
            List<int[]> groups = new ArrayList<>();
            List<long[]> byDistance = new ArrayList<>();
            for (int[] pool : pools) {
                for (int i = 0; i < pool.length; i++) {
                    for (int j = i + 1; j < pool.length; j++) {
                        long distance = Math.abs((load[pool[i]] - p.target[pool[i]])
                                - (load[pool[j]] - p.target[pool[j]]));
                        byDistance.add(new long[] {distance, pool[i], pool[j]});
                    }
                }
            }
            byDistance.sort((x, y) -> Long.compare(y[0], x[0]));
            for (long[] candidate : byDistance) {
                int x = (int) candidate[1];
                int y = (int) candidate[2];
                if (!settings.leastDisruption()
                        && Math.max(Math.abs(relative(x)), Math.abs(relative(y))) > settings.tolerance()) {
                    take(groups, used, x, y);
                }
            }
            Map<Long, Integer> flows = flows();
            flows.entrySet().stream()
                    .sorted((x, y) -> Integer.compare(y.getValue(), x.getValue()))
                    .forEach(flow -> take(groups, used, (int) (flow.getKey() / m), (int) (flow.getKey() % m)));
            for (long[] candidate : byDistance) {
                take(groups, used, (int) candidate[1], (int) candidate[2]);
            }
            return groups;
        }

        /** Accounts moved between each pair of reps (owner and holder), keyed min × repCount + max. */
        private Map<Long, Integer> flows() {
            int m = p.repCount();
            Map<Long, Integer> flows = new HashMap<>();
            for (int a = 0; a < p.accountCount(); a++) {
                int owner = p.owner[a];
                if (owner != IndexedProblem.NO_REP && assignment[a] != owner) {
                    flows.merge((long) Math.min(owner, assignment[a]) * m + Math.max(owner, assignment[a]), 1,
                            Integer::sum);
                }
            }
            return flows;
        }

        /**
         * The least-disruption round: every pair between which accounts moved, the most moves first (only there can
         * a move be undone or replaced), then, in pools small enough, every other pair; overlapping pairs wait for
         * each other rather than being skipped.
         */
        private List<int[]> allPairs() {
            int m = p.repCount();
            Map<Long, Integer> flows = flows();
            List<int[]> groups = new ArrayList<>();
            Set<Long> taken = new HashSet<>();
            // Reps still outside their tolerance first, each with the reps furthest on the other side of its pool.
            for (int[] pool : pools) {
                for (int r : pool) {
                    if (Math.abs(load[r] - p.target[r]) <= p.toleranceUnits(r)) {
                        continue;
                    }
                    boolean over = load[r] > p.target[r];
                    Arrays.stream(pool).boxed()
                            .filter(o -> o != r && (load[o] > p.target[o]) != over)
                            .sorted((x, y) -> over ? Double.compare(relative(x), relative(y))
                                    : Double.compare(relative(y), relative(x)))
                            .limit(ExchangeSearch.PARTNERS)
                            .forEach(o -> {
                                int[] group = {Math.min(r, o), Math.max(r, o)};
                                if (taken.add((long) group[0] * m + group[1]) && !wasSolved(group)) {
                                    groups.add(group);
                                }
                            });
                }
            }
            flows.entrySet().stream()
                    .sorted((x, y) -> Integer.compare(y.getValue(), x.getValue()))
                    .forEach(flow -> {
                        int[] group = {(int) (flow.getKey() / m), (int) (flow.getKey() % m)};
                        if (group[0] != group[1] && taken.add(flow.getKey()) && !wasSolved(group)) {
                            groups.add(group);
                        }
                    });
            for (int[] pool : pools) {
                if (pool.length > SMALL_POOL) {
                    continue;
                }
                for (int i = 0; i < pool.length; i++) {
                    for (int j = i + 1; j < pool.length; j++) {
                        int x = Math.min(pool[i], pool[j]);
                        int y = Math.max(pool[i], pool[j]);
                        int[] group = {x, y};
                        if (!taken.contains((long) x * m + y) && !wasSolved(group)) {
                            groups.add(group);
                        }
                    }
                }
            }
            return groups;
        }

        private void take(List<int[]> groups, boolean[] used, int x, int y) {
            if (x == y || used[x] || used[y]) {
                return;
            }
            int[] group = {Math.min(x, y), Math.max(x, y)};
            if (!wasSolved(group)) {
                used[x] = true;
                used[y] = true;
                groups.add(group);
            }
        }

        /** One round of disjoint groups of {@code size} reps per pool, over- and under-target reps mixed at random. */
        private List<int[]> mixedGroups(int size) {
            List<int[]> groups = new ArrayList<>();
            for (int[] pool : pools) {
                if (pool.length < size) {
                    continue;
                }
                Integer[] ranked = Arrays.stream(pool).boxed().toArray(Integer[]::new);
                Arrays.sort(ranked, (x, y) -> Double.compare(relative(y), relative(x)));
                int half = ranked.length / 2;
                List<Integer> over = new ArrayList<>(Arrays.asList(ranked).subList(0, half));
                List<Integer> under = new ArrayList<>(Arrays.asList(ranked).subList(half, ranked.length));
                Collections.shuffle(over, random);
                Collections.shuffle(under, random);
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < Math.max(over.size(), under.size()); i++) {
                    if (i < over.size()) {
                        order.add(over.get(i));
                    }
                    if (i < under.size()) {
                        order.add(under.get(i));
                    }
                }
                for (int g = 0; g + size <= order.size(); g += size) {
                    groups.add(order.subList(g, g + size).stream().mapToInt(Integer::intValue).sorted().toArray());
                }
            }
            return groups;
        }

        private boolean wasSolved(int[] group) {
            return versions(group).equals(solvedAt.get(Arrays.toString(group)));
        }

        /** Records the group as solved in its current state; false when it already was (nothing new to learn). */
        private boolean markSolved(int[] group) {
            String current = versions(group);
            return !current.equals(solvedAt.put(Arrays.toString(group), current));
        }

        private String versions(int[] group) {
            StringBuilder versions = new StringBuilder();
            for (int r : group) {
                versions.append(version[r]).append(',');
            }
            return versions.toString();
        }

        private double relative(int r) {
            return (double) (load[r] - p.target[r]) / Math.max(1, p.target[r]);
        }
    }

    private NeighbourhoodSearch() {
    }
}
