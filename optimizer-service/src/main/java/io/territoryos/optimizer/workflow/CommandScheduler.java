package io.territoryos.optimizer.workflow;

import io.territoryos.contracts.avro.TriggerType;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Solves commands on a pool of solver threads, most urgent first (then in order of arrival), never two of one
 * team at the same time: a team's exit does not wait behind other teams' drift, and supersede sees one team's
 * commands one after the other.
 * <p>
 * A task that fails with {@link CommandRejected} is done: its future fails with it (the caller dead-letters the
 * command). Any other failure is the infrastructure's (MongoDB or Kafka unreachable, the book view behind): the
 * task goes back into the queue after a backoff that doubles up to a maximum, as often as it takes, and its
 * future completes only when it succeeds. Closing the scheduler leaves unfinished futures incomplete, so that
 * their commands are never acknowledged and come back after a restart.
 */
public final class CommandScheduler implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CommandScheduler.class);

    /** Order of service: exits, lost whales and new markets first, a person's request next, drift last. */
    public enum Urgency {
        URGENT, REQUESTED, ROUTINE;

        public static Urgency of(TriggerType type) {
            if (type == null) {
                return ROUTINE;
            }
            return switch (type) {
                case REP_EXIT, WHALE_CHURN, NEW_MARKET -> URGENT;
                case MANUAL -> REQUESTED;
                case DRIFT, ICP_WEIGHTS_CHANGED -> ROUTINE;
            };
        }
    }

    /** One unit of work; any exception but {@link CommandRejected} is retried. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /** Told when a task starts, with how long it waited in the queue (for logs, metrics and tests). */
    @FunctionalInterface
    public interface Listener {
        void started(String team, String label, Urgency urgency, int attempt, Duration waited);
    }

    private static final class Task {
        final String team;
        final Urgency urgency;
        final String label;
        final Work work;
        final long sequence;
        final long queuedAt = System.nanoTime();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        int attempt;

        Task(String team, Urgency urgency, String label, Work work, long sequence) {
            this.team = team;
            this.urgency = urgency;
            this.label = label;
            this.work = work;
            this.sequence = sequence;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final TreeSet<Task> queue = new TreeSet<>(Comparator.<Task, Urgency>comparing(t -> t.urgency)
            .thenComparingLong(t -> t.sequence));
    private final Set<String> busyTeams = new HashSet<>();
    /** Tasks accepted and not finished: queued, solving, or waiting out a backoff. */
    private int outstanding;
    private final List<CompletableFuture<Void>> waitingForRoom = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final List<Thread> solvers = new ArrayList<>();
    private final ScheduledExecutorService retries;
    private final int capacity;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Listener listener;
    private volatile boolean running = true;

    /**
     * @param solverThreads commands solved at the same time (at least 1)
     * @param capacity      accepted-but-unfinished tasks above which {@link #room()} waits (backpressure)
     */
    public CommandScheduler(int solverThreads, int capacity, Duration firstBackoff, Duration maxBackoff, Listener listener) {
        if (solverThreads < 1 || capacity < 1) {
            throw new IllegalArgumentException("a scheduler needs at least one solver thread and room for one task");
        }
        this.capacity = capacity;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.listener = listener == null ? (team, label, urgency, attempt, waited) -> { } : listener;
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "optimizer-solve-retry");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < solverThreads; i++) {
            Thread thread = new Thread(this::solveForever, "optimizer-solver-" + (i + 1));
            thread.setDaemon(true);
            solvers.add(thread);
            thread.start();
        }
    }

    /** Solver threads: as configured, else (0 or less) one per available processor. */
    public static int solverThreads(int configured) {
        return configured > 0 ? configured : Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** CP-SAT workers per solve so that solver threads × workers stays within the cores (at least one). */
    public static int workersPerSolve(int configuredWorkers, int solverThreads) {
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        return Math.max(1, Math.min(configuredWorkers, cores / Math.max(1, solverThreads)));
    }

    /**
     * Queues one task. {@code team} null = not serialized with anything. The future completes when the work has
     * run without an exception, or fails with the {@link CommandRejected} it threw.
     */
    public CompletableFuture<Void> submit(String team, Urgency urgency, String label, Work work) {
        Task task = new Task(team, urgency, label, work, sequence.incrementAndGet());
        lock.lock();
        try {
            if (!running) {
                throw new IllegalStateException("the command scheduler is closed");
            }
            outstanding++;
            queue.add(task);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        return task.done;
    }

    /** Completes once fewer than the capacity's tasks are unfinished: the caller's cue to hand over the next one. */
    public CompletableFuture<Void> room() {
        CompletableFuture<Void> room = new CompletableFuture<>();
        lock.lock();
        try {
            if (outstanding < capacity || !running) {
                room.complete(null);
            } else {
                waitingForRoom.add(room);
            }
        } finally {
            lock.unlock();
        }
        return room;
    }

    /** Tasks accepted and not finished. */
    public int outstanding() {
        lock.lock();
        try {
            return outstanding;
        } finally {
            lock.unlock();
        }
    }

    private void solveForever() {
        while (running) {
            Task task;
            lock.lock();
            try {
                task = next();
                while (task == null && running) {
                    changed.await();
                    task = next();
                }
                if (task == null) {
                    return;
                }
                queue.remove(task);
                if (task.team != null) {
                    busyTeams.add(task.team);
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            run(task);
        }
    }

    /** The most urgent, longest-waiting task whose team is not being solved; null when there is none. */
    private Task next() {
        for (Task task : queue) {
            if (task.team == null || !busyTeams.contains(task.team)) {
                return task;
            }
        }
        return null;
    }

    private void run(Task task) {
        task.attempt++;
        Throwable rejected = null;
        boolean finished = true;
        try {
            listener.started(task.team, task.label, task.urgency, task.attempt,
                    Duration.ofNanos(System.nanoTime() - task.queuedAt));
            task.work.run();
        } catch (CommandRejected e) {
            rejected = e;
        } catch (InterruptedException e) {
            finished = false; // closing: the command is not acknowledged and comes back after a restart
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            finished = false;
            if (running) {
                Duration delay = backoff(task.attempt);
                LOG.warnf("%s (team %s) failed on attempt %d, retrying in %d ms: %s", task.label, task.team,
                        task.attempt, delay.toMillis(), e);
                retries.schedule(() -> requeue(task), delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        // the team and the slot are free before anyone hears of the outcome
        release(task, finished);
        if (finished) {
            if (rejected == null) {
                task.done.complete(null);
            } else {
                task.done.completeExceptionally(rejected);
            }
        }
    }

    private Duration backoff(int attempt) {
        long millis = firstBackoff.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    private void requeue(Task task) {
        lock.lock();
        try {
            if (running) {
                queue.add(task);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void release(Task task, boolean finished) {
        List<CompletableFuture<Void>> toComplete = List.of();
        lock.lock();
        try {
            if (task.team != null) {
                busyTeams.remove(task.team);
            }
            if (finished) {
                outstanding--;
                if (outstanding < capacity && !waitingForRoom.isEmpty()) {
                    toComplete = new ArrayList<>(waitingForRoom);
                    waitingForRoom.clear();
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        toComplete.forEach(room -> room.complete(null));
    }

    @Override
    public void close() {
        List<CompletableFuture<Void>> toComplete;
        lock.lock();
        try {
            running = false;
            queue.clear();
            changed.signalAll();
            toComplete = new ArrayList<>(waitingForRoom);
            waitingForRoom.clear();
        } finally {
            lock.unlock();
        }
        toComplete.forEach(room -> room.complete(null));
        retries.shutdownNow();
        for (Thread solver : solvers) {
            solver.interrupt();
        }
        for (Thread solver : solvers) {
            try {
                solver.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
