package io.territoryos.demo.domain;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic randomness. Every account, rep and team draws from its own stream, derived from
 * (seed, purpose, index), so that account 123,456 can be generated without generating the ones before it and
 * two runs of a seed agree byte for byte. Gaussians use Box-Muller over StrictMath for the same reason.
 */
final class Rng {

    static final long ACCOUNT = 1;
    static final long REP = 2;
    static final long TEAM = 3;
    static final long SEED_BOOK = 4;
    static final long LAYOUT = 5;

    private final SplittableRandom random;

    private Rng(long streamSeed) {
        this.random = new SplittableRandom(streamSeed);
    }

    static Rng of(long seed, long purpose, long index) {
        return new Rng(mix(seed ^ mix(purpose * 0x9E3779B97F4A7C15L + index)));
    }

    /** SplitMix64's finaliser: spreads neighbouring inputs over the whole range. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    double uniform() {
        return random.nextDouble();
    }

    double between(double min, double max) {
        return min + (max - min) * random.nextDouble();
    }

    int below(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    double gaussian() {
        double u1 = 1.0 - random.nextDouble(); // (0, 1]: log is finite
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }

    /** Log-normal with the given median: the heavy right tail of ARR and whitespace. */
    double logNormal(double median, double sigma) {
        return median * StrictMath.exp(sigma * gaussian());
    }

    double exponential(double mean) {
        return -mean * StrictMath.log(1.0 - random.nextDouble());
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Picks by weight; weights need not sum to 1. */
    <T> T pick(List<T> values, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double target = random.nextDouble() * total;
        for (int i = 0; i < values.size(); i++) {
            target -= weights[i];
            if (target < 0) {
                return values.get(i);
            }
        }
        return values.get(values.size() - 1);
    }
}
