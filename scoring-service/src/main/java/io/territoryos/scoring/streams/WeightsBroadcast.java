package io.territoryos.scoring.streams;

import org.apache.kafka.streams.processor.StreamPartitioner;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Partitions the scoring inputs: account records by their id (the default), weights versions to every
 * partition, so that each scoring task sees every version in order with the changes of its own accounts.
 */
final class WeightsBroadcast implements StreamPartitioner<String, ScoringInput> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, ScoringInput value, int numPartitions) {
        if (value instanceof ScoringInput.WeightsPublished) {
            return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()));
        }
        return Optional.empty();
    }
}
