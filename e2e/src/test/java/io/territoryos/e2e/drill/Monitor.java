package io.territoryos.e2e.drill;

import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.RebalanceProposal;
import io.territoryos.contracts.serde.AvroSerdes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches the stack while a drill runs: the arrival time of every committed record on the output topics (from their
 * end when the watch started), and, every 250 ms, each consumer group's committed offsets and lag. Answers "when did
 * this service produce or commit again after the restart" and "when was it caught up".
 */
final class Monitor implements AutoCloseable {

    static final List<String> OUTPUTS = List.of(Topics.ACCOUNTS_SCORED.name(), Topics.TERRITORY_HEALTH.name(),
            Topics.TEAM_BALANCE.name(), Topics.REBALANCE_COMMANDS.name(), Topics.REBALANCE_PROPOSALS.name(),
            Topics.TERRITORY_ALERTS.name());
    static final List<String> GROUPS = List.of("scoring-service", "territory-service", "territory-service-history",
            "trigger-service", "optimizer-service");

    record Sample(long at, long committed, long lag) {
    }

    record ProposalArrival(long at, String proposalId, String status) {
    }

    private final Stack stack;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, List<Long>> arrivals = new HashMap<>();
    private final Map<String, List<Sample>> samples = new HashMap<>();
    private final List<ProposalArrival> proposals = new ArrayList<>();
    private final Deserializer<RebalanceProposal> proposalReader = AvroSerdes.valueSerde(RebalanceProposal.class, Map.of()).deserializer();
    private volatile boolean running = true;
    private final Thread records;
    private final Thread groups;

    Monitor(Stack stack) {
        this.stack = stack;
        consumer = TopicsView.consumer(stack.bootstrap);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : OUTPUTS) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            arrivals.put(topic, new ArrayList<>());
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        GROUPS.forEach(g -> samples.put(g, new ArrayList<>()));
        records = new Thread(this::readRecords, "drill-monitor-records");
        groups = new Thread(this::sampleGroups, "drill-monitor-groups");
        records.setDaemon(true);
        groups.setDaemon(true);
        records.start();
        groups.start();
    }

    private void readRecords() {
        while (running) {
            try {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.currentTimeMillis();
                    synchronized (this) {
                        arrivals.get(r.topic()).add(now);
                        if (r.topic().equals(Topics.REBALANCE_PROPOSALS.name()) && r.value() != null) {
                            RebalanceProposal p = proposalReader.deserialize(r.topic(), r.value());
                            proposals.add(new ProposalArrival(now, p.getProposalId(), p.getStatus().name()));
                        }
                    }
                }
            } catch (RuntimeException e) {
                sleep(200); // broker away: keep trying
            }
        }
    }

    private void sampleGroups() {
        while (running) {
            for (String g : GROUPS) {
                Map<TopicPartition, Long> offsets = stack.committed(g);
                long committed = offsets.isEmpty() ? -1 : offsets.values().stream().mapToLong(Long::longValue).sum();
                long lag = committed < 0 ? -1 : stack.lag(offsets);
                synchronized (this) {
                    samples.get(g).add(new Sample(System.currentTimeMillis(), committed, lag));
                }
            }
            sleep(250);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** First arrival on the topic at or after {@code t}; -1 when none yet. */
    synchronized long firstArrival(String topic, long t) {
        for (long at : arrivals.get(topic)) {
            if (at >= t) {
                return at;
            }
        }
        return -1;
    }

    synchronized long arrivalsBetween(String topic, long from, long to) {
        return arrivals.get(topic).stream().filter(at -> at >= from && at < to).count();
    }

    /** First sample after {@code t} whose committed offsets exceed those of the last sample at or before {@code t}. */
    synchronized long firstCommitAdvance(String group, long t) {
        long base = -1;
        for (Sample s : samples.get(group)) {
            if (s.at() <= t) {
                base = Math.max(base, s.committed());
            } else if (base >= 0 && s.committed() > base) {
                return s.at();
            }
        }
        return -1;
    }

    /** First sample after {@code t} with a known lag at or below {@code threshold}. */
    synchronized long firstLagAtMost(String group, long t, long threshold) {
        for (Sample s : samples.get(group)) {
            if (s.at() > t && s.lag() >= 0 && s.lag() <= threshold) {
                return s.at();
            }
        }
        return -1;
    }

    synchronized long maxLag(String group, long from, long to) {
        return samples.get(group).stream().filter(s -> s.at() >= from && s.at() <= to).mapToLong(Sample::lag).max().orElse(-1);
    }

    synchronized long lastLag(String group) {
        List<Sample> list = samples.get(group);
        return list.isEmpty() ? -1 : list.get(list.size() - 1).lag();
    }

    synchronized List<ProposalArrival> proposals(String proposalId) {
        return proposals.stream().filter(p -> p.proposalId().equals(proposalId)).toList();
    }

    @Override
    public void close() {
        running = false;
        try {
            records.join(2_000);
            groups.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(2));
    }
}
