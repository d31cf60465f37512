package io.territoryos.e2e.drill;

import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.ProposalStatus;
import io.territoryos.contracts.avro.RebalanceCommand;
import io.territoryos.contracts.avro.RebalanceProposal;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.ScoringWeights;
import io.territoryos.contracts.avro.TerritoryHealth;
import io.territoryos.contracts.cdc.ChangeEvent;
import io.territoryos.contracts.cdc.DebeziumDecoder;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.scoring.domain.Weights;
import io.territoryos.scoring.mapping.ScoringMapping;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the topics hold, read incrementally from the beginning (read_committed, no consumer group): the last record of
 * every account on crm.accounts, the latest score, health and weights, every command and proposal. {@link #catchUp}
 * reads to the current end; {@link #evaluate} checks the {@link Invariants} on what was read.
 */
final class TopicsView implements AutoCloseable {

    /** the statuses a solve answers a request with; a proposal's later records (approved, superseded, …) are not answers */
    private static final Set<String> SOLVE_OUTCOMES = Set.of(ProposalStatus.PENDING_APPROVAL.name(),
            ProposalStatus.NO_CHANGE.name(), ProposalStatus.FAILED.name());

    private final Tail accounts;
    private final Tail scored;
    private final Tail health;
    private final Tail weights;
    private final Tail commands;
    private final Tail proposals;

    final Map<String, byte[][]> lastAccountRecord = new HashMap<>();
    final Map<String, byte[]> latestScore = new HashMap<>();
    final Map<String, byte[]> latestHealth = new HashMap<>();
    final List<Weights> weightVersions = new ArrayList<>();
    final List<String> commandIds = new ArrayList<>();
    final List<Invariants.ProposalRecord> proposalRecords = new ArrayList<>();
    long keylessAccountRecords;

    private final Deserializer<ScoredAccount> scores = AvroSerdes.valueSerde(ScoredAccount.class, Map.of()).deserializer();
    private final Deserializer<TerritoryHealth> healths = AvroSerdes.valueSerde(TerritoryHealth.class, Map.of()).deserializer();
    private final Deserializer<ScoringWeights> weightsReader = AvroSerdes.valueSerde(ScoringWeights.class, Map.of()).deserializer();
    private final Deserializer<RebalanceCommand> commandReader = AvroSerdes.valueSerde(RebalanceCommand.class, Map.of()).deserializer();
    private final Deserializer<RebalanceProposal> proposalReader = AvroSerdes.valueSerde(RebalanceProposal.class, Map.of()).deserializer();

    TopicsView(String bootstrap) {
        accounts = new Tail(bootstrap, Topics.CRM_ACCOUNTS.name(), r -> {
            if (r.key() == null || r.key().length == 0) {
                keylessAccountRecords++;
                return;
            }
            String key = new String(r.key(), StandardCharsets.UTF_8);
            lastAccountRecord.put(key, new byte[][]{r.key(), r.value()});
        });
        scored = new Tail(bootstrap, Topics.ACCOUNTS_SCORED.name(), r -> latest(latestScore, r));
        health = new Tail(bootstrap, Topics.TERRITORY_HEALTH.name(), r -> latest(latestHealth, r));
        weights = new Tail(bootstrap, Topics.SCORING_WEIGHTS.name(), r -> {
            try {
                weightVersions.add(ScoringMapping.weights(weightsReader.deserialize(r.topic(), r.value())));
            } catch (RuntimeException e) {
                // an unreadable version: the service dead-letters it and keeps the one in force
            }
        });
        commands = new Tail(bootstrap, Topics.REBALANCE_COMMANDS.name(), r -> {
            if (r.value() != null) {
                commandIds.add(commandReader.deserialize(r.topic(), r.value()).getCommandId());
            }
        });
        proposals = new Tail(bootstrap, Topics.REBALANCE_PROPOSALS.name(), r -> {
            if (r.value() != null) {
                RebalanceProposal p = proposalReader.deserialize(r.topic(), r.value());
                proposalRecords.add(new Invariants.ProposalRecord(p.getProposalId(), p.getStatus().name(),
                        p.getCommand().getCommandId()));
            }
        });
    }

    private static void latest(Map<String, byte[]> map, ConsumerRecord<byte[], byte[]> r) {
        if (r.key() == null) {
            return;
        }
        String key = new String(r.key(), StandardCharsets.UTF_8);
        if (r.value() == null) {
            map.remove(key);
        } else {
            map.put(key, r.value());
        }
    }

    /** Reads every topic to its current end (at most {@code timeout}; false when one did not get there). */
    boolean catchUp(Duration timeout) {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        boolean all = true;
        for (Tail t : List.of(accounts, scored, health, weights, commands, proposals)) {
            all &= t.toEnd(deadline);
        }
        return all;
    }

    /** The figures of the invariants on what has been read. */
    record Evaluation(Invariants.PotentialBalance balance, Invariants.FormulaCheck formula, Invariants.Duplicates duplicates,
                      int weightsVersion, int undecodableLastRows) {
        boolean holds() {
            return balance.holds() && formula.holds() && duplicates.none();
        }
    }

    Evaluation evaluate() {
        Map<String, CrmAccount> rows = new HashMap<>();
        Set<String> skipped = new HashSet<>();
        int undecodable = 0;
        for (byte[][] record : lastAccountRecord.values()) {
            ChangeEvent event;
            try {
                event = DebeziumDecoder.decode(record[0], record[1], CrmAccount.ID_FIELD);
            } catch (RuntimeException e) {
                undecodable++; // dead-lettered: whatever score the account has is that of an earlier record
                String id = DebeziumDecoder.deadLetterKey(record[0], CrmAccount.ID_FIELD);
                if (id != null) {
                    skipped.add(id);
                }
                continue;
            }
            if (event.removesRow()) {
                rows.remove(event.id());
                continue;
            }
            try {
                CrmAccount row = CrmAccount.from(event.id(), event.after());
                ScoringMapping.inputs(row);
                rows.put(event.id(), row);
            } catch (RuntimeException e) {
                undecodable++;
                skipped.add(event.id()); // last record dead-lettered: the score is that of an earlier row
            }
        }
        Map<String, ScoredAccount> scoresById = new HashMap<>();
        latestScore.forEach((id, bytes) -> scoresById.put(id, scores.deserialize(Topics.ACCOUNTS_SCORED.name(), bytes)));
        List<TerritoryHealth> territories = new ArrayList<>();
        latestHealth.values().forEach(bytes -> territories.add(healths.deserialize(Topics.TERRITORY_HEALTH.name(), bytes)));
        Weights inForce = Invariants.weightsInForce(weightVersions);
        return new Evaluation(Invariants.potentialBalance(territories.stream().map(TerritoryHealth::getPotentialTotal).toList(),
                scoresById.values().stream().map(ScoredAccount::getPotential).toList()),
                Invariants.formula(rows, skipped, scoresById, inForce),
                Invariants.duplicates(commandIds, proposalRecords), inForce.version(), undecodable);
    }

    /** The latest health of every rep, decoded. */
    Map<String, TerritoryHealth> healthByRep() {
        Map<String, TerritoryHealth> out = new HashMap<>();
        latestHealth.forEach((rep, bytes) -> out.put(rep, healths.deserialize(Topics.TERRITORY_HEALTH.name(), bytes)));
        return out;
    }

    /** Current rows of the CRM's accounts, decoded (the feed updates these). */
    List<CrmAccount> accountRows() {
        List<CrmAccount> out = new ArrayList<>();
        for (byte[][] record : lastAccountRecord.values()) {
            try {
                ChangeEvent event = DebeziumDecoder.decode(record[0], record[1], CrmAccount.ID_FIELD);
                if (!event.removesRow()) {
                    out.add(CrmAccount.from(event.id(), event.after()));
                }
            } catch (RuntimeException e) {
                // not a row
            }
        }
        out.sort(java.util.Comparator.comparing(CrmAccount::accountId));
        return out;
    }

    /**
     * The records of one proposal that answer its solve, in the order published: one when the request was answered
     * once (pending approval, no change, or failed); its later steps (superseded, stale, …) are left out.
     */
    List<String> solveAnswers(String proposalId) {
        return proposalRecords.stream().filter(p -> p.proposalId().equals(proposalId))
                .map(Invariants.ProposalRecord::status).filter(SOLVE_OUTCOMES::contains).toList();
    }

    long proposalCount(String proposalId, String status) {
        return proposalRecords.stream().filter(p -> p.proposalId().equals(proposalId)
                && (status == null || p.status().equals(status))).count();
    }

    @Override
    public void close() {
        for (Tail t : List.of(accounts, scored, health, weights, commands, proposals)) {
            t.consumer.close();
        }
    }

    /** One topic read from the beginning by an assigned consumer. */
    static final class Tail {
        final KafkaConsumer<byte[], byte[]> consumer;
        private final List<TopicPartition> partitions;
        private final Consumer<ConsumerRecord<byte[], byte[]>> apply;

        Tail(String bootstrap, String topic, Consumer<ConsumerRecord<byte[], byte[]>> apply) {
            consumer = consumer(bootstrap);
            partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            this.apply = apply;
        }

        boolean toEnd(long deadline) {
            Map<TopicPartition, Long> end;
            try {
                end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                return false;
            }
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.currentTimeMillis() > deadline) {
                    return false;
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    apply.accept(r);
                }
            }
            return true;
        }
    }

    static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000, ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 32 << 20),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
