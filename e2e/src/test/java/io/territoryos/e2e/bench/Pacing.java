package io.territoryos.e2e.bench;

import java.util.concurrent.locks.LockSupport;

/** A fixed send rate without drift: the i-th event is due at start + i/rate, whatever the earlier sends cost. */
public final class Pacing {

    private Pacing() {
    }

    /** Waits until event {@code i} of a feed that began at {@code startNanos} ({@link System#nanoTime}) is due. */
    public static void awaitDue(long startNanos, long i, int rate) {
        long wait = startNanos + i * 1_000_000_000L / rate - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
