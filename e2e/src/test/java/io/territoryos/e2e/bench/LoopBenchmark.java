package io.territoryos.e2e.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.Evidence;
import io.territoryos.contracts.avro.RebalanceProposal;
import io.territoryos.contracts.avro.RepStatus;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.TriggerType;
import io.territoryos.contracts.cdc.ChangeEvent;
import io.territoryos.contracts.cdc.ChangeOp;
import io.territoryos.contracts.cdc.DebeziumDecoder;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.contracts.crm.CrmRep;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.demo.cdc.CdcFormat;
import io.territoryos.demo.cdc.CdcRecord;
import io.territoryos.demo.cdc.DebeziumEventWriter;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The closed loop on a running local stack (issue 9): the time from the CDC event that fires a trigger to its
 * proposal on rebalance.proposals, for a rep set to EXITED and for a whale account deleted, in the team named (or
 * the largest team). Each round sends the change with {@code ts_ms} = now, waits for the proposal whose command
 * names that rep or account, and puts the CRM back (the rep ACTIVE again, the account re-created) before the next
 * round. Whales are different accounts each round (the cooldown is per account); a re-run on the same stack within
 * 24 h sets {@code LOOP_SKIP_WHALES} to the number of whales earlier runs deleted. The raw broker round trip of the
 * same bytes is measured in the same run. A main, not a test. Arguments:
 * {@code <bootstrap> <label> [team|largest] [rounds=3] [out=docs/bench/loop.json] [goalSeconds]}; the figures are
 * merged into the JSON file under the label.
 */
public final class LoopBenchmark {

    private static final Duration PROPOSAL_TIMEOUT = Duration.ofSeconds(120);

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String label = args.length > 1 ? args[1] : "default-demo";
        String teamArg = args.length > 2 ? args[2] : "largest";
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path out = Path.of(args.length > 4 ? args[4] : "docs/bench/loop.json");
        Double goal = args.length > 5 ? Double.valueOf(args[5]) : null;
        DebeziumEventWriter cdc = new DebeziumEventWriter(CdcFormat.defaults());

        Books books = Books.read(bootstrap);
        String team = teamArg.equals("largest") ? books.largestTeam() : teamArg;
        List<CrmRep> teamReps = books.reps.values().stream().filter(r -> team.equals(r.team())).toList();
        long active = teamReps.stream().filter(CrmRep::carriesBook).count();
        long teamAccounts = books.accounts.values().stream()
                .filter(a -> a.ownerRepId() != null && teamReps.stream().anyMatch(r -> r.repId().equals(a.ownerRepId())))
                .count();
        System.out.printf(Locale.ROOT, "loop benchmark '%s': team %s (%d active reps, %d accounts), %d reps and %d "
                + "accounts in the CRM, %d rounds each%n", label, team, active, teamAccounts, books.reps.size(),
                books.accounts.size(), rounds);

        List<Long> exits = new ArrayList<>();
        List<Long> whales = new ArrayList<>();
        List<Long> raw = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap);
             ProposalWatch watch = new ProposalWatch(bootstrap)) {
            List<CrmRep> leavers = teamReps.stream().filter(r -> r.status() == RepStatus.ACTIVE)
                    .sorted(Comparator.comparingDouble((CrmRep r) -> -books.potentialOf(r.repId()))).toList();
            // a whale churned within the trigger's 24 h cooldown fires nothing: a re-run on the same stack skips those
            int skip = Integer.parseInt(System.getenv().getOrDefault("LOOP_SKIP_WHALES", "0"));
            List<CrmAccount> allWhales = books.whales(teamReps);
            List<CrmAccount> whaleAccounts = allWhales.subList(Math.min(skip, allWhales.size()), allWhales.size());
            for (int round = 0; round < rounds; round++) {
                raw.add(rawRoundTrip(bootstrap, producer));
                CrmRep leaver = leavers.get(round % leavers.size());
                long sent = now();
                send(producer, cdc.rep(ChangeOp.UPDATE, leaver.withStatus(RepStatus.EXITED), sent));
                long exit = watch.await(p -> p.getCommand().getType() == TriggerType.REP_EXIT
                        && p.getCommand().getScope().getRepIds().contains(leaver.repId())
                        && p.getCommand().getSourceEventTime().toEpochMilli() >= sent, sent);
                exits.add(exit);
                System.out.printf(Locale.ROOT, "  round %d: %s EXITED -> proposal in %d ms%n", round + 1,
                        leaver.repId(), exit);
                send(producer, cdc.rep(ChangeOp.UPDATE, leaver, now()));
                if (round < whaleAccounts.size()) {
                    CrmAccount whale = whaleAccounts.get(round);
                    long deleted = now();
                    send(producer, cdc.accountDelete(whale.accountId(), deleted));
                    send(producer, cdc.accountTombstone(whale.accountId()));
                    long churn = watch.await(p -> p.getCommand().getType() == TriggerType.WHALE_CHURN
                            && p.getCommand().getSourceEventTime().toEpochMilli() >= deleted
                            && names(p, whale.accountId()), deleted);
                    whales.add(churn);
                    System.out.printf(Locale.ROOT, "  round %d: whale %s deleted -> proposal in %d ms%n", round + 1,
                            whale.accountId(), churn);
                    send(producer, cdc.account(ChangeOp.CREATE, whale, now()));
                }
                Thread.sleep(2_000);
            }
        }
        Stats exitStats = Stats.of(exits);
        Stats whaleStats = Stats.of(whales);
        Stats rawStats = Stats.of(raw);
        System.out.printf(Locale.ROOT, "REP_EXIT -> proposal: %s; WHALE_CHURN -> proposal: %s; raw round trip %s%n",
                exitStats, whaleStats, rawStats);
        if (goal != null) {
            System.out.printf(Locale.ROOT, "%s worst CDC event -> proposal %.1f s (goal <= %.0f s)%n",
                    Math.max(exitStats.max, whaleStats.max) <= goal * 1000 ? "PASS" : "MISS",
                    Math.max(exitStats.max, whaleStats.max) / 1000.0, goal);
        }
        write(out, label, team, active, teamAccounts, books, rounds, exitStats, whaleStats, rawStats, goal, args);
    }

    private static boolean names(RebalanceProposal proposal, String accountId) {
        for (Evidence evidence : proposal.getCommand().getEvidence()) {
            if (accountId.equals(evidence.getSubject())) {
                return true;
            }
        }
        return proposal.getCommand().getCommandId().contains(accountId);
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    /** Sends and returns the send time (the events carry ts_ms = the time they were built, just before). */
    private static long send(KafkaProducer<byte[], byte[]> producer, CdcRecord record) throws Exception {
        long at = now();
        producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value())).get();
        return at;
    }

    /** The raw broker in the same run: one record to a scratch topic, read back. */
    private static long rawRoundTrip(String bootstrap, KafkaProducer<byte[], byte[]> producer) throws Exception {
        String topic = "bench.loop-raw";
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 1, (short) 1))).all().get();
            }
        }
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, "read_uncommitted")) {
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0));
            producer.send(new ProducerRecord<>(topic, new byte[1], new byte[1])).get();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            consumer.position(partitions.get(0));
            long start = now();
            producer.send(new ProducerRecord<>(topic, 0, null, new byte[1], "raw".getBytes(StandardCharsets.UTF_8)));
            producer.flush();
            while (now() - start < 10_000) {
                if (!consumer.poll(Duration.ofMillis(5)).isEmpty()) {
                    return now() - start;
                }
            }
            return -1;
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 0), new ByteArraySerializer(), new ByteArraySerializer());
    }

    static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String isolation) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static void write(Path out, String label, String team, long activeReps, long teamAccounts, Books books,
                              int rounds, Stats exits, Stats whales, Stats raw, Double goal, String[] args)
            throws Exception {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = Files.exists(out) ? (ObjectNode) json.readTree(out.toFile()) : json.createObjectNode();
        root.put("benchmark", "loop");
        root.put("what", "CDC event that fires a trigger -> its proposal on rebalance.proposals, on the running local stack");
        ObjectNode runs = root.has("runs") ? (ObjectNode) root.get("runs") : root.putObject("runs");
        ObjectNode run = runs.putObject(label);
        run.put("date", Instant.now().toString());
        run.put("command", "./territory bench loop " + String.join(" ", java.util.Arrays.copyOfRange(args, 1, args.length)));
        run.put("machine", Runtime.getRuntime().availableProcessors() + " cores, load average "
                + String.format(Locale.ROOT, "%.2f",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        run.put("team", team);
        run.put("team_active_reps", activeReps);
        run.put("team_accounts", teamAccounts);
        run.put("crm_reps", books.reps.size());
        run.put("crm_accounts", books.accounts.size());
        run.put("rounds", rounds);
        exits.into(run.putObject("rep_exit_ms"));
        whales.into(run.putObject("whale_churn_ms"));
        raw.into(run.putObject("raw_round_trip_ms"));
        if (goal != null) {
            run.put("goal_s", goal);
            run.put("met", Math.max(exits.max, whales.max) <= goal * 1000);
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        json.writeValue(out.toFile(), root);
        System.out.println("figures merged into " + out + " under '" + label + "'");
    }

    /** Waits for the first proposal that matches, read from the end of rebalance.proposals as of construction. */
    private static final class ProposalWatch implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Deserializer<RebalanceProposal> reader =
                AvroSerdes.valueSerde(RebalanceProposal.class, Map.of()).deserializer();

        ProposalWatch(String bootstrap) {
            consumer = consumer(bootstrap, "read_committed");
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.REBALANCE_PROPOSALS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        /** Milliseconds from {@code sentAt} to the arrival of the first matching proposal. */
        long await(Predicate<RebalanceProposal> matches, long sentAt) {
            long deadline = now() + PROPOSAL_TIMEOUT.toMillis();
            while (now() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    if (record.value() != null) {
                        RebalanceProposal proposal = reader.deserialize(record.topic(), record.value());
                        if (matches.test(proposal)) {
                            return now() - sentAt;
                        }
                    }
                }
            }
            throw new IllegalStateException("no proposal within " + PROPOSAL_TIMEOUT);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    /** The CRM as the topics hold it now: the latest row of every rep and account, and scored potentials. */
    private static final class Books {
        final Map<String, CrmRep> reps = new HashMap<>();
        final Map<String, CrmAccount> accounts = new HashMap<>();
        final Map<String, Double> potential = new HashMap<>();

        static Books read(String bootstrap) {
            Books books = new Books();
            Deserializer<ScoredAccount> scored = AvroSerdes.valueSerde(ScoredAccount.class, Map.of()).deserializer();
            readAll(bootstrap, Topics.CRM_REPS.name(), record -> {
                ChangeEvent event = DebeziumDecoder.decode(record.key(), record.value(), CrmRep.ID_FIELD);
                if (event.removesRow()) {
                    books.reps.remove(event.id());
                } else {
                    books.reps.put(event.id(), CrmRep.from(event.id(), event.after()));
                }
            });
            readAll(bootstrap, Topics.CRM_ACCOUNTS.name(), record -> {
                ChangeEvent event = DebeziumDecoder.decode(record.key(), record.value(), CrmAccount.ID_FIELD);
                if (event.removesRow()) {
                    books.accounts.remove(event.id());
                } else {
                    books.accounts.put(event.id(), CrmAccount.from(event.id(), event.after()));
                }
            });
            readAll(bootstrap, Topics.ACCOUNTS_SCORED.name(), record -> {
                String id = new String(record.key(), StandardCharsets.UTF_8);
                if (record.value() == null) {
                    books.potential.remove(id);
                } else {
                    books.potential.put(id, scored.deserialize(record.topic(), record.value()).getPotential());
                }
            });
            return books;
        }

        String largestTeam() {
            Map<String, Long> sizes = new HashMap<>();
            reps.values().stream().filter(r -> r.team() != null && r.carriesBook())
                    .forEach(r -> sizes.merge(r.team(), 1L, Long::sum));
            return sizes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        }

        double potentialOf(String repId) {
            return accounts.values().stream().filter(a -> repId.equals(a.ownerRepId()))
                    .mapToDouble(a -> potential.getOrDefault(a.accountId(), 0.0)).sum();
        }

        /** The team's accounts with the largest share of their owner's territory (at least 10%: a whale). */
        List<CrmAccount> whales(List<CrmRep> teamReps) {
            Map<String, Double> territory = new HashMap<>();
            for (CrmRep rep : teamReps) {
                territory.put(rep.repId(), potentialOf(rep.repId()));
            }
            return accounts.values().stream()
                    .filter(a -> a.ownerRepId() != null && territory.containsKey(a.ownerRepId()))
                    .filter(a -> potential.getOrDefault(a.accountId(), 0.0) >= 0.12 * territory.get(a.ownerRepId()))
                    .sorted(Comparator.comparingDouble((CrmAccount a) -> -potential.getOrDefault(a.accountId(), 0.0)))
                    .toList();
        }

        private static void readAll(String bootstrap, String topic,
                                    java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> apply) {
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, "read_committed")) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        try {
                            apply.accept(record);
                        } catch (RuntimeException e) {
                            // a dead-lettered record: the services skipped it too
                        }
                    }
                }
            }
        }
    }

    /** Milliseconds over the rounds. */
    record Stats(int count, long min, long median, long max) {
        static Stats of(List<Long> values) {
            List<Long> sorted = values.stream().sorted().toList();
            if (sorted.isEmpty()) {
                return new Stats(0, 0, 0, 0);
            }
            return new Stats(sorted.size(), sorted.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
        }

        void into(ObjectNode node) {
            node.put("count", count);
            node.put("min", min);
            node.put("median", median);
            node.put("max", max);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d rounds, min %d ms, median %d ms, max %d ms", count, min, median, max);
        }
    }
}
