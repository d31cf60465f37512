package io.territoryos.scoring.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Keeps what the topology reported, for assertions. */
final class RecordingMetrics implements ScoringMetrics {

    record Progress(String task, int version, long visited, long remaining) {
    }

    final AtomicLong received = new AtomicLong();
    final AtomicLong scored = new AtomicLong();
    final AtomicLong unchanged = new AtomicLong();
    final AtomicLong removed = new AtomicLong();
    final List<String> deadLetters = new ArrayList<>();
    final List<Progress> progress = new ArrayList<>();

    @Override
    public void received(String topic) {
        received.incrementAndGet();
    }

    @Override
    public void scored() {
        scored.incrementAndGet();
    }

    @Override
    public void unchanged() {
        unchanged.incrementAndGet();
    }

    @Override
    public void removed() {
        removed.incrementAndGet();
    }

    @Override
    public synchronized void deadLettered(String deadLetterTopic, String errorType) {
        deadLetters.add(deadLetterTopic + ":" + errorType);
    }

    @Override
    public synchronized void rescoreProgress(String task, int version, long visited, long remaining) {
        progress.add(new Progress(task, version, visited, remaining));
    }
}
