package io.territoryos.scoring.streams;

import io.territoryos.scoring.domain.AccountScore;
import io.territoryos.scoring.domain.Weights;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads the scoring state of this instance's tasks: an account's inputs and last published score, and the
 * weights in force with the progress of a re-scoring. Throws
 * {@link org.apache.kafka.streams.errors.InvalidStateStoreException} while the stores are not queryable
 * (starting, rebalancing).
 */
public final class ScoringQueries {

    /**
     * @param inForce           the newest version any local task applies (version 0 = built-in defaults)
     * @param tasks             local scoring tasks
     * @param tasksBehind       local tasks that have not received that version yet
     * @param tasksRescoring    local tasks still re-scoring their accounts
     * @param remainingAccounts estimate of local accounts still to re-score
     */
    public record WeightsStatus(Weights inForce, int tasks, int tasksBehind, int tasksRescoring, long remainingAccounts) {

        /** Every local account names the version in force. */
        public boolean rescoreComplete() {
            return tasksBehind == 0 && tasksRescoring == 0;
        }
    }

    private final KafkaStreams streams;

    public ScoringQueries(KafkaStreams streams) {
        this.streams = streams;
    }

    public Optional<AccountScore> accountScore(String accountId) {
        ReadOnlyKeyValueStore<String, AccountScore> store = streams.store(StoreQueryParameters.fromNameAndType(
                ScoringTopology.ACCOUNT_SCORES_STORE, QueryableStoreTypes.<String, AccountScore>keyValueStore()));
        return Optional.ofNullable(store.get(accountId));
    }

    public WeightsStatus weights() {
        ReadOnlyKeyValueStore<String, ScoringTaskState> store = streams.store(StoreQueryParameters.fromNameAndType(
                ScoringTopology.SCORING_TASK_STORE, QueryableStoreTypes.<String, ScoringTaskState>keyValueStore()));
        List<ScoringTaskState> tasks = new ArrayList<>();
        // one entry per local task: all() walks every task's store, get() would stop at the first
        try (KeyValueIterator<String, ScoringTaskState> all = store.all()) {
            all.forEachRemaining(entry -> tasks.add(entry.value));
        }
        Weights inForce = tasks.stream().map(ScoringTaskState::inForce)
                .max(Comparator.comparingInt(Weights::version)).orElse(Weights.defaults());
        int behind = (int) tasks.stream().filter(t -> t.inForce().version() < inForce.version()).count();
        int rescoring = (int) tasks.stream().filter(t -> t.rescore() != null).count();
        long remaining = tasks.stream().filter(t -> t.rescore() != null).mapToLong(t -> t.rescore().remaining()).sum();
        return new WeightsStatus(inForce, tasks.size(), behind, rescoring, remaining);
    }
}
