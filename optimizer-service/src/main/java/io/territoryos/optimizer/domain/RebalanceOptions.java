package io.territoryos.optimizer.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * Knobs of one rebalance, in three groups: how much may move (the budget, usually the team policy's), how long and
 * how hard the solver searches ({@link Limits}), and how the search is tuned ({@link Tuning}); plus the optional
 * secondary balance measures ({@link Secondary}). Per-team rules (regional, tolerance, ON_LEAVE) live in
 * {@link TeamPolicy}. The defaults are the product's: 15% budget, 30 s, two workers.
 *
 * @param maxMoveFraction share of the movable accounts that may leave an active owner (0..1)
 */
public record RebalanceOptions(double maxMoveFraction, Limits limits, Secondary secondary, Tuning tuning) {

    public static final double DEFAULT_MAX_MOVE_FRACTION = TeamPolicy.DEFAULT_MAX_MOVE_FRACTION;
    /** The balance stage aims just inside the default 1% tolerance; the least-disruption stage keeps within 1%. */
    public static final double DEFAULT_BALANCE_TOLERANCE = 0.009;
    public static final long DEFAULT_MAX_DEVIATION_WEIGHT = 0;

    /**
     * How long and how hard to search.
     *
     * @param timeLimit              wall-clock limit of the whole solve (never unlimited)
     * @param workers                CP-SAT search workers requested; capped at the cores of this machine
     * @param randomSeed             CP-SAT seed (same seed, one worker, deterministic limit = same answer)
     * @param stopAfterNoImprovement optional: stop a full-model solve when no better solution came for this long
     * @param deterministicTimeLimit optional: CP-SAT deterministic time limit (reproducible runs in tests)
     */
    public record Limits(Duration timeLimit, int workers, int randomSeed, Duration stopAfterNoImprovement,
                         Double deterministicTimeLimit) {
        public Limits {
            Objects.requireNonNull(timeLimit, "a solve always has a time limit");
            if (timeLimit.isNegative() || timeLimit.isZero()) {
                throw new IllegalArgumentException("timeLimit must be positive: " + timeLimit);
            }
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be >= 1: " + workers);
            }
        }
    }

    /**
     * Optional balance measures beyond potential (null when off).
     *
     * @param arrTolerance          each rep's ARR within ± this fraction of its quota-proportional share of its pool
     * @param accountCountTolerance each rep's account count within ± this fraction of its quota share of its pool
     */
    public record Secondary(Double arrTolerance, Double accountCountTolerance) {
        public Secondary {
            requireTolerance("arrTolerance", arrTolerance);
            requireTolerance("accountCountTolerance", accountCountTolerance);
        }

        static final Secondary NONE = new Secondary(null, null);
    }

    /**
     * How the search is tuned.
     *
     * @param moveCostFraction            in the balance stage, a DEPRIORITIZE move costs as much as this fraction of
     *                                    a mean target in deviation; other tiers cost {@link Tier#moveWeight()} more
     * @param balanceTolerance            the balance stage stops once every rep is within this fraction of target
     *                                    and a round finds nothing cheaper (0: search to the limit)
     * @param maxDeviationWeight          the largest relative deviation also enters the balance objective, weighing
     *                                    as much as this many average reps' deviation (0: off)
     * @param fullModelMaxPairs           largest (account, rep) candidate count that also gets the full model
     * @param neighbourhoodAccountsPerRep accounts per rep a neighbourhood may move; the others stay fixed
     * @param candidateRepsPerAccount     when the full model must run on a large scope: owner + hint + this many
     *                                    reps most below target per account
     */
    public record Tuning(double moveCostFraction, double balanceTolerance, long maxDeviationWeight,
                         int fullModelMaxPairs, int neighbourhoodAccountsPerRep, int candidateRepsPerAccount) {
        public Tuning {
            if (moveCostFraction < 0) {
                throw new IllegalArgumentException("moveCostFraction must be >= 0: " + moveCostFraction);
            }
            if (!(balanceTolerance >= 0)) {
                throw new IllegalArgumentException("balanceTolerance must be >= 0: " + balanceTolerance);
            }
            if (maxDeviationWeight < 0) {
                throw new IllegalArgumentException("maxDeviationWeight must be >= 0: " + maxDeviationWeight);
            }
            if (fullModelMaxPairs < 1 || neighbourhoodAccountsPerRep < 1 || candidateRepsPerAccount < 1) {
                throw new IllegalArgumentException("scale knobs must be positive");
            }
        }
    }

    public RebalanceOptions {
        if (!(maxMoveFraction >= 0 && maxMoveFraction <= 1)) {
            throw new IllegalArgumentException("maxMoveFraction must be within 0..1: " + maxMoveFraction);
        }
        Objects.requireNonNull(limits, "limits");
        secondary = secondary == null ? Secondary.NONE : secondary;
        Objects.requireNonNull(tuning, "tuning");
    }

    public static RebalanceOptions defaults() {
        return new RebalanceOptions(DEFAULT_MAX_MOVE_FRACTION,
                new Limits(Duration.ofSeconds(30), 2, 1, Duration.ofSeconds(2), null), Secondary.NONE,
                new Tuning(0.01, DEFAULT_BALANCE_TOLERANCE, DEFAULT_MAX_DEVIATION_WEIGHT, 100_000, 60, 4));
    }

    public RebalanceOptions withMaxMoveFraction(double fraction) {
        return new RebalanceOptions(fraction, limits, secondary, tuning);
    }

    public RebalanceOptions withLimits(Limits newLimits) {
        return new RebalanceOptions(maxMoveFraction, newLimits, secondary, tuning);
    }

    public RebalanceOptions withTuning(Tuning newTuning) {
        return new RebalanceOptions(maxMoveFraction, limits, secondary, newTuning);
    }

    public RebalanceOptions withTimeLimit(Duration limit) {
        return withLimits(new Limits(limit, limits.workers(), limits.randomSeed(), limits.stopAfterNoImprovement(),
                limits.deterministicTimeLimit()));
    }

    /**
     * The time limit for a book of {@code accounts}: {@code perThousandAccounts} for every 1,000 accounts, at least
     * one second, never more than the limit set (the scale: 1,000 × 10 in 1 s, 10,000 × 50 in 10 s, the
     * limit for anything larger). A small team's proposal then does not wait out a limit sized for the largest.
     * A zero {@code perThousandAccounts} keeps the limit as it is.
     */
    public RebalanceOptions scaledTo(int accounts, Duration perThousandAccounts) {
        if (perThousandAccounts.isZero()) {
            return this;
        }
        long scaled = Math.max(1_000, perThousandAccounts.toMillis() * accounts / 1_000);
        return scaled >= timeLimit().toMillis() ? this : withTimeLimit(Duration.ofMillis(scaled));
    }

    public RebalanceOptions withWorkers(int count) {
        return withLimits(new Limits(limits.timeLimit(), count, limits.randomSeed(), limits.stopAfterNoImprovement(),
                limits.deterministicTimeLimit()));
    }

    public RebalanceOptions withRandomSeed(int seed) {
        return withLimits(new Limits(limits.timeLimit(), limits.workers(), seed, limits.stopAfterNoImprovement(),
                limits.deterministicTimeLimit()));
    }

    public RebalanceOptions withStopAfterNoImprovement(Duration stagnation) {
        return withLimits(new Limits(limits.timeLimit(), limits.workers(), limits.randomSeed(), stagnation,
                limits.deterministicTimeLimit()));
    }

    /** Reproducible solving: one worker, a deterministic limit, no wall-clock stagnation stop. */
    public RebalanceOptions reproducible(double deterministicSeconds) {
        return withLimits(new Limits(limits.timeLimit(), 1, limits.randomSeed(), null, deterministicSeconds));
    }

    public RebalanceOptions withTolerances(Double arr, Double accountCount) {
        return new RebalanceOptions(maxMoveFraction, limits, new Secondary(arr, accountCount), tuning);
    }

    public RebalanceOptions withMoveCostFraction(double fraction) {
        return withTuning(new Tuning(fraction, tuning.balanceTolerance(), tuning.maxDeviationWeight(),
                tuning.fullModelMaxPairs(), tuning.neighbourhoodAccountsPerRep(), tuning.candidateRepsPerAccount()));
    }

    /** The balance stage stops once every rep is within {@code tolerance} and nothing cheaper is found (0: never). */
    public RebalanceOptions withBalanceTolerance(double tolerance) {
        return withTuning(new Tuning(tuning.moveCostFraction(), tolerance, tuning.maxDeviationWeight(),
                tuning.fullModelMaxPairs(), tuning.neighbourhoodAccountsPerRep(), tuning.candidateRepsPerAccount()));
    }

    /** The largest relative deviation weighs as much as this many average reps' deviation (0: term off). */
    public RebalanceOptions withMaxDeviationWeight(long weight) {
        return withTuning(new Tuning(tuning.moveCostFraction(), tuning.balanceTolerance(), weight,
                tuning.fullModelMaxPairs(), tuning.neighbourhoodAccountsPerRep(), tuning.candidateRepsPerAccount()));
    }

    public RebalanceOptions withScale(int maxPairs, int accountsPerRep, int candidateReps) {
        return withTuning(new Tuning(tuning.moveCostFraction(), tuning.balanceTolerance(),
                tuning.maxDeviationWeight(), maxPairs, accountsPerRep, candidateReps));
    }

    // Readers the solver uses, so that it names the knob rather than its group.

    public Duration timeLimit() {
        return limits.timeLimit();
    }

    public int workers() {
        return limits.workers();
    }

    public int randomSeed() {
        return limits.randomSeed();
    }

    public Duration stopAfterNoImprovement() {
        return limits.stopAfterNoImprovement();
    }

    public Double deterministicTimeLimit() {
        return limits.deterministicTimeLimit();
    }

    public Double arrTolerance() {
        return secondary.arrTolerance();
    }

    public Double accountCountTolerance() {
        return secondary.accountCountTolerance();
    }

    public double moveCostFraction() {
        return tuning.moveCostFraction();
    }

    public double balanceTolerance() {
        return tuning.balanceTolerance();
    }

    public long maxDeviationWeight() {
        return tuning.maxDeviationWeight();
    }

    public int fullModelMaxPairs() {
        return tuning.fullModelMaxPairs();
    }

    public int neighbourhoodAccountsPerRep() {
        return tuning.neighbourhoodAccountsPerRep();
    }

    public int candidateRepsPerAccount() {
        return tuning.candidateRepsPerAccount();
    }

    /** Workers actually used: never more than the cores of this machine (8 workers on 2 cores find nothing). */
    public int effectiveWorkers() {
        return Math.max(1, Math.min(limits.workers(), Runtime.getRuntime().availableProcessors()));
    }

    private static void requireTolerance(String name, Double value) {
        if (value != null && !(value >= 0)) {
            throw new IllegalArgumentException(name + " must be >= 0: " + value);
        }
    }
}
