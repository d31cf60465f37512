package io.territoryos.scoring.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 *   <li>pass 1, the snapshot (reported, not the goal): N Debezium JSON events, one new account each, produced to a
 *       scratch topic (4 partitions) and consumed back, then produced to crm.accounts until N scores are committed
 *       on accounts.scored (read_committed). Every JVM is still compiling here; the same events also fill and warm
 *       the floors;</li>
 *   <li>pass 2, sustained (the goal's figure): every account updated once (a scored input changes, so every event
 *       is published), the same bytes through the raw path, the floors and the service;</li>
 *   <li>re-scored: a new weights version published until the service reports (GET /weights) that every task
 *       applies it and has re-scored all its accounts; the count is the service's re-score metric.</li>
 * </ol>
 * The floors ({@link StreamsFloor}) are Kafka Streams pipelines in JVMs of their own with the service's settings
 * that do only the least a conforming scorer must do (exactly-once, read and replace each account's state, one
 * output): what they reach bounds what any implementation could reach on this machine.
 * Each phase also reports the CPU an event cost this harness, the broker and the service (from /proc, when their
 * pids are given): on shared cores the CPU per event is steadier than the rate, and it bounds the rate ratio.
 * Arguments: {@code <bootstrap> [events=100000] [service=http://localhost:8081] [brokerPid] [servicePid] [heap=512m]
 * [extra service JVM options] [figures.json] [pipeline.json]}: the figures go to the first file, and
 * {@code scoring_ratio_to_raw} into the second when it exists (the pipeline benchmark's, docs/bench/pipeline.json).
 */
public final class ScoringBenchmark {

    private static final Pattern VERSION = Pattern.compile("\"inForce\":\\{\"version\":(\\d+)");
    private static final Pattern VISITED = Pattern.compile("(?m)^scoring_rescore_visited_accounts ([0-9.E]+)");
    private static final Pattern BLOCKED = Pattern.compile("(?m)^kafka_stream_thread_blocked_time_ns_total\\{[^}]*} ([0-9.E]+)");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final java.time.Duration GIVE_UP = java.time.Duration.ofMinutes(10);

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        String service = args.length > 2 ? args[2] : "http://localhost:8081";
        Cpu cpu = new Cpu(args.length > 3 ? Long.parseLong(args[3]) : -1, args.length > 4 ? Long.parseLong(args[4]) : -1);
        // the service's JVM options, for the floors: heap, collector, and any extra ones (the RocksDB budget)
        List<String> jvmOptions = new ArrayList<>(List.of("-Xmx" + (args.length > 5 ? args[5] : "512m"), "-XX:+UseSerialGC"));
        if (args.length > 6 && !args[6].isBlank()) {
            jvmOptions.addAll(List.of(args[6].trim().split("\\s+")));
        }
        double loadAtStart = load();
        String run = Long.toString(System.currentTimeMillis(), 36);
        String prefix = "BENCH-" + run + "-";
        List<byte[][]> snapshot = payloads(prefix, events, "r", 0);
        System.out.printf("%d events of ~%d bytes, run %s, weights v%d in force%n", events, snapshot.get(0)[1].length,
                run, currentVersion(service));

        String rawTopic = "bench.raw-" + run;
        String floorIn = "bench.floor-in-" + run;
        String floorOut = "bench.floor-out-" + run;
        String memoryIn = "bench.memory-in-" + run;
        String memoryOut = "bench.memory-out-" + run;
        String passIn = "bench.pass-in-" + run;
        String passOut = "bench.pass-out-" + run;
        String sourceIn = "bench.source-in-" + run;
        String sourceOut = "bench.source-out-" + run;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // which topology ran: re-keying by account id shows as scoring-inputs, scoring as delivered as weights-broadcast
            System.out.println("service's internal topics: " + admin.listTopics().names().get().stream()
                    .filter(name -> name.startsWith("scoring-service-") && name.endsWith("-repartition")).sorted().toList());
            admin.createTopics(List.of(rawTopic, floorIn, floorOut, memoryIn, memoryOut, passIn, passOut, sourceIn, sourceOut).stream()
                    .map(name -> new NewTopic(name, Topics.CRM_ACCOUNTS.partitions(), (short) 1)).toList()).all().get();
        }
        // the floors run in JVMs of their own, like the service, and are warmed up by pass 1 as the service is
        StreamsFloor floor = StreamsFloor.start(bootstrap, "bench-floor-" + run, floorIn, floorOut,
                StreamsFloor.State.ROCKSDB, jvmOptions);
        StreamsFloor memoryFloor = StreamsFloor.start(bootstrap, "bench-memory-" + run, memoryIn, memoryOut,
                StreamsFloor.State.IN_MEMORY, jvmOptions);
        StreamsFloor passThrough = StreamsFloor.start(bootstrap, "bench-pass-" + run, passIn, passOut,
                StreamsFloor.State.NONE, jvmOptions);
        StreamsFloor sourceFloor = StreamsFloor.start(bootstrap, "bench-source-" + run, sourceIn, sourceOut,
                StreamsFloor.State.SOURCE_TOPIC, jvmOptions);
        Cpu sourceFloorCpu = new Cpu(cpu.brokerPid(), sourceFloor.pid());
        Cpu floorCpu = new Cpu(cpu.brokerPid(), floor.pid());
        Cpu memoryFloorCpu = new Cpu(cpu.brokerPid(), memoryFloor.pid());
        Cpu passThroughCpu = new Cpu(cpu.brokerPid(), passThrough.pid());

        // pass 1, the snapshot: every account created once, by JVMs that have compiled nothing yet (reported, not the goal)
        System.out.println("pass 1, snapshot (cold: both JVMs still compiling)");
        Phase coldRaw = phase("  raw produce->consume    ", cpu, events, () -> measure(bootstrap, rawTopic, rawTopic, snapshot,
                new ByteArrayDeserializer(), r -> true, events));
        Phase coldScored = phase("  scored (decode+score)   ", cpu, events, () -> measure(bootstrap, Topics.CRM_ACCOUNTS.name(),
                Topics.ACCOUNTS_SCORED.name(), snapshot, new ByteArrayDeserializer(),
                r -> r.key().startsWith(prefix) && r.value() != null, events));
        System.out.printf("  cold ratio                : %10.2f x raw%n", coldScored.rate() / coldRaw.rate());
        phase("  floor with state (fill) ", floorCpu, events, "floor", () -> measure(bootstrap, floorIn, floorOut,
                snapshot, new ByteArrayDeserializer(), r -> true, events));
        phase("  floor in-memory (fill)  ", memoryFloorCpu, events, "floor", () -> measure(bootstrap, memoryIn, memoryOut,
                snapshot, new ByteArrayDeserializer(), r -> true, events));
        phase("  floor pass-through      ", passThroughCpu, events, "floor", () -> measure(bootstrap, passIn, passOut,
                snapshot, new ByteArrayDeserializer(), r -> true, events));
        phase("  floor source-table (fill)", sourceFloorCpu, events, "floor", () -> measure(bootstrap, sourceIn, sourceOut,
                snapshot, new ByteArrayDeserializer(), r -> true, events));
        snapshot.clear();
        // which floor writes a changelog: the source-table one must have none (its input topic is its changelog)
        List<String> changelogs;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            changelogs = admin.listTopics().names().get().stream()
                    .filter(name -> name.startsWith("bench-") && name.contains(run) && name.endsWith("-changelog")).sorted().toList();
        }
        System.out.println("  the floors' changelogs    : " + changelogs);
        if (changelogs.stream().anyMatch(name -> name.startsWith("bench-source-"))) {
            throw new IllegalStateException("the source-table floor has a changelog of its own: " + changelogs);
        }

        // pass 2, sustained: every account changes once more (a scored input, so every change is published), the
        // steady state of a CDC feed; the same bytes through the raw path first
        List<byte[][]> updates = payloads(prefix, events, "u", 1);
        System.out.println("pass 2, sustained (every account updated once: the goal's figure)");
        Phase raw = phase("raw produce->consume      ", cpu, events, () -> measure(bootstrap, rawTopic, rawTopic, updates,
                new ByteArrayDeserializer(), r -> true, events));
        // the floors (StreamsFloor): Kafka Streams with the service's settings doing the least a scorer must do
        Phase floorWithState = phase("floor: EOS + account state", floorCpu, events, "floor", () -> measure(bootstrap,
                floorIn, floorOut, updates, new ByteArrayDeserializer(), r -> true, events));
        Phase floorInMemory = phase("floor: EOS + state on heap", memoryFloorCpu, events, "floor", () -> measure(bootstrap,
                memoryIn, memoryOut, updates, new ByteArrayDeserializer(), r -> true, events));
        long memoryFloorRss = peakRssMb(memoryFloor.pid());
        Phase floorSourceTopic = phase("floor: EOS + state from its source topic", sourceFloorCpu, events, "floor",
                () -> measure(bootstrap, sourceIn, sourceOut, updates, new ByteArrayDeserializer(), r -> true, events));
        long sourceFloorRss = peakRssMb(sourceFloor.pid());
        Phase floorPassThrough = phase("floor: EOS pass-through   ", passThroughCpu, events, "floor", () -> measure(bootstrap,
                passIn, passOut, updates, new ByteArrayDeserializer(), r -> true, events));
        long floorRss = peakRssMb(floor.pid());
        floor.close();
        memoryFloor.close();
        passThrough.close();
        sourceFloor.close();
        double blockedBefore = blockedNanos(service);
        long scoredStart = System.nanoTime();
        Phase scored = phase("scored (decode+score, EOS)", cpu, events, () -> measure(bootstrap, Topics.CRM_ACCOUNTS.name(),
                Topics.ACCOUNTS_SCORED.name(), updates, new ByteArrayDeserializer(),
                r -> r.key().startsWith(prefix) && r.value() != null, events));
        System.out.printf("  ratio                    : %10.2f x raw%n", scored.rate() / raw.rate());
        System.out.printf("  floors, same pass        : %10.2f x raw (EOS pass-through), %.2f x raw (+ account state);"
                        + " the service does %.2f of the floor with state%n", floorPassThrough.rate() / raw.rate(),
                floorWithState.rate() / raw.rate(), scored.rate() / floorWithState.rate());
        System.out.printf("  floor, state on the heap : %10.2f x raw, peak RSS %,d MB (RocksDB floor: %,d MB)%n",
                floorInMemory.rate() / raw.rate(), memoryFloorRss, floorRss);
        System.out.printf("  floor, state from source : %10.2f x raw (no changelog write), %.2f x the changelogged floor,"
                        + " peak RSS %,d MB%n", floorSourceTopic.rate() / raw.rate(),
                floorSourceTopic.rate() / floorWithState.rate(), sourceFloorRss);
        // with every core busy, the rate ratio cannot beat the ratio of the CPU each event costs the machine
        if (cpu.known()) {
            System.out.printf("  CPU bound on the ratio   : %10.2f x (raw CPU per event / scored CPU per event)%n",
                    (double) Cpu.total(raw.cpu()) / Cpu.total(scored.cpu()));
        }
        // the share of the phase the stream threads spent waiting on the broker (fetches, sends, commits)
        System.out.printf("  stream threads blocked   : %10.0f %% of the phase (summed over threads)%n",
                100 * (blockedNanos(service) - blockedBefore) / (System.nanoTime() - scoredStart));
        updates.clear();

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
            long[] rescoreSpent = cpu.since(rescoreCpu);
            cpu.print(rescoreSpent, accounts);
            if (args.length > 7) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("benchmark", "scoring");
                json.put("measured_at", Instant.now().toString());
                json.put("command", "./territory bench scoring " + events);
                json.put("load_average_at_start", loadAtStart);
                json.put("events", events);
                json.put("raw_events_per_s", Math.round(raw.rate()));
                json.put("scored_events_per_s", Math.round(scored.rate()));
                json.put("scoring_ratio_to_raw", ratio(scored.rate(), raw.rate()));
                Map<String, Map<String, Object>> floors = new LinkedHashMap<>();
                floors.put("eos_pass_through", floor(floorPassThrough, raw, events));
                floors.put("eos_changelogged_rocksdb_state", floor(floorWithState, raw, events));
                floors.put("eos_state_from_source_topic", floor(floorSourceTopic, raw, events));
                floors.put("eos_state_on_heap", floor(floorInMemory, raw, events));
                json.put("floors", floors);
                json.put("source_topic_floor_to_changelogged_floor", ratio(floorSourceTopic.rate(), floorWithState.rate()));
                json.put("service_to_changelogged_floor", ratio(scored.rate(), floorWithState.rate()));
                json.put("floor_changelogs", changelogs);
                json.put("cpu_us_per_event_scored", cpuPerEvent(scored.cpu(), events));
                json.put("rescore_accounts", accounts);
                json.put("rescore_s", Math.round(seconds * 100) / 100.0);
                json.put("service_peak_rss_mb", peakRssMb(cpu.servicePid()));
                json.put("floor_peak_rss_mb", Map.of("changelogged_rocksdb", floorRss, "source_topic", sourceFloorRss,
                        "on_heap", memoryFloorRss));
                json.put("load_average_at_end", load());
                writeFigures(json, floors, Path.of(args[7]), args.length > 8 ? Path.of(args[8]) : null);
            }
        }
    }

    /**
     * Writes the figures to their file and, when the pipeline benchmark's file exists, scoring's own ratio into it
     * too (issue 10, item 6), with the floors' ratios already in the figures.
     */
    private static void writeFigures(Map<String, Object> json, Map<String, Map<String, Object>> floors, Path out,
                                     Path pipeline) throws java.io.IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        mapper.writeValue(out.toFile(), json);
        System.out.println("figures written to " + out);
        if (pipeline == null || !Files.exists(pipeline)) {
            return;
        }
        ObjectNode node = (ObjectNode) mapper.readTree(pipeline.toFile());
        node.put("scoring_ratio_to_raw", (double) json.get("scoring_ratio_to_raw"));
        node.set("scoring", mapper.valueToTree(Map.of("figures", out.getFileName().toString(),
                "measured_at", json.get("measured_at"), "command", json.get("command"),
                "scoring_ratio_to_raw", json.get("scoring_ratio_to_raw"),
                "source_topic_floor_ratio_to_raw", floors.get("eos_state_from_source_topic").get("ratio_to_raw"),
                "changelogged_floor_ratio_to_raw", floors.get("eos_changelogged_rocksdb_state").get("ratio_to_raw"))));
        mapper.writeValue(pipeline.toFile(), node);
        System.out.println("scoring_ratio_to_raw written to " + pipeline);
    }

    private static double ratio(double a, double b) {
        return Math.round(a / b * 1000) / 1000.0;
    }

    private static Map<String, Object> floor(Phase phase, Phase raw, int events) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("events_per_s", Math.round(phase.rate()));
        figures.put("ratio_to_raw", ratio(phase.rate(), raw.rate()));
        figures.put("cpu_us_per_event", cpuPerEvent(phase.cpu(), events));
        return figures;
    }

    private static Map<String, Object> cpuPerEvent(long[] spent, int events) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("harness", Math.round(spent[0] / 1e2 / events) / 10.0);
        figures.put("broker", Math.round(spent[1] / 1e2 / events) / 10.0);
        figures.put("pipeline", Math.round(spent[2] / 1e2 / events) / 10.0);
        return figures;
    }

    private static double load() {
        return Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0;
    }

    /**
     * Key and value of one Debezium JSON event per account: pass 0 creates the accounts, each later pass changes
     * every account's ARR and fit again.
     */
    private static List<byte[][]> payloads(String prefix, int events, String op, int pass) {
        List<byte[][]> payloads = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            CrmEvents e = CrmEvents.account(prefix + i).op(op)
                    .set("icp_fit", (i + pass) % 101).set("current_arr", 1_000 + i + 1_000 * pass);
            payloads.add(new byte[][]{e.key(), e.value()});
        }
        return payloads;
    }

    private interface Rate {
        double measure() throws Exception;
    }

    /** A measured rate and the CPU it cost the harness, the broker and the service. */
    private record Phase(double rate, long[] cpu) {
    }

    private static Phase phase(String label, Cpu cpu, int events, Rate rate) throws Exception {
        return phase(label, cpu, events, "service", rate);
    }

    /** @param process what {@code cpu}'s third process is: the service or a floor pipeline */
    private static Phase phase(String label, Cpu cpu, int events, String process, Rate rate) throws Exception {
        long[] before = cpu.now();
        double perSecond = rate.measure();
        System.out.printf("%s: %,10.0f events/s%n", label, perSecond);
        long[] spent = cpu.since(before);
        cpu.print(spent, events, process);
        return new Phase(perSecond, spent);
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
                if (System.nanoTime() - start > GIVE_UP.toNanos()) { // a pipeline that died must not hang the run
                    throw new IllegalStateException(String.format("only %,d of %,d records reached %s in %s",
                            seen.size(), expected, out, GIVE_UP));
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            sending.get();
            return expected / seconds;
        }
    }

    /** Peak resident memory of a process (VmHWM), in MB; 0 when unknown. */
    private static long peakRssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException unknown) {
            // not Linux, or the process is gone
        }
        return 0;
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
            print(spent, events, "service");
        }

        /** @param third what the third figure is: the service, or a floor pipeline in this JVM (always known) */
        void print(long[] spent, long events, String third) {
            System.out.printf("  CPU per event            : harness %.1f us, broker %s, %s %s%n", spent[0] / 1e3 / events,
                    brokerPid > 0 ? String.format("%.1f us", spent[1] / 1e3 / events) : "?", third,
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
        // a viewer of the local stack (docs/security.md); /q/metrics needs none, /weights does
        String user = System.getenv().getOrDefault("TERRITORY_USER", "victor");
        String password = System.getenv().getOrDefault("TERRITORY_PASSWORD", user);
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Basic " + basic).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? response.body() : "";
    }

    private ScoringBenchmark() {
    }
}
