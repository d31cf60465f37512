package io.territoryos.e2e.bench;

import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.AccountStatus;
import io.territoryos.contracts.avro.Motion;
import io.territoryos.contracts.avro.RepStatus;
import io.territoryos.contracts.avro.ScoringWeights;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.avro.TerritoryHealth;
import io.territoryos.contracts.cdc.ChangeOp;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.contracts.crm.CrmRep;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.demo.cdc.CdcFormat;
import io.territoryos.demo.cdc.CdcRecord;
import io.territoryos.demo.cdc.DebeziumEventWriter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Throughput of the whole pipeline on a running local stack (issue 10), against the raw broker in the same run.
 * A main, not a test.
 * <ol>
 *   <li>before the raw phase and before the re-score: until every consumer group with members has caught up
 *       ({@code quiet_before_raw_s}, {@code quiet_before_rescore_s}), so no phase runs beside the last one's backlog;</li>
 *   <li>raw: {@code events} Debezium JSON account updates to a scratch topic, read back (read_committed): events/s;</li>
 *   <li>pipeline: the same number of updates to crm.accounts over a book of {@code accounts} accounts of bench
 *       reps in four teams; done when every rep's latest territory.health carries the {@code ts_ms} of the last
 *       change sent to it: events/s, and its ratio to raw ({@code health_ratio_to_raw}, goal ≥ 0.3);</li>
 *   <li>re-score: a new weights version; settled when scoring-service reports the re-score complete and no bench
 *       territory's health has changed for 3 s while all show the new version ({@code rescore_1m_settled_s},
 *       goal ≤ 60 s for 1,000,000 accounts);</li>
 *   <li>with {@code -Dterritory.url}: how long after territory.health settled territory-service's REST (read from
 *       the MongoDB read model the history writer keeps) shows every rep's last change ({@code history_rest_lag_s});</li>
 *   <li>peak RSS (VmHWM) of each service pid given (goal ≤ 768 MB each);</li>
 *   <li>CPU each process given spent in the pipeline phase and in the re-score (user + system time from
 *       {@code /proc/<pid>/stat}), per event and per re-scored account: wall time on two shared cores spreads by a
 *       fifth from run to run, the CPU a part spends on each record much less, so a change to one part shows there
 *       first ({@code pipeline_cpu_us_per_event}, {@code rescore_cpu_us_per_account}); and how many bench
 *       territory.health records the re-score published ({@code rescore_health_records}).</li>
 * </ol>
 * Arguments: {@code <bootstrap> <scoring-url> <json-out> [accounts=1000000] [events=200000] [name=pid ...]}; the
 * services' names are {@code scoring territory trigger optimizer}, any other name (the broker, the MongoDB stand-in)
 * is measured for CPU only.
 */
public final class PipelineBenchmark {

    private static final int REPS = 40;
    private static final Set<String> SERVICES = Set.of("scoring", "territory", "trigger", "optimizer");
    /** USER_HZ, the unit of /proc/<pid>/stat's times: 100 on Linux ({@code getconf CLK_TCK} on this machine). */
    private static final double CLOCK_TICKS_PER_S = 100.0;
    private static long healthRecordsSeen;
    private static final String[] TEAMS = {"PIPE-T1", "PIPE-T2", "PIPE-T3", "PIPE-T4"};
    private static final Pattern VERSION = Pattern.compile("\"inForce\":\\{\"version\":(\\d+)");
    private static final Duration GIVE_UP = Duration.ofMinutes(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String scoring = args[1];
        Path jsonOut = Path.of(args[2]);
        int accounts = args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000;
        int events = args.length > 4 ? Integer.parseInt(args[4]) : 200_000;
        Map<String, Long> pids = new LinkedHashMap<>();
        for (int i = 5; i < args.length; i++) {
            String[] pair = args[i].split("=");
            pids.put(pair[0], Long.parseLong(pair[1]));
        }
        String run = Long.toString(System.currentTimeMillis(), 36);
        DebeziumEventWriter cdc = new DebeziumEventWriter(CdcFormat.defaults());
        System.out.printf(Locale.ROOT, "%,d accounts of %d reps in %d teams, %,d events, run %s%n", accounts, REPS, TEAMS.length, events, run);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("benchmark", "pipeline");
        figures.put("measured_at", Instant.now().toString());
        figures.put("command", "./territory bench pipeline " + accounts + " " + events);
        figures.put("load_average_at_start", load());
        figures.put("accounts", accounts);
        figures.put("events", events);

        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap);
             KafkaConsumer<String, byte[]> health = consumer(bootstrap, Topics.TERRITORY_HEALTH.name())) {
            for (int r = 0; r < REPS; r++) {
                CrmRep rep = new CrmRep(rep(run, r), "Bench " + r, RepStatus.ACTIVE, Motion.NEW_BUSINESS, Segment.MID_MARKET,
                        "NA-EAST", TEAMS[r % TEAMS.length], 1_000_000, 100_000, LocalDate.of(2025, 1, 1));
                send(producer, cdc.rep(ChangeOp.CREATE, rep, System.currentTimeMillis()));
            }
            for (int i = 0; i < accounts; i++) {
                send(producer, cdc.account(ChangeOp.CREATE, account(run, i, 100_000), System.currentTimeMillis()));
            }
            producer.flush();
            Map<String, TerritoryHealth> latest = new HashMap<>();
            Deserializer<TerritoryHealth> healths = AvroSerdes.valueSerde(TerritoryHealth.class, Map.of()).deserializer();
            settle(health, healths, latest, run, l -> l.size() == REPS && l.values().stream().mapToInt(TerritoryHealth::getAccountCount).sum() == accounts);
            System.out.println("book in place");
            quiet(bootstrap, figures, "quiet_before_raw_s", () -> poll(health, healths, latest, run));

            // 1. raw
            String rawTopic = "bench.pipeline-raw-" + run;
            try (Admin admin = admin(bootstrap);
                 KafkaConsumer<String, byte[]> raw = consumer(bootstrap, null)) {
                admin.createTopics(List.of(new NewTopic(rawTopic, Topics.CRM_ACCOUNTS.partitions(), (short) 1))).all().get();
                List<TopicPartition> partitions = raw.partitionsFor(rawTopic).stream().map(p -> new TopicPartition(rawTopic, p.partition())).toList();
                raw.assign(partitions);
                raw.seekToEnd(partitions);
                partitions.forEach(raw::position);
                long start = System.nanoTime();
                for (int i = 0; i < events; i++) {
                    CdcRecord record = cdc.account(ChangeOp.UPDATE, account(run, i % accounts, 200_000 + i), System.currentTimeMillis());
                    producer.send(new ProducerRecord<>(rawTopic, record.key(), record.value()));
                }
                producer.flush();
                int seen = 0;
                while (seen < events) {
                    seen += raw.poll(Duration.ofMillis(100)).count();
                    giveUpAfter(start);
                }
                double rawRate = events / ((System.nanoTime() - start) / 1e9);
                figures.put("raw_events_per_s", Math.round(rawRate));
                System.out.printf(Locale.ROOT, "raw produce->consume     : %,10.0f events/s%n", rawRate);

                // 2. the pipeline: CDC in -> territory.health settled with the last change of every rep
                Map<String, Long> lastSent = new HashMap<>();
                Map<String, Double> cpuBefore = cpuSeconds(pids);
                start = System.nanoTime();
                for (int i = 0; i < events; i++) {
                    long ts = System.currentTimeMillis();
                    send(producer, cdc.account(ChangeOp.UPDATE, account(run, i % accounts, 300_000 + i), ts));
                    lastSent.put(rep(run, (i % accounts) % REPS), ts);
                }
                producer.flush();
                settle(health, healths, latest, run, l -> lastSent.entrySet().stream().allMatch(e -> l.get(e.getKey()) != null
                        && l.get(e.getKey()).getSourceEventTime().toEpochMilli() >= e.getValue()));
                double pipelineRate = events / ((System.nanoTime() - start) / 1e9);
                figures.put("health_events_per_s", Math.round(pipelineRate));
                figures.put("health_ratio_to_raw", round(pipelineRate / rawRate));
                figures.put("pipeline_cpu_us_per_event", cpuPer(cpuBefore, cpuSeconds(pids), events));
                System.out.printf(Locale.ROOT, "CDC -> territory.health  : %,10.0f events/s, %.2f x raw (goal >= 0.3)%n", pipelineRate, pipelineRate / rawRate);

                // 2b. how far REST (the MongoDB read model the history writer keeps) trails the topic
                String territory = System.getProperty("territory.url");
                if (territory != null) {
                    long healthSettled = System.nanoTime();
                    long restStart = healthSettled;
                    while (!restShows(territory, lastSent)) {
                        Thread.sleep(100);
                        giveUpAfter(restStart);
                    }
                    double lag = (System.nanoTime() - healthSettled) / 1e9;
                    figures.put("history_rest_lag_s", round(lag));
                    System.out.printf(Locale.ROOT, "REST behind the topic    : %10.2f s after territory.health settled (the history writer)%n", lag);
                }
            }

            // 3. re-score every account with a new weights version, on a stack that has absorbed what came before
            quiet(bootstrap, figures, "quiet_before_rescore_s", () -> poll(health, healths, latest, run));
            int version = currentVersion(scoring) + 1;
            ScoringWeights weights = ScoringWeights.newBuilder().setVersion(version).setPublishedBy("bench@pipeline")
                    .setPublishedAt(Instant.now()).build();
            byte[] value = AvroSerdes.valueSerde(ScoringWeights.class, Map.of()).serializer().serialize(Topics.SCORING_WEIGHTS.name(), weights);
            Map<String, Double> cpuBefore = cpuSeconds(pids);
            long healthBefore = healthRecordsSeen;
            long start = System.nanoTime();
            producer.send(new ProducerRecord<>(Topics.SCORING_WEIGHTS.name(), weights.getFormulaVersion().getBytes(), value)).get();
            long lastChange = System.nanoTime();
            try (Admin admin = admin(bootstrap)) {
                while (true) {
                    if (poll(health, healths, latest, run)) {
                        lastChange = System.nanoTime();
                    }
                    boolean allNew = latest.values().stream().allMatch(h -> h.getWeightsVersion() != null && h.getWeightsVersion() == version);
                    // three quiet seconds alone are no proof: a stream thread that stalls for 3 s with a backlog (a
                    // commit, a GC) looked settled once (39 s, 2026-12-07 18:01) while territory still had the
                    // re-score to read; settled also means every consumer group has read everything
                    if (allNew && System.nanoTime() - lastChange > 3_000_000_000L
                            && http(scoring + "/weights").contains("\"rescoreComplete\":true") && behind(admin) == 0) {
                        break;
                    }
                    giveUpAfter(start);
                }
            }
            double settled = (lastChange - start) / 1e9;
            figures.put("rescore_accounts", accounts);
            figures.put("rescore_1m_settled_s", round(settled));
            figures.put("rescore_cpu_us_per_account", cpuPer(cpuBefore, cpuSeconds(pids), accounts));
            figures.put("rescore_health_records", healthRecordsSeen - healthBefore);
            System.out.printf(Locale.ROOT, "re-score settled in      : %10.2f s for %,d accounts (goal <= 60 s for 1M)%n", settled, accounts);

            Map<String, Long> rss = new LinkedHashMap<>();
            pids.forEach((name, pid) -> {
                if (SERVICES.contains(name)) {
                    rss.put(name, peakRssMb(pid));
                }
            });
            figures.put("peak_rss_mb", rss);
            figures.put("load_average_at_end", load());
            System.out.println("peak RSS (MB)            : " + rss);

            for (int i = 0; i < accounts; i++) {
                String id = account(run, i, 0).accountId();
                send(producer, cdc.accountDelete(id, System.currentTimeMillis()));
                send(producer, cdc.accountTombstone(id));
            }
            for (int r = 0; r < REPS; r++) {
                send(producer, cdc.repDelete(rep(run, r), System.currentTimeMillis()));
                send(producer, cdc.repTombstone(rep(run, r)));
            }
            producer.flush();
        }
        Files.createDirectories(jsonOut.toAbsolutePath().getParent());
        Map<String, Object> written = new LinkedHashMap<>(figures);
        if (Files.exists(jsonOut)) {
            // scoring-service's own benchmark writes its ratio into this file: a pipeline run keeps it
            var before = JSON.readTree(jsonOut.toFile());
            for (String kept : List.of("scoring_ratio_to_raw", "scoring")) {
                if (before.has(kept)) {
                    written.put(kept, before.get(kept));
                }
            }
        }
        Files.writeString(jsonOut, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(written) + "\n");
        System.out.println("figures written to " + jsonOut);
    }

    private interface Done {
        boolean test(Map<String, TerritoryHealth> latest);
    }

    private static void settle(KafkaConsumer<String, byte[]> health, Deserializer<TerritoryHealth> healths,
                               Map<String, TerritoryHealth> latest, String run, Done done) {
        long start = System.nanoTime();
        while (!done.test(latest)) {
            poll(health, healths, latest, run);
            giveUpAfter(start);
        }
    }

    /** One poll of territory.health into {@code latest}; true when a bench rep's health arrived. */
    private static boolean poll(KafkaConsumer<String, byte[]> health, Deserializer<TerritoryHealth> healths,
                                Map<String, TerritoryHealth> latest, String run) {
        boolean arrived = false;
        for (ConsumerRecord<String, byte[]> record : health.poll(Duration.ofMillis(50))) {
            if (record.key() != null && record.key().startsWith("PIPE-" + run) && record.value() != null) {
                latest.put(record.key(), healths.deserialize(record.topic(), record.value()));
                healthRecordsSeen++;
                arrived = true;
            }
        }
        return arrived;
    }

    /**
     * Waits until every consumer group on the broker (the streams services, the history writer) has read what was
     * committed to its inputs (at most one offset behind per partition: the marker ending the last transaction) for
     * 3 s in a row, so that a phase measures itself, not the backlog of the phase before: trigger-service was still
     * absorbing the million-account book while the raw baseline ran (2026-12-07 17:45), which halved the baseline.
     */
    private static void quiet(String bootstrap, Map<String, Object> figures, String figure, Runnable meanwhile) throws Exception {
        long start = System.nanoTime();
        long quietSince = -1;
        try (Admin admin = admin(bootstrap)) {
            while (true) {
                long behind = behind(admin);
                long now = System.nanoTime();
                if (behind > 0) {
                    quietSince = -1;
                } else if (quietSince < 0) {
                    quietSince = now;
                } else if (now - quietSince > 3_000_000_000L) {
                    break;
                }
                for (int i = 0; i < 10; i++) {
                    meanwhile.run(); // about half a second
                }
                giveUpAfter(start);
            }
        }
        double waited = (System.nanoTime() - start) / 1e9;
        figures.put(figure, round(waited));
        System.out.printf(Locale.ROOT, "stack quiet after        : %10.2f s (every consumer group caught up)%n", waited);
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** Records not yet read by the consumer groups with members, beyond the one marker that ends a transaction. */
    private static long behind(Admin admin) throws Exception {
        long behind = 0;
        // groups with members only: a harness run that ended leaves its group's offsets behind for good
        for (var group : admin.listConsumerGroups(new ListConsumerGroupsOptions().inGroupStates(Set.of(GroupState.STABLE))).all().get()) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latestSpec = new HashMap<>();
            committed.keySet().forEach(tp -> latestSpec.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(latestSpec, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
            for (var entry : committed.entrySet()) {
                if (entry.getValue() != null && ends.containsKey(entry.getKey())) {
                    behind += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset() - 1);
                }
            }
        }
        return behind;
    }

    private static void giveUpAfter(long start) {
        if (System.nanoTime() - start > GIVE_UP.toNanos()) {
            throw new IllegalStateException("the pipeline did not settle within " + GIVE_UP);
        }
    }

    private static String rep(String run, int r) {
        return String.format(Locale.ROOT, "PIPE-%s-R%02d", run, r);
    }

    private static CrmAccount account(String run, int i, double arr) {
        String id = String.format(Locale.ROOT, "PIPE-%s-A%07d", run, i);
        return new CrmAccount(id, id, Segment.MID_MARKET, "Software", "NA-EAST", "US", null, null,
                AccountStatus.CUSTOMER, arr, 250_000, 0.8, 0.2, 50, 0.5, CrmAccount.ProcurementStage.NONE,
                rep(run, i % REPS), false, null, LocalDate.of(2027, 6, 30));
    }

    private static double load() {
        return round(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static long peakRssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (Exception unknown) {
            // not Linux, or the process is gone
        }
        return 0;
    }

    /** User + system CPU seconds of each process so far (a process that is gone counts 0). */
    private static Map<String, Double> cpuSeconds(Map<String, Long> pids) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                // fields after the command name (which may hold spaces, so split after its closing parenthesis):
                // state is field 3, utime 14 and stime 15
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                cpu.put(name, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS_PER_S);
            } catch (Exception unknown) {
                cpu.put(name, 0.0); // not Linux, or the process is gone
            }
        });
        return cpu;
    }

    /** Microseconds of CPU per record each process spent between two readings, and their sum ("all"). */
    private static Map<String, Double> cpuPer(Map<String, Double> before, Map<String, Double> after, long records) {
        Map<String, Double> per = new LinkedHashMap<>();
        double all = 0;
        for (var entry : after.entrySet()) {
            double seconds = entry.getValue() - before.getOrDefault(entry.getKey(), 0.0);
            per.put(entry.getKey(), round(seconds * 1e6 / records));
            all += seconds;
        }
        per.put("all", round(all * 1e6 / records));
        System.out.println("CPU µs per record        : " + per);
        return per;
    }

    private static int currentVersion(String scoring) throws Exception {
        Matcher m = VERSION.matcher(http(scoring + "/weights"));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** GET as a viewer of the local stack (docs/security.md): every endpoint asks for a user since issue 12. */
    /** Every bench rep's current territory in REST carries the time of the last change sent to it. */
    private static boolean restShows(String territoryUrl, Map<String, Long> lastSent) throws Exception {
        Map<String, Long> shown = new HashMap<>();
        for (String team : TEAMS) {
            for (com.fasterxml.jackson.databind.JsonNode t : JSON.readTree(http(territoryUrl + "/api/territories?team=" + team))) {
                String at = t.path("source_event_time").asText(null);
                if (at != null) {
                    shown.put(t.path("rep_id").asText(), Instant.parse(at).toEpochMilli());
                }
            }
        }
        return lastSent.entrySet().stream().allMatch(e -> shown.getOrDefault(e.getKey(), Long.MIN_VALUE) >= e.getValue());
    }

    private static String http(String url) throws Exception {
        String user = System.getenv().getOrDefault("TERRITORY_USER", "victor");
        String password = System.getenv().getOrDefault("TERRITORY_PASSWORD", user);
        String basic = java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, CdcRecord record) {
        producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value()));
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.BATCH_SIZE_CONFIG, 131_072, ProducerConfig.LINGER_MS_CONFIG, 20),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A read_committed consumer positioned at the end of {@code topic} (none: assigned by the caller). */
    private static KafkaConsumer<String, byte[]> consumer(String bootstrap, String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
                new StringDeserializer(), new ByteArrayDeserializer());
        if (topic != null) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }
        return consumer;
    }

    private PipelineBenchmark() {
    }
}
