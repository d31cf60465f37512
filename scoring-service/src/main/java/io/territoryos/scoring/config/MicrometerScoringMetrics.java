package io.territoryos.scoring.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.territoryos.contracts.streams.DeadLetterProductionExceptionHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.territoryos.scoring.streams.ScoringMetrics;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prometheus meters of the scoring topology: events in, scored, unchanged, removed, dead-lettered, the weights
 * version in force and the progress of a re-scoring (accounts still to look at, summed over the tasks).
 */
@ApplicationScoped
public class MicrometerScoringMetrics implements ScoringMetrics {

    private record TaskProgress(int version, long visited, long remaining) {
    }

    private final MeterRegistry registry;
    private final Counter scored;
    private final Counter unchanged;
    private final Counter removed;
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLettered = new ConcurrentHashMap<>();
    private final Map<String, TaskProgress> tasks = new ConcurrentHashMap<>();

    public MicrometerScoringMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.scored = Counter.builder("scoring.accounts.scored").description("Scores published").register(registry);
        this.unchanged = Counter.builder("scoring.accounts.unchanged")
                .description("Changes that left the published output as it was").register(registry);
        this.removed = Counter.builder("scoring.accounts.removed").description("Tombstones published for deleted accounts")
                .register(registry);
        Gauge.builder("scoring.weights.version", tasks,
                        t -> t.values().stream().mapToInt(TaskProgress::version).max().orElse(0))
                .description("Weights version in force (highest over this instance's tasks)").register(registry);
        Gauge.builder("scoring.rescore.remaining.accounts", tasks,
                        t -> t.values().stream().mapToLong(TaskProgress::remaining).sum())
                .description("Accounts still to re-score under the newest weights version (estimate)").register(registry);
        Gauge.builder("scoring.rescore.visited.accounts", tasks,
                        t -> t.values().stream().mapToLong(TaskProgress::visited).sum())
                .description("Accounts looked at by the latest re-scoring of each task").register(registry);
        FunctionCounter.builder("scoring.dead.letters.dropped", DeadLetterProductionExceptionHandler.class,
                        h -> DeadLetterProductionExceptionHandler.droppedDeadLetters())
                .description("Dead letters that could not be serialized, skipped so that the stream goes on").register(registry);
        FunctionCounter.builder("scoring.dead.letters.refused", DeadLetterProductionExceptionHandler.class,
                        h -> DeadLetterProductionExceptionHandler.refusedDeadLetters())
                .description("Dead letters the broker refused as too large; each lowered the letter bound and the "
                        + "stream thread re-processed with the cut letter").register(registry);
    }

    @Override
    public void replayIgnored(String topic) {
        registry.counter("scoring.config.replays.ignored", "topic", topic).increment();
    }

    @Override
    public void received(String topic) {
        received.computeIfAbsent(topic, t -> Counter.builder("scoring.events.received").tag("topic", t)
                .description("Records read from an input topic").register(registry)).increment();
    }

    @Override
    public void scored() {
        scored.increment();
    }

    @Override
    public void unchanged() {
        unchanged.increment();
    }

    @Override
    public void removed() {
        removed.increment();
    }

    @Override
    public void deadLettered(String deadLetterTopic, String errorType) {
        deadLettered.computeIfAbsent(deadLetterTopic + "|" + errorType, k -> Counter.builder("scoring.dead.letters")
                .tag("topic", deadLetterTopic).tag("error_type", errorType)
                .description("Records sent to a dead-letter topic").register(registry)).increment();
    }

    @Override
    public void weightsInForce(String task, int version) {
        tasks.compute(task, (t, p) -> p == null || p.version() != version ? new TaskProgress(version, 0, 0) : p);
    }

    @Override
    public void rescoreProgress(String task, int version, long visited, long remaining) {
        tasks.put(task, new TaskProgress(version, visited, remaining));
    }
}
