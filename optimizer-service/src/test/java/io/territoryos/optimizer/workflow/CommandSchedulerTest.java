package io.territoryos.optimizer.workflow;

import io.territoryos.contracts.avro.TriggerType;
import io.territoryos.optimizer.workflow.CommandScheduler.Urgency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The solver pool on real threads: urgency first, one team at a time, retries, backpressure. */
class CommandSchedulerTest {

    private CommandScheduler scheduler;

    @AfterEach
    void tearDown() {
        if (scheduler != null) {
            scheduler.close();
        }
    }

    @Test
    void shouldServeExitsWhalesAndNewMarketsBeforeARequestAndARequestBeforeDrift() {
        assertThat(Urgency.of(TriggerType.REP_EXIT)).isEqualTo(Urgency.URGENT);
        assertThat(Urgency.of(TriggerType.WHALE_CHURN)).isEqualTo(Urgency.URGENT);
        assertThat(Urgency.of(TriggerType.NEW_MARKET)).isEqualTo(Urgency.URGENT);
        assertThat(Urgency.of(TriggerType.MANUAL)).isEqualTo(Urgency.REQUESTED);
        assertThat(Urgency.of(TriggerType.DRIFT)).isEqualTo(Urgency.ROUTINE);
        assertThat(Urgency.of(TriggerType.ICP_WEIGHTS_CHANGED)).isEqualTo(Urgency.ROUTINE);
    }

    @Test
    void shouldSolveTheMostUrgentCommandFirstThenInOrderOfArrival() throws Exception {
        List<String> started = new CopyOnWriteArrayList<>();
        scheduler = new CommandScheduler(1, 100, Duration.ofMillis(10), Duration.ofMillis(10),
                (team, label, urgency, attempt, waited) -> started.add(label));
        CountDownLatch busy = new CountDownLatch(1);
        CompletableFuture<Void> first = scheduler.submit("A", Urgency.ROUTINE, "drift A", busy::await);
        awaitStarted(started, 1);
        List<CompletableFuture<Void>> all = new ArrayList<>(List.of(first,
                scheduler.submit("B", Urgency.ROUTINE, "drift B", () -> { }),
                scheduler.submit("C", Urgency.ROUTINE, "icp C", () -> { }),
                scheduler.submit("D", Urgency.REQUESTED, "manual D", () -> { }),
                scheduler.submit("E", Urgency.URGENT, "exit E", () -> { }),
                scheduler.submit("F", Urgency.URGENT, "whale F", () -> { })));
        busy.countDown();
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(started).containsExactly("drift A", "exit E", "whale F", "manual D", "drift B", "icp C");
    }

    @Test
    void shouldNeverSolveTwoCommandsOfOneTeamAtOnceButOtherTeamsMeanwhile() throws Exception {
        scheduler = new CommandScheduler(4, 100, Duration.ofMillis(10), Duration.ofMillis(10), null);
        Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        Map<String, Integer> mostAtOnce = new ConcurrentHashMap<>();
        AtomicInteger overall = new AtomicInteger();
        AtomicInteger mostOverall = new AtomicInteger();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String team = i % 3 == 0 ? "B" : "A";
            all.add(scheduler.submit(team, i % 2 == 0 ? Urgency.URGENT : Urgency.ROUTINE, "task " + i, () -> {
                int now = running.computeIfAbsent(team, t -> new AtomicInteger()).incrementAndGet();
                mostAtOnce.merge(team, now, Math::max);
                mostOverall.accumulateAndGet(overall.incrementAndGet(), Math::max);
                Thread.sleep(30);
                overall.decrementAndGet();
                running.get(team).decrementAndGet();
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

        assertThat(mostAtOnce).containsEntry("A", 1).containsEntry("B", 1);
        assertThat(mostOverall.get()).isEqualTo(2);
    }

    @Test
    void shouldRetryAFailureOfTheInfrastructureUntilItWorks() throws Exception {
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        scheduler = new CommandScheduler(2, 100, Duration.ofMillis(20), Duration.ofMillis(40),
                (team, label, urgency, attempt, waited) -> attempts.add(attempt));
        AtomicInteger calls = new AtomicInteger();

        CompletableFuture<Void> done = scheduler.submit("A", Urgency.URGENT, "exit A", () -> {
            if (calls.incrementAndGet() < 4) {
                throw new IllegalStateException("MongoDB unreachable");
            }
        });

        done.get(10, TimeUnit.SECONDS);
        assertThat(calls).hasValue(4);
        assertThat(attempts).containsExactly(1, 2, 3, 4);
        assertThat(scheduler.outstanding()).isZero();
    }

    @Test
    void shouldNotRetryARejectedCommand() {
        scheduler = new CommandScheduler(1, 100, Duration.ofMillis(10), Duration.ofMillis(10), null);
        AtomicInteger calls = new AtomicInteger();

        CompletableFuture<Void> done = scheduler.submit("A", Urgency.URGENT, "exit A", () -> {
            calls.incrementAndGet();
            throw CommandRejected.invalid("names no team");
        });

        assertThatThrownBy(() -> done.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(CommandRejected.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void shouldMakeTheCallerWaitWhileItIsFull() throws Exception {
        scheduler = new CommandScheduler(1, 2, Duration.ofMillis(10), Duration.ofMillis(10), null);
        CountDownLatch busy = new CountDownLatch(1);
        scheduler.submit("A", Urgency.ROUTINE, "one", busy::await);
        assertThat(scheduler.room()).isCompleted();
        scheduler.submit("B", Urgency.ROUTINE, "two", () -> { });

        CompletableFuture<Void> room = scheduler.room();

        assertThat(room).isNotDone();
        busy.countDown();
        room.get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldKeepSolvesAndTheirWorkersWithinTheCores() {
        int cores = Runtime.getRuntime().availableProcessors();

        assertThat(CommandScheduler.solverThreads(0)).isEqualTo(cores);
        assertThat(CommandScheduler.solverThreads(3)).isEqualTo(3);
        assertThat(CommandScheduler.workersPerSolve(8, cores)).isEqualTo(1);
        assertThat(CommandScheduler.workersPerSolve(8, 1)).isEqualTo(Math.min(8, cores));
        assertThat(CommandScheduler.workersPerSolve(2, 4 * cores)).isEqualTo(1);
    }

    private static void awaitStarted(List<String> started, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (started.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(started).hasSizeGreaterThanOrEqualTo(count);
    }
}
