package io.territoryos.territory.streams;

import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Places every change on the partition of its team key; segment statistics, which every team's quotas depend
 * on, go to every partition. The aggregation uses {@link #partitionOf} to know which territories are its own.
 */
final class TeamPartitioner implements StreamPartitioner<String, TerritoryEvent> {

    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, TerritoryEvent event, int partitions) {
        if (event != null && event.kind() == TerritoryEvent.Kind.SEGMENT_STATS) {
            return Optional.of(IntStream.range(0, partitions).boxed().collect(Collectors.toSet()));
        }
        return Optional.of(Set.of(partitionOf(key, partitions)));
    }
}
