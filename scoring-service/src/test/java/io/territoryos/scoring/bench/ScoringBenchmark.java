package io.territoryos.scoring.bench;

import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.ScoringWeights;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.scoring.CrmEvents;
import io.territoryos.scoring.WeightsVersions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
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
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Throughput of a running scoring service against the raw broker, measured in one run (compare ratios, not
 * absolute numbers: +-30% between runs on 2 shared cores).
 * <ol>
 *   <li>raw: N Debezium JSON events produced to a scratch topic (4 partitions) and consumed back, same bytes;</li>
 *   <li>scored: the same N events (fresh account ids) produced to crm.accounts until N scores are committed
 *       on accounts.scored (read_committed);</li>
 *   <li>re-scored: a new weights version published until the service reports (GET /weights) that every task
 *       applies it and has re-scored all its accounts; the count is the service's re-score metric.</li>
 * </ol>
 * Each phase also reports the CPU an event cost this harness, the broker and the service (from /proc, when their
 * pids are given): on shared cores the CPU per event is steadier than the rate, and it bounds the rate ratio.
 * Arguments: {@code <bootstrap> [events=100000] [service=http://localhost:8081] [brokerPid] [servicePid]}.
 */
public final class ScoringBenchmark {

    private static final Pattern VERSION = Pattern.compile("\"inForce\":\\{\"version\":(\\d+)");
    private static final Pattern VISITED = Pattern.compile("(?m)^scoring_rescore_visited_accounts ([0-9.E]+)");
    private static final Pattern BLOCKED = Pattern.compile("(?m)^kafka_stream_thread_blocked_time_ns_total\\{[^}]*} ([0-9.E]+)");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        String service = args.length > 2 ? args[2] : "http://localhost:8081";
        Cpu cpu = new Cpu(args.length > 3 ? Long.parseLong(args[3]) : -1, args.length > 4 ? Long.parseLong(args[4]) : -1);
        String run = Long.toString(System.currentTimeMillis(), 36);
        String prefix = "BENCH-" + run + "-";
        List<byte[][]> payloads = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            CrmEvents e = CrmEvents.account(prefix + i).set("icp_fit", i % 101).set("current_arr", 1_000 + i);
            payloads.add(new byte[][]{e.key(), e.value()});
        }
        System.out.printf("%d events of ~%d bytes, run %s, weights v%d in force%n", events, payloads.get(0)[1].length,
                run, currentVersion(service));

        String rawTopic = "bench.raw-" + run;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // which topology ran: re-keying by account id shows as scoring-inputs, scoring as delivered as weights-broadcast
            System.out.println("service's internal topics: " + admin.listTopics().names().get().stream()
                    .filter(name -> name.startsWith("scoring-service-") && name.endsWith("-repartition")).sorted().toList());
            admin.createTopics(List.of(new NewTopic(rawTopic, Topics.CRM_ACCOUNTS.partitions(), (short) 1))).all().get();
        }
        long[] rawCpu = cpu.now();
        double raw = measure(bootstrap, rawTopic, rawTopic, payloads, new ByteArrayDeserializer(), r -> true, events);
        System.out.printf("raw produce->consume      : %,10.0f events/s%n", raw);
        long[] rawCpuSpent = cpu.since(rawCpu);
        cpu.print(rawCpuSpent, events);

        long[] scoredCpu = cpu.now();
        double blockedBefore = blockedNanos(service);
        long scoredStart = System.nanoTime();
        double scored = measure(bootstrap, Topics.CRM_ACCOUNTS.name(), Topics.ACCOUNTS_SCORED.name(), payloads,
                new ByteArrayDeserializer(), r -> r.key().startsWith(prefix) && r.value() != null, events);
        System.out.printf("scored (decode+score, EOS): %,10.0f events/s  = %.2f x raw%n", scored, scored / raw);
        long[] scoredCpuSpent = cpu.since(scoredCpu);
        cpu.print(scoredCpuSpent, events);
        // with every core busy, the rate ratio cannot beat the ratio of the CPU each event costs the machine
        if (cpu.known()) {
            System.out.printf("  CPU bound on the ratio   : %10.2f x (raw CPU per event / scored CPU per event)%n",
                    (double) Cpu.total(rawCpuSpent) / Cpu.total(scoredCpuSpent));
        }
        // the share of the phase the stream threads spent waiting on the broker (fetches, sends, commits)
        System.out.printf("  stream threads blocked   : %10.0f %% of the phase (summed over threads)%n",
                100 * (blockedNanos(service) - blockedBefore) / (System.nanoTime() - scoredStart));

        int version = currentVersion(service) + 1;
        ScoringWeights weights = WeightsVersions.version(version).build();
        byte[] value = AvroSerdes.valueSerde(ScoringWeights.class, Map.of()).serializer()
                .serialize(Topics.SCORING_WEIGHTS.name(), weights);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap), new ByteArraySerializer(), new ByteArraySerializer())) {
            long[] rescoreCpu = cpu.now();
            long start = System.nanoTime();
            producer.send(new ProducerRecord<>(Topics.SCORING_WEIGHTS.name(), weights.getFormulaVersion().getBytes(), value)).get();
            // the service's own view: every task on the new version and done (GET /weights), accounts visited (metric)
            String status = http(service + "/weights");
            long lastReport = start;
            while (!(status.contains("\"version\":" + version + ",") && status.contains("\"rescoreComplete\":true"))) {
                Thread.sleep(50);
                status = http(service + "/weights");
                if (System.nanoTime() - lastReport > 2_000_000_000L) {
                    lastReport = System.nanoTime();
                    System.out.println("  ... " + status.replaceAll(".*(\"tasks\".*)}", "$1"));
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Matcher visited = VISITED.matcher(http(service + "/q/metrics"));
            long accounts = visited.find() ? (long) Double.parseDouble(visited.group(1)) : 0;
            System.out.printf("re-scored (weights v%d)   : %,10.0f accounts/s (%,d accounts in %.2f s, every account in the store)%n",
                    version, accounts / seconds, accounts, seconds);
            cpu.print(cpu.since(rescoreCpu), accounts);
        }
    }

    /** Sends {@code payloads} to {@code in} and returns how many matching records per second arrive on {@code out}. */
    private static <V> double measure(String bootstrap, String in, String out, List<byte[][]> payloads,
                                      Deserializer<V> values, Predicate<ConsumerRecord<String, V>> counts,
                                      int expected) throws Exception {
        Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), values);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.BATCH_SIZE_CONFIG, 131_072,
                     ProducerConfig.LINGER_MS_CONFIG, 20), new ByteArraySerializer(), new ByteArraySerializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(out).stream()
                    .map(p -> new TopicPartition(out, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // fix the start before anything is sent
            long start = System.nanoTime();
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                payloads.forEach(p -> producer.send(new ProducerRecord<>(in, p[0], p[1])));
                producer.flush();
            });
            Set<String> seen = new HashSet<>(expected * 2);
            long lastReport = start;
            while (seen.size() < expected) {
                for (ConsumerRecord<String, V> record : consumer.poll(java.time.Duration.ofMillis(100))) {
                    if (counts.test(record)) {
                        seen.add(record.key() == null ? in + record.offset() : record.key() + "@" + record.partition() + "/" + record.offset());
                    }
                }
                if (System.nanoTime() - lastReport > 5_000_000_000L) {
                    lastReport = System.nanoTime();
                    System.out.printf("  ... %,d / %,d%n", seen.size(), expected);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            sending.get();
            return expected / seconds;
        }
    }

    /** The version in force, once the service's stores are queryable (it answers 503 until it runs). */
    private static int currentVersion(String service) throws Exception {
        for (int attempt = 0; attempt < 600; attempt++) {
            try {
                Matcher m = VERSION.matcher(http(service + "/weights"));
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the service at " + service + " did not become queryable");
    }

    /** Time the service's stream threads have spent blocked on the broker so far, summed over threads. */
    private static double blockedNanos(String service) throws Exception {
        Matcher m = BLOCKED.matcher(http(service + "/q/metrics"));
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    /**
     * CPU time used by this harness (producer and consumer), the broker and the service, from /proc: unlike a rate,
     * the CPU an event costs hardly moves with whatever else shares the cores. Pids below 1 are not known.
     */
    record Cpu(long brokerPid, long servicePid) {

        private static final double NANOS_PER_TICK = 1e9 / 100; // USER_HZ is 100 on Linux

        boolean known() {
            return brokerPid > 0 && servicePid > 0;
        }

        /** Nanoseconds of CPU so far: harness, broker, service. */
        long[] now() {
            return new long[]{ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                    .getProcessCpuTime(), ticks(brokerPid), ticks(servicePid)};
        }

        long[] since(long[] before) {
            long[] after = now();
            return new long[]{after[0] - before[0], after[1] - before[1], after[2] - before[2]};
        }

        static long total(long[] spent) {
            return spent[0] + spent[1] + spent[2];
        }

        void print(long[] spent, long events) {
            System.out.printf("  CPU per event            : harness %.1f us, broker %s, service %s%n", spent[0] / 1e3 / events,
                    brokerPid > 0 ? String.format("%.1f us", spent[1] / 1e3 / events) : "?",
                    servicePid > 0 ? String.format("%.1f us", spent[2] / 1e3 / events) : "?");
        }

        private static long ticks(long pid) {
            if (pid < 1) {
                return 0;
            }
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                // fields after the command (which may hold spaces): state is field 3, utime 14, stime 15
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (long) ((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }

    private static String http(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? response.body() : "";
    }

    private ScoringBenchmark() {
    }
}
