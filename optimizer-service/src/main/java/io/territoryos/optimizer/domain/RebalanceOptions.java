package io.territoryos.optimizer.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * Knobs of one rebalance (per-team rules live in {@link TeamPolicy}). The defaults are the product's (15% budget,
 * 30 s, two workers); the scale knobs decide how large a scope still gets the full model and how large a
 * neighbourhood of the search is.
 *
 * @param maxMoveFraction         share of the movable accounts that may leave an active owner (0..1)
 * @param timeLimit               wall-clock limit of the whole solve (never unlimited)
 * @param workers                 CP-SAT search workers requested; capped at the cores of this machine
 * @param arrTolerance            optional: each rep's ARR within ± this fraction of its quota-proportional share
 * @param accountCountTolerance   optional: each rep's account count within ± this fraction of its quota share
 * @param randomSeed              CP-SAT seed (same seed, one worker, deterministic limit = same answer)
 * @param moveCostFraction        a DEPRIORITIZE move costs as much as this fraction of a mean target in deviation
 *                                (0.5%: reps do not feel less); other tiers cost {@link Tier#moveWeight()} times more
 * @param stopAfterNoImprovement  optional: stop a (sub-)solve when no better solution came for this long
 * @param deterministicTimeLimit  optional: CP-SAT deterministic time limit (reproducible runs in tests)
 * @param fullModelMaxPairs       largest (account, rep) candidate count that also gets the full model after the
 *                                neighbourhood search; larger scopes are solved by the neighbourhood search alone
 * @param neighbourhoodAccountsPerRep accounts per rep a neighbourhood (a small group of reps re-solved exactly)
 *                                may move; the others stay fixed for that solve
 * @param candidateRepsPerAccount when the full model must run on a large scope (no valid greedy start): owner +
 *                                hint + this many reps most below target per account
 * @param balanceTolerance        balanced enough: once every rep is within this fraction of their target (0.5%,
 *                                as much as the cheapest move costs) the search stops at the first round that
 *                                finds nothing better instead of using its time limit; 0 searches to the limit
 * @param maxDeviationWeight      the largest relative deviation from target (of any rep) also enters the objective,
 *                                weighing as much as this many average reps' deviation: Σ|P − T| alone does not
 *                                care which rep carries an excess, a rep and the max-deviation figure do (0: off)
 */
public record RebalanceOptions(double maxMoveFraction, Duration timeLimit, int workers,
                               Double arrTolerance, Double accountCountTolerance, int randomSeed,
                               double moveCostFraction, Duration stopAfterNoImprovement,
                               Double deterministicTimeLimit, int fullModelMaxPairs, int neighbourhoodAccountsPerRep,
                               int candidateRepsPerAccount, double balanceTolerance, long maxDeviationWeight) {

    public static final double DEFAULT_MAX_MOVE_FRACTION = 0.15;
    public static final double DEFAULT_BALANCE_TOLERANCE = 0.009;
    public static final long DEFAULT_MAX_DEVIATION_WEIGHT = 0;

    public RebalanceOptions {
        if (!(maxMoveFraction >= 0 && maxMoveFraction <= 1)) {
            throw new IllegalArgumentException("maxMoveFraction must be within 0..1: " + maxMoveFraction);
        }
        Objects.requireNonNull(timeLimit, "a solve always has a time limit");
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("timeLimit must be positive: " + timeLimit);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1: " + workers);
        }
        requireTolerance("arrTolerance", arrTolerance);
        requireTolerance("accountCountTolerance", accountCountTolerance);
        if (moveCostFraction < 0) {
            throw new IllegalArgumentException("moveCostFraction must be >= 0: " + moveCostFraction);
        }
        if (fullModelMaxPairs < 1 || neighbourhoodAccountsPerRep < 1 || candidateRepsPerAccount < 1) {
            throw new IllegalArgumentException("scale knobs must be positive");
        }
        if (maxDeviationWeight < 0) {
            throw new IllegalArgumentException("maxDeviationWeight must be >= 0: " + maxDeviationWeight);
        }
        if (!(balanceTolerance >= 0)) {
            throw new IllegalArgumentException("balanceTolerance must be >= 0: " + balanceTolerance);
        }
    }

    public static RebalanceOptions defaults() {
        return new RebalanceOptions(DEFAULT_MAX_MOVE_FRACTION, Duration.ofSeconds(30), 2, null, null, 1,
                0.01, Duration.ofSeconds(2), null, 100_000, 60, 4, DEFAULT_BALANCE_TOLERANCE, DEFAULT_MAX_DEVIATION_WEIGHT);
    }

    public RebalanceOptions withMaxMoveFraction(double fraction) {
        return new RebalanceOptions(fraction, timeLimit, workers, arrTolerance, accountCountTolerance,
                randomSeed, moveCostFraction, stopAfterNoImprovement, deterministicTimeLimit, fullModelMaxPairs,
                neighbourhoodAccountsPerRep, candidateRepsPerAccount, balanceTolerance, maxDeviationWeight);
    }

    public RebalanceOptions withTimeLimit(Duration limit) {
        return new RebalanceOptions(maxMoveFraction, limit, workers, arrTolerance, accountCountTolerance,
                randomSeed, moveCostFraction, stopAfterNoImprovement, deterministicTimeLimit, fullModelMaxPairs,
                neighbourhoodAccountsPerRep, candidateRepsPerAccount, balanceTolerance, maxDeviationWeight);
    }

    public RebalanceOptions withWorkers(int count) {
        return new RebalanceOptions(maxMoveFraction, timeLimit, count, arrTolerance, accountCountTolerance,
                randomSeed, moveCostFraction, stopAfterNoImprovement, deterministicTimeLimit, fullModelMaxPairs,
                neighbourhoodAccountsPerRep, candidateRepsPerAccount, balanceTolerance, maxDeviationWeight);
    }

    public RebalanceOptions withTolerances(Double arr, Double accountCount) {
        return new RebalanceOptions(maxMoveFraction, timeLimit, workers, arr, accountCount, randomSeed,
                moveCostFraction, stopAfterNoImprovement, deterministicTimeLimit, fullModelMaxPairs,
                neighbourhoodAccountsPerRep, candidateRepsPerAccount, balanceTolerance, maxDeviationWeight);
    }

    public RebalanceOptions withRandomSeed(int seed) {
        return new RebalanceOptions(maxMoveFraction, timeLimit, workers, arrTolerance, accountCountTolerance,
                seed, moveCostFraction, stopAfterNoImprovement, deterministicTimeLimit, fullModelMaxPairs,
                neighbourhoodAccountsPerRep, candidateRepsPerAccount, balanceTolerance, maxDeviationWeight);
    }

    public RebalanceOptions withMoveCostFraction(double fraction) {
        return new RebalanceOptions(maxMoveFraction, timeLimit, workers, arrTolerance, accountCountTolerance,
                randomSeed, fraction, stopAfterNoImprovement, deterministicTimeLimit, fullModelMaxPairs,
                neighbourhoodAccountsPerRep, candidateRepsPerAccount, balanceTolerance, maxDeviationWeight);
    }

    public RebalanceOptions withStopAfterNoImprovement(Duration stagnation) {
        return new RebalanceOptions(maxMoveFraction, timeLimit, workers, arrTolerance, accountCountTolerance,
                randomSeed, moveCostFraction, stagnation, deterministicTimeLimit, fullModelMaxPairs,
                neighbourhoodAccountsPerRep, candidateRepsPerAccount, balanceTolerance, maxDeviationWeight);
    }

    /** Reproducible solving: one worker, a deterministic limit, no wall-clock stagnation stop. */
    public RebalanceOptions reproducible(double deterministicSeconds) {
        return new RebalanceOptions(maxMoveFraction, timeLimit, 1, arrTolerance, accountCountTolerance,
                randomSeed, moveCostFraction, null, deterministicSeconds, fullModelMaxPairs, neighbourhoodAccountsPerRep,
                candidateRepsPerAccount, balanceTolerance, maxDeviationWeight);
    }

    public RebalanceOptions withScale(int maxPairs, int accountsPerRep, int candidateReps) {
        return new RebalanceOptions(maxMoveFraction, timeLimit, workers, arrTolerance, accountCountTolerance,
                randomSeed, moveCostFraction, stopAfterNoImprovement, deterministicTimeLimit, maxPairs, accountsPerRep,
                candidateReps, balanceTolerance, maxDeviationWeight);
    }

    /** Stop searching once every rep is within {@code tolerance} of target and nothing cheaper is found (0: never). */
    public RebalanceOptions withBalanceTolerance(double tolerance) {
        return new RebalanceOptions(maxMoveFraction, timeLimit, workers, arrTolerance, accountCountTolerance,
                randomSeed, moveCostFraction, stopAfterNoImprovement, deterministicTimeLimit, fullModelMaxPairs,
                neighbourhoodAccountsPerRep, candidateRepsPerAccount, tolerance, maxDeviationWeight);
    }

    /** The largest relative deviation weighs as much as this many average reps' deviation (0: term off). */
    public RebalanceOptions withMaxDeviationWeight(long weight) {
        return new RebalanceOptions(maxMoveFraction, timeLimit, workers, arrTolerance, accountCountTolerance,
                randomSeed, moveCostFraction, stopAfterNoImprovement, deterministicTimeLimit, fullModelMaxPairs,
                neighbourhoodAccountsPerRep, candidateRepsPerAccount, balanceTolerance, weight);
    }

    /** Workers actually used: never more than the cores of this machine (8 workers on 2 cores find nothing). */
    public int effectiveWorkers() {
        return Math.max(1, Math.min(workers, Runtime.getRuntime().availableProcessors()));
    }

    private static void requireTolerance(String name, Double value) {
        if (value != null && !(value >= 0)) {
            throw new IllegalArgumentException(name + " must be >= 0: " + value);
        }
    }
}
