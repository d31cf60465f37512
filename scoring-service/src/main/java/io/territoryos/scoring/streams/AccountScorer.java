package io.territoryos.scoring.streams;

import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.scoring.domain.AccountScore;
import io.territoryos.scoring.domain.AccountScoring;
import io.territoryos.scoring.domain.Weights;
import io.territoryos.scoring.mapping.ScoringMapping;
import io.territoryos.scoring.streams.ScoringInput.AccountChanged;
import io.territoryos.scoring.streams.ScoringInput.AccountRemoved;
import io.territoryos.scoring.streams.ScoringInput.WeightsPublished;
import io.territoryos.scoring.streams.ScoringTaskState.Rescore;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the account changes and weights versions of one partition, keeps each account's latest inputs and
 * score, and publishes a score only when it differs from the last one published (a tombstone on delete).
 * A new weights version re-scores every account of the task in bounded steps, each in its own transaction:
 * the first step at once, the rest on a wall-clock punctuation.
 */
final class AccountScorer implements Processor<String, ScoringInput, String, ScoredAccount> {

    private final ScoringTopologyConfig config;
    private final ScoringMetrics metrics;
    private final Clock clock;
    private ProcessorContext<String, ScoredAccount> context;
    private KeyValueStore<String, AccountScore> accounts;
    private KeyValueStore<String, ScoringTaskState> taskState;
    private String task;
    private Weights inForce;
    private Rescore rescore;
    private boolean stateRecorded;

    AccountScorer(ScoringTopologyConfig config, ScoringMetrics metrics, Clock clock) {
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, ScoredAccount> context) {
        this.context = context;
        this.accounts = context.getStateStore(ScoringTopology.ACCOUNT_SCORES_STORE);
        this.taskState = context.getStateStore(ScoringTopology.SCORING_TASK_STORE);
        this.task = context.taskId().toString();
        ScoringTaskState restored = taskState.get(ScoringTaskState.KEY);
        stateRecorded = restored != null;
        inForce = restored == null ? Weights.defaults() : restored.inForce();
        rescore = restored == null ? null : restored.rescore();
        metrics.weightsInForce(task, inForce.version());
        context.schedule(config.rescoreInterval(), PunctuationType.WALL_CLOCK_TIME, now -> rescoreStep());
    }

    @Override
    public void process(Record<String, ScoringInput> record) {
        ScoringInput input = record.value();
        if (input instanceof AccountChanged changed) {
            AccountScore previous = accounts.get(record.key());
            AccountScoring.onChange(previous, changed.inputs(), inForce, changed.source(), changed.sourceEventTime(), clock.millis())
                    .ifPresentOrElse(next -> publish(next, record.timestamp()), metrics::unchanged);
        } else if (input instanceof AccountRemoved removed) {
            remove(removed.accountId(), record.timestamp());
        } else if (input instanceof WeightsPublished published) {
            apply(published, record.timestamp());
        }
    }

    private void remove(String accountId, long timestamp) {
        if (accounts.get(accountId) == null) {
            metrics.unchanged(); // the tombstone after a delete, or a delete of an account never scored
            return;
        }
        accounts.delete(accountId);
        context.forward(new Record<>(accountId, null, timestamp));
        metrics.removed();
    }

    private void apply(WeightsPublished published, long timestamp) {
        Weights weights = published.weights();
        if (weights.version() <= inForce.version()) {
            return; // a replayed version: already applied
        }
        inForce = weights;
        rescore = new Rescore(weights.version(), null, 0, accounts.approximateNumEntries(), published.source(), timestamp);
        metrics.weightsInForce(task, weights.version());
        rescoreStep();
    }

    /** Re-scores the next batch of this task's accounts under the weights in force, then records how far it got. */
    private void rescoreStep() {
        if (rescore == null) {
            if (!stateRecorded) { // so that queries see this task, and see it behind, before its first version
                taskState.put(ScoringTaskState.KEY, new ScoringTaskState(inForce, null));
                stateRecorded = true;
            }
            return;
        }
        List<KeyValue<String, AccountScore>> batch = new ArrayList<>(Math.min(config.rescoreBatchSize(), 1024));
        boolean more;
        // collect first, write after: never modify the store under an open iterator
        try (KeyValueIterator<String, AccountScore> it =
                     rescore.afterKey() == null ? accounts.all() : accounts.range(rescore.afterKey(), null)) {
            while (batch.size() < config.rescoreBatchSize() && it.hasNext()) {
                KeyValue<String, AccountScore> next = it.next();
                if (!next.key.equals(rescore.afterKey())) {
                    batch.add(next);
                }
            }
            more = it.hasNext();
        }
        long now = clock.millis();
        for (KeyValue<String, AccountScore> account : batch) {
            AccountScoring.onWeights(account.value, inForce, rescore.source(), now)
                    .ifPresent(next -> publish(next, rescore.timestamp()));
        }
        Rescore advanced = rescore.advancedTo(batch.isEmpty() ? rescore.afterKey() : batch.get(batch.size() - 1).key, batch.size());
        rescore = more ? advanced : null;
        taskState.put(ScoringTaskState.KEY, new ScoringTaskState(inForce, rescore));
        stateRecorded = true;
        metrics.rescoreProgress(task, inForce.version(), advanced.visited(), more ? advanced.remaining() : 0);
    }

    private void publish(AccountScore score, long timestamp) {
        accounts.put(score.accountId(), score);
        context.forward(new Record<>(score.accountId(), ScoringMapping.scoredAccount(score), timestamp));
        metrics.scored();
    }
}
