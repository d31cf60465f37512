package io.territoryos.e2e.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.TerritoryHealth;
import io.territoryos.contracts.cdc.ChangeEvent;
import io.territoryos.contracts.cdc.ChangeOp;
import io.territoryos.contracts.cdc.DebeziumDecoder;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.contracts.crm.CrmRep;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.demo.cdc.CdcFormat;
import io.territoryos.demo.cdc.CdcRecord;
import io.territoryos.demo.cdc.DebeziumEventWriter;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.Deserializer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** The drills themselves; {@link DrillMain} runs them and records what they found. */
final class Drills {

    static final double MIN_RATE = 2_000;
    static final long RESUME_GOAL_MS = 15_000;
    static final long BROKER_RESUME_GOAL_MS = 30_000;

    private final Stack stack;
    private final int cycles;
    private final int rate;
    private final int feedSeconds;
    private final String team;
    private final int settleSeconds;
    private final DebeziumEventWriter cdc = new DebeziumEventWriter(CdcFormat.defaults());

    Drills(Stack stack, Map<String, String> env, int cycles) {
        this.stack = stack;
        this.cycles = cycles;
        this.rate = Integer.parseInt(env.getOrDefault("DRILL_RATE", "2200"));
        this.feedSeconds = Integer.parseInt(env.getOrDefault("DRILL_FEED_S", "40"));
        this.team = env.getOrDefault("DRILL_TEAM", "mm-east");
        this.settleSeconds = Integer.parseInt(env.getOrDefault("DRILL_SETTLE_S", "240"));
    }

    void run(String drill, Verdict verdict, ObjectNode figures) throws Exception {
        requireStackUp();
        switch (drill) {
            case "kill-scoring", "kill-territory", "kill-trigger", "kill-optimizer" ->
                    killDrill(drill.substring("kill-".length()), verdict, figures);
            case "broker-restart" -> brokerRestart(verdict, figures);
            case "bad-input" -> badInput(verdict, figures);
            case "oversized" -> oversized(verdict, figures);
            case "store-down" -> storeDown(verdict, figures);
            case "replay" -> replay(verdict, figures);
            case "scale" -> scale(verdict, figures);
            default -> throw new IllegalArgumentException(drill);
        }
    }

    private void requireStackUp() throws InterruptedException {
        for (String part : List.of("kafka", "mongo", "scoring", "territory", "trigger", "optimizer")) {
            if (!stack.alive(part)) {
                throw new IllegalStateException(part + " is not running (pid file " + stack.runDir.resolve(part + ".pid")
                        + "): ./territory up first");
            }
        }
        for (String s : Stack.SERVICES) {
            awaitReady(s, 120_000);
        }
    }

    // ---- kill-<service> ---------------------------------------------------------------------------------

    private void killDrill(String service, Verdict verdict, ObjectNode figures) throws Exception {
        figures.put("service", service);
        figures.put("cycles", cycles);
        ArrayNode perCycle = figures.putArray("per_cycle");
        List<Long> resumed = new ArrayList<>();
        List<Long> caughtUp = new ArrayList<>();
        long events = 0;
        double minRate = Double.MAX_VALUE;
        try (TopicsView view = new TopicsView(stack.bootstrap)) {
            view.catchUp(Duration.ofMinutes(5));
            for (int cycle = 1; cycle <= cycles; cycle++) {
                ObjectNode c = perCycle.addObject();
                c.put("cycle", cycle);
                Verdict cv = new Verdict();
                killCycle(service, view, cv, c);
                verdict.addAll(cycles > 1 ? "cycle " + cycle + ": " : "", cv);
                events += c.path("events_fed").asLong();
                minRate = Math.min(minRate, c.path("rate_events_per_s").asDouble());
                if (c.path("resumed_ms").asLong(-1) >= 0) {
                    resumed.add(c.path("resumed_ms").asLong());
                }
                if (c.path("caught_up_ms").asLong(-1) >= 0) {
                    caughtUp.add(c.path("caught_up_ms").asLong());
                }
                System.out.printf(Locale.ROOT, "  cycle %d: %s%n", cycle, cv.verdict());
            }
        }
        figures.put("events_fed", events);
        figures.put("min_rate_events_per_s", Math.round(minRate));
        stats(figures.putObject("resumed_ms"), resumed);
        stats(figures.putObject("caught_up_ms"), caughtUp);
        figures.put("resume_goal_ms", RESUME_GOAL_MS);
    }

    private void killCycle(String service, TopicsView view, Verdict v, ObjectNode c) throws Exception {
        List<CrmAccount> book = demoBook(view);
        String group = service + "-service";
        try (Monitor monitor = new Monitor(stack); Feed feed = new Feed(stack.bootstrap, book, rate, feedSeconds)) {
            long killAfter = Math.min(10_000, feedSeconds * 250L);
            feed.start();
            String proposalId = null;
            boolean requested = false;
            Thread.sleep(killAfter);
            if (service.equals("optimizer")) {
                JsonNode answer = requestRebalance("drill kill-optimizer: killed mid-solve", 30_000);
                requested = answer != null;
                proposalId = answer == null ? null : answer.path("proposalId").asText(null);
                c.put("proposal_id", proposalId);
                Thread.sleep(Long.parseLong(System.getenv().getOrDefault("DRILL_SOLVE_KILL_MS", "300")));
            }
            long killedAt = System.currentTimeMillis();
            long pid = stack.kill9(service);
            boolean midSolve = proposalId != null && monitor.proposals(proposalId).isEmpty();
            stack.launch(service);
            long restartAt = System.currentTimeMillis();
            c.put("killed_pid", pid);
            c.put("killed_at_feed_s", round((killedAt - feed.startedAt()) / 1000.0));
            long ready = awaitReady(service, 180_000);
            c.put("ready_ms", ready < 0 ? -1 : ready - restartAt);
            feed.await();
            long feedEnd = System.currentTimeMillis();
            c.put("events_fed", feed.sent());
            c.put("events_failed", feed.failed());
            c.put("rate_events_per_s", Math.round(feed.achievedRate()));
            Settled settled = settle(view, feedEnd);
            long resumedAt = switch (service) {
                case "scoring" -> monitor.firstArrival(Topics.ACCOUNTS_SCORED.name(), restartAt);
                case "territory" -> monitor.firstArrival(Topics.TERRITORY_HEALTH.name(), restartAt);
                case "trigger" -> monitor.firstCommitAdvance(group, restartAt);
                default -> proposalId == null ? -1 : monitor.proposals(proposalId).stream()
                        .mapToLong(Monitor.ProposalArrival::at).filter(t -> t >= restartAt).min().orElse(-1);
            };
            long threshold = service.equals("optimizer") ? stack.committedPartitions(group) : rate;
            long caughtUpAt = monitor.firstLagAtMost(group, resumedAt < 0 ? restartAt : resumedAt, threshold);
            c.put("resumed_ms", resumedAt < 0 ? -1 : resumedAt - restartAt);
            c.put("resumed_by", switch (service) {
                case "scoring" -> "first accounts.scored record after the restart";
                case "territory" -> "first territory.health record after the restart";
                case "trigger" -> "first commit of trigger-service's consumer group after the restart (its outputs are rare)";
                default -> "the killed solve's proposal on rebalance.proposals";
            });
            c.put("caught_up_ms", caughtUpAt < 0 ? -1 : caughtUpAt - restartAt);
            c.put("caught_up_means", "restart -> " + group + " lag <= " + threshold + " records");
            c.put("settle_ms", settled.millis());
            putEvaluation(c, settled.evaluation());

            v.check("feed rate >= 2,000 events/s", feed.achievedRate() >= MIN_RATE && feed.failed() == 0,
                    String.format(Locale.ROOT, "%,d events at %.0f/s, %d failed%s", feed.sent(), feed.achievedRate(),
                            feed.failed(), feed.firstError() == null ? "" : " (" + feed.firstError() + ")"));
            checkInvariants(v, settled);
            v.check("processing resumed <= 15 s after the restart", resumedAt >= 0 && resumedAt - restartAt <= RESUME_GOAL_MS,
                    resumedAt < 0 ? "never" : (resumedAt - restartAt) + " ms (" + c.path("resumed_by").asText() + "; ready after "
                            + c.path("ready_ms").asLong() + " ms)");
            v.check("caught up", caughtUpAt >= 0, caughtUpAt < 0 ? "lag never reached " + threshold
                    : (caughtUpAt - restartAt) + " ms after the restart");
            if (service.equals("optimizer")) {
                List<String> answers = proposalId == null ? List.of() : view.solveAnswers(proposalId);
                long published = answers.size();
                c.put("proposal_answer", String.join(", ", answers));
                long all = proposalId == null ? 0 : view.proposalCount(proposalId, null);
                Stack.Answer rest = proposalId == null ? Stack.Answer.NONE : stack.get("optimizer", "/api/proposals/" + proposalId, "victor");
                c.put("killed_mid_solve", midSolve);
                c.put("proposal_records", all);
                c.put("proposal_rest_status", rest.status());
                v.check("rebalance requested (REST, carol)", requested, requested ? "202, proposal " + proposalId : "no 202 within 30 s");
                v.check("killed mid-solve (no proposal before the kill)", midSolve, midSolve ? "proposal absent at the kill"
                        : "the proposal was already published when killed (lower DRILL_SOLVE_KILL_MS)");
                v.check("the proposal exists exactly once afterwards", published == 1 && rest.status() == 200,
                        published + " PENDING_APPROVAL record(s) of " + proposalId + " (" + all + " in all), REST " + rest.status());
            }
        }
    }

    // ---- broker-restart ---------------------------------------------------------------------------------

    private void brokerRestart(Verdict v, ObjectNode f) throws Exception {
        long outage = Long.parseLong(System.getenv().getOrDefault("DRILL_BROKER_DOWN_S", "20")) * 1000;
        try (TopicsView view = new TopicsView(stack.bootstrap)) {
            view.catchUp(Duration.ofMinutes(5));
            List<CrmAccount> book = demoBook(view);
            int seconds = Math.max(feedSeconds, 70);
            try (Monitor monitor = new Monitor(stack); Feed feed = new Feed(stack.bootstrap, book, rate, seconds)) {
                feed.start();
                Thread.sleep(10_000);
                long stopAt = System.currentTimeMillis();
                long pid = stack.stop("kafka");
                long stoppedAt = System.currentTimeMillis();
                f.put("broker_pid_stopped", pid);
                f.put("broker_stop_ms", stoppedAt - stopAt);
                // what health says meanwhile, and how long it takes to say it
                Thread.sleep(3_000);
                ObjectNode during = f.putObject("health_while_down");
                for (String s : Stack.SERVICES) {
                    Stack.Answer a = stack.get(s, "/q/health/ready", null);
                    during.putObject(s).put("status", a.status()).put("ms", a.millis());
                }
                long remaining = stopAt + outage - System.currentTimeMillis();
                if (remaining > 0) {
                    Thread.sleep(remaining);
                }
                stack.launch("kafka");
                long deadline = System.currentTimeMillis() + 120_000;
                while (!stack.portOpen("kafka") && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                long upAt = System.currentTimeMillis();
                f.put("broker_down_ms", upAt - stopAt);
                ObjectNode resumed = f.putObject("resumed_ms");
                Map<String, Long> readyAt = new HashMap<>();
                long end = upAt + 120_000;
                while (readyAt.size() < Stack.SERVICES.size() && System.currentTimeMillis() < end) {
                    for (String s : Stack.SERVICES) {
                        if (!readyAt.containsKey(s) && stack.ready(s)) {
                            readyAt.put(s, System.currentTimeMillis());
                        }
                    }
                    Thread.sleep(250);
                }
                // the optimizer's outputs flow when asked: a rebalance request once it is ready
                JsonNode asked = readyAt.containsKey("optimizer") ? requestRebalance("drill broker-restart", 60_000) : null;
                String proposalId = asked == null ? null : asked.path("proposalId").asText(null);
                feed.await();
                long feedEnd = System.currentTimeMillis();
                Settled settled = settle(view, feedEnd);
                Map<String, Long> outputAt = new LinkedHashMap<>();
                outputAt.put("scoring", monitor.firstArrival(Topics.ACCOUNTS_SCORED.name(), upAt));
                outputAt.put("territory", monitor.firstArrival(Topics.TERRITORY_HEALTH.name(), upAt));
                outputAt.put("trigger", monitor.firstCommitAdvance("trigger-service", upAt));
                outputAt.put("optimizer", proposalId == null ? -1L : monitor.proposals(proposalId).stream()
                        .mapToLong(Monitor.ProposalArrival::at).min().orElse(-1));
                for (String s : Stack.SERVICES) {
                    long ready = readyAt.getOrDefault(s, -1L);
                    long out = outputAt.get(s);
                    long at = ready < 0 || out < 0 ? -1 : Math.max(ready, out);
                    ObjectNode r = resumed.putObject(s);
                    r.put("ready_ms", ready < 0 ? -1 : ready - upAt);
                    r.put("output_ms", out < 0 ? -1 : out - upAt);
                    boolean ok = at >= 0 && at - upAt <= BROKER_RESUME_GOAL_MS;
                    // the optimizer's output comes only after a request made once it was ready: its ready time is the measure
                    if (s.equals("optimizer")) {
                        ok = ready >= 0 && ready - upAt <= BROKER_RESUME_GOAL_MS && out >= 0;
                    }
                    v.check(s + " resumed by itself <= 30 s after the broker", ok, String.format(Locale.ROOT,
                            "ready %s, output %s after the broker was back", ms(ready, upAt), ms(out, upAt)));
                }
                f.put("events_fed", feed.sent());
                f.put("events_failed", feed.failed());
                f.put("rate_events_per_s", Math.round(feed.achievedRate()));
                f.put("settle_ms", settled.millis());
                putEvaluation(f, settled.evaluation());
                v.check("feed rate >= 2,000 events/s, nothing lost by the producer", feed.failed() == 0,
                        String.format(Locale.ROOT, "%,d events at %.0f/s, %d failed", feed.sent(), feed.achievedRate(), feed.failed()));
                checkInvariants(v, settled);
            }
        }
    }

    // ---- bad-input --------------------------------------------------------------------------------------

    private void badInput(Verdict v, ObjectNode f) throws Exception {
        int size = Integer.parseInt(System.getenv().getOrDefault("DRILL_BAD_RECORDS", "10000"));
        List<BadInputCorpus.Entry> corpus = new BadInputCorpus(12).generate(size);
        Map<String, Integer> categories = new TreeMap<>();
        corpus.forEach(e -> categories.merge(e.category(), 1, Integer::sum));
        ObjectNode cat = f.putObject("corpus");
        categories.forEach(cat::put);
        try (TopicsView view = new TopicsView(stack.bootstrap)) {
            view.catchUp(Duration.ofMinutes(5));
            List<CrmAccount> book = demoBook(view);
            // scores an earlier run let through (before a fix) are removed the way the CRM would: a delete and its tombstone
            List<String> leftovers = view.latestScore.keySet().stream().filter(id -> id.startsWith("BAD-")).sorted().toList();
            if (!leftovers.isEmpty()) {
                try (KafkaProducer<byte[], byte[]> p = Feed.producer(stack.bootstrap)) {
                    for (String id : leftovers) {
                        for (CdcRecord r : List.of(cdc.accountDelete(id, System.currentTimeMillis()), cdc.accountTombstone(id))) {
                            p.send(new ProducerRecord<>(r.topic(), r.key(), r.value()));
                        }
                    }
                }
                settle(view, System.currentTimeMillis());
            }
            f.put("leftover_bad_scores_removed_first", leftovers.size());
            Map<String, Long> pidsBefore = pids();
            Map<TopicPartition, Long> dlqStart = ends(List.of(Topics.CRM_ACCOUNTS_DLQ.name(), Topics.CRM_REPS_DLQ.name()));
            try (ScoredWatch scored = new ScoredWatch(stack.bootstrap);
                 Feed valid = new Feed(stack.bootstrap, book, 1, 1);
                 KafkaProducer<byte[], byte[]> producer = Feed.producer(stack.bootstrap)) {
                List<Future<RecordMetadata>> bad = new ArrayList<>();
                List<Future<RecordMetadata>> good = new ArrayList<>();
                List<String> goodIds = new ArrayList<>();
                long start = System.nanoTime();
                long seq = System.currentTimeMillis() % 1_000_000;
                for (int i = 0; i < size; i++) {
                    long due = start + i * 1_000_000_000L / 1_000; // 1,000 pairs (2,000 records) a second
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    BadInputCorpus.Entry e = corpus.get(i);
                    bad.add(producer.send(new ProducerRecord<>(e.topic(), e.key(), e.value())));
                    CdcRecord r = valid.update(seq + i);
                    goodIds.add(book.get((int) ((seq + i) % book.size())).accountId());
                    good.add(producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value())));
                }
                producer.flush();
                long sentAt = System.currentTimeMillis();
                f.put("sent_s", round((System.nanoTime() - start) / 1e9));
                Map<String, BadInputCorpus.Entry> byPosition = new HashMap<>();
                int refused = 0;
                for (int i = 0; i < size; i++) {
                    try {
                        RecordMetadata m = bad.get(i).get();
                        byPosition.put(m.topic() + "/" + m.partition() + "@" + m.offset(), corpus.get(i));
                    } catch (Exception e) {
                        refused++;
                    }
                }
                Set<String> expectedEvents = new HashSet<>();
                int weights = view.evaluate().weightsVersion();
                for (int i = 0; i < size; i++) {
                    RecordMetadata m = good.get(i).get();
                    expectedEvents.add(goodIds.get(i) + "/" + m.topic() + "-" + m.partition() + "@" + m.offset() + "/w" + weights);
                }
                f.put("malformed_sent", byPosition.size());
                f.put("malformed_refused_by_broker", refused);
                f.put("valid_sent", expectedEvents.size());
                // every valid record scored (its event id on accounts.scored), every malformed one dead-lettered
                long deadline = System.currentTimeMillis() + settleSeconds * 1000L;
                while (!scored.seenAll(expectedEvents) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(1_000);
                }
                long scoredAt = System.currentTimeMillis();
                int validScored = scored.countSeen(expectedEvents);
                Letters letters = readLetters(dlqStart, byPosition, deadline);
                f.put("valid_scored", validScored);
                f.put("valid_scored_s", round((scoredAt - sentAt) / 1000.0));
                f.put("dead_lettered", letters.lettered);
                f.put("reasons_naming_the_problem", letters.reasonsOk);
                f.put("letters_read", letters.read);
                ObjectNode services = f.putObject("letters_by_service");
                letters.byService.forEach(services::put);
                ArrayNode ex = f.putArray("reason_examples");
                letters.examples.forEach(ex::add);
                ArrayNode missing = f.putArray("not_dead_lettered_examples");
                letters.missingExamples.forEach(missing::add);
                Settled settled = settle(view, System.currentTimeMillis());
                putEvaluation(f, settled.evaluation());
                long badScored = scored.countSeenStartingWith("BAD-");
                f.put("bad_scores_published_this_run", badScored);
                f.put("bad_scores_left_by_earlier_runs", view.latestScore.keySet().stream().filter(id -> id.startsWith("BAD-")).count());
                Map<String, Long> pidsAfter = pids();
                v.check("100% of the malformed records dead-lettered", letters.lettered == byPosition.size() && refused == 0,
                        letters.lettered + " of " + byPosition.size() + " (" + refused + " refused by the broker)"
                                + (letters.missingExamples.isEmpty() ? "" : "; not lettered e.g. " + letters.missingExamples));
                v.check("every letter's reason names the field or the problem", letters.reasonsOk == letters.lettered,
                        letters.reasonsOk + " of " + letters.lettered + (letters.badReasons.isEmpty() ? "" : "; e.g. " + letters.badReasons));
                v.check("every valid record scored", validScored == expectedEvents.size(),
                        validScored + " of " + expectedEvents.size() + " event ids on accounts.scored, "
                                + round((scoredAt - sentAt) / 1000.0) + " s after the last send");
                v.check("no malformed record scored", badScored == 0, badScored + " scores of BAD-… accounts published during the run");
                v.check("no crash (same pids, all ready)", pidsBefore.equals(pidsAfter) && allReady(),
                        "before " + pidsBefore + ", after " + pidsAfter);
                v.check("no stall (settled)", settled.settled(), "settled in " + settled.millis() + " ms");
                checkInvariants(v, settled);
            }
        }
    }

    record Letters(int lettered, int reasonsOk, int read, Map<String, Integer> byService, List<String> examples,
                   List<String> missingExamples, List<String> badReasons) {
    }

    private Letters readLetters(Map<TopicPartition, Long> from, Map<String, BadInputCorpus.Entry> expected, long deadline)
            throws InterruptedException {
        Deserializer<DeadLetter> reader = AvroSerdes.valueSerde(DeadLetter.class, Map.of()).deserializer();
        Map<String, Map<String, String>> lettersByPosition = new HashMap<>(); // position -> service -> reason
        Map<String, Integer> byService = new TreeMap<>();
        int read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = TopicsView.consumer(stack.bootstrap)) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            long quietSince = System.currentTimeMillis();
            while (System.currentTimeMillis() < deadline) {
                var records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    DeadLetter l = reader.deserialize(r.topic(), r.value());
                    read++;
                    byService.merge(l.getService(), 1, Integer::sum);
                    lettersByPosition.computeIfAbsent(l.getSourceTopic() + "/" + l.getSourcePartition() + "@" + l.getSourceOffset(),
                            p -> new HashMap<>()).put(l.getService(), l.getErrorType() + ": " + l.getReason());
                }
                if (!records.isEmpty()) {
                    quietSince = System.currentTimeMillis();
                }
                boolean complete = expected.entrySet().stream().allMatch(e -> lettered(lettersByPosition.get(e.getKey()), e.getValue()));
                if (complete || System.currentTimeMillis() - quietSince > 20_000) {
                    break;
                }
            }
        }
        int lettered = 0;
        int reasonsOk = 0;
        List<String> examples = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> badReasons = new ArrayList<>();
        Set<String> exampleCategories = new HashSet<>();
        for (Map.Entry<String, BadInputCorpus.Entry> e : new TreeMap<>(expected).entrySet()) {
            Map<String, String> letters = lettersByPosition.get(e.getKey());
            BadInputCorpus.Entry entry = e.getValue();
            if (!lettered(letters, entry)) {
                if (missing.size() < 5) {
                    missing.add(entry + " at " + e.getKey() + (letters == null ? "" : " (letters only from " + letters.keySet() + ")"));
                }
                continue;
            }
            lettered++;
            boolean ok = letters.values().stream().allMatch(r -> r.toLowerCase(Locale.ROOT).contains(entry.expect().toLowerCase(Locale.ROOT)));
            if (ok) {
                reasonsOk++;
            } else if (badReasons.size() < 5) {
                badReasons.add(entry.category() + " expected '" + entry.expect() + "': " + letters);
            }
            if (exampleCategories.add(entry.category() + entry.topic())) {
                letters.forEach((service, reason) -> examples.add(entry.category() + " on " + entry.topic() + " -> "
                        + service + ": " + abbreviate(reason, 160)));
            }
        }
        return new Letters(lettered, reasonsOk, read, byService, examples, missing, badReasons);
    }

    /** Account records are lettered by scoring-service; rep records by both territory-service and trigger-service. */
    private static boolean lettered(Map<String, String> letters, BadInputCorpus.Entry entry) {
        if (letters == null) {
            return false;
        }
        if (entry.topic().equals(Topics.CRM_REPS.name())) {
            return letters.keySet().stream().anyMatch(s -> s.contains("territory"))
                    && letters.keySet().stream().anyMatch(s -> s.contains("trigger"));
        }
        return letters.keySet().stream().anyMatch(s -> s.contains("scoring"));
    }

    // ---- oversized --------------------------------------------------------------------------------------

    private void oversized(Verdict v, ObjectNode f) throws Exception {
        int limit = brokerLimit(Topics.CRM_ACCOUNTS.name());
        f.put("broker_max_message_bytes", limit);
        try (TopicsView view = new TopicsView(stack.bootstrap)) {
            view.catchUp(Duration.ofMinutes(5));
            List<CrmAccount> book = demoBook(view);
            Map<String, Long> pidsBefore = pids();
            Map<TopicPartition, Long> dlqStart = ends(List.of(Topics.CRM_ACCOUNTS_DLQ.name()));
            int weights = view.evaluate().weightsVersion();
            try (ScoredWatch scored = new ScoredWatch(stack.bootstrap);
                 Feed updates = new Feed(stack.bootstrap, book, 1, 1);
                 KafkaProducer<byte[], byte[]> producer = Feed.producer(stack.bootstrap)) {
                long seq = System.currentTimeMillis() % 1_000_000;
                // 1. a malformed record at the broker's limit: the largest value it accepts
                CdcRecord bad = cdc.account(ChangeOp.UPDATE, BadInputCorpus.template("OVR-AT-LIMIT", 1), System.currentTimeMillis());
                RecordMetadata atLimit = null;
                int atLimitSize = 0;
                for (int size = limit - 90; size > limit - 400 && atLimit == null; size -= 10) {
                    byte[] value = BadInputCorpus.padded(bad, a -> a.put("renewal_risk", 9.0), size);
                    try {
                        atLimit = producer.send(new ProducerRecord<>(bad.topic(), bad.key(), value)).get();
                        atLimitSize = size;
                    } catch (Exception e) {
                        // too large with the framing: a little smaller
                    }
                }
                byte[] atLimitValue = atLimitSize == 0 ? null : BadInputCorpus.padded(bad, a -> a.put("renewal_risk", 9.0), atLimitSize);
                f.put("malformed_at_limit_bytes", atLimitSize);
                // 2. just above: the broker refuses it, nothing enters the stream
                String aboveError = null;
                try {
                    producer.send(new ProducerRecord<>(bad.topic(), bad.key(),
                            BadInputCorpus.padded(bad, a -> a.put("renewal_risk", 9.0), limit + 1))).get();
                } catch (Exception e) {
                    aboveError = rootMessage(e);
                }
                f.put("just_above_limit_bytes", limit + 1);
                f.put("just_above_limit_refused", aboveError != null);
                f.put("just_above_limit_error", aboveError);
                // 3. a valid update at the limit (an unknown column padded): scored like any other
                CdcRecord validBig = updates.update(seq++);
                String validBigId = idOf(validBig);
                RecordMetadata vb = null;
                int validBigSize = 0;
                for (int size = limit - 90; size > limit - 400 && vb == null; size -= 10) {
                    try {
                        vb = producer.send(new ProducerRecord<>(validBig.topic(), validBig.key(),
                                BadInputCorpus.padded(validBig, a -> { }, size))).get();
                        validBigSize = size;
                    } catch (Exception e) {
                        // smaller
                    }
                }
                f.put("valid_at_limit_bytes", validBigSize);
                Set<String> expected = new HashSet<>();
                if (vb != null) {
                    expected.add(validBigId + "/" + vb.topic() + "-" + vb.partition() + "@" + vb.offset() + "/w" + weights);
                }
                // the at-limit letter and the valid at-limit score first: the topic is lowered only after they are through
                long firstDeadline = System.currentTimeMillis() + 120_000;
                while (!scored.seenAll(expected) && System.currentTimeMillis() < firstDeadline) {
                    Thread.sleep(1_000);
                }
                DeadLetter letter = atLimit == null ? null : findLetter(dlqStart, atLimit, firstDeadline);
                // 4. a dead letter that cannot be written: the dead-letter topic lowered below the letter
                int lowered = 100_000;
                ConfigResource dlq = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CRM_ACCOUNTS_DLQ.name());
                alterTopic(dlq, String.valueOf(lowered));
                RecordMetadata unwritable;
                CdcRecord bad2 = cdc.account(ChangeOp.UPDATE, BadInputCorpus.template("OVR-UNWRITABLE", 2), System.currentTimeMillis());
                try {
                    unwritable = producer.send(new ProducerRecord<>(bad2.topic(), bad2.key(),
                            BadInputCorpus.padded(bad2, a -> a.put("icp_fit", 900.0), 400_000))).get();
                    f.put("unwritable_letter_source", unwritable.topic() + "-" + unwritable.partition() + "@" + unwritable.offset());
                    f.put("dlq_max_message_bytes_during", lowered);
                    // the valid updates behind it
                    List<Future<RecordMetadata>> behind = new ArrayList<>();
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < 2_000; i++) {
                        CdcRecord r = updates.update(seq++);
                        ids.add(idOf(r));
                        behind.add(producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value())));
                    }
                    for (int i = 0; i < behind.size(); i++) {
                        RecordMetadata m = behind.get(i).get();
                        expected.add(ids.get(i) + "/" + m.topic() + "-" + m.partition() + "@" + m.offset() + "/w" + weights);
                    }
                    long deadline = System.currentTimeMillis() + 90_000;
                    while (!scored.seenAll(expected) && System.currentTimeMillis() < deadline) {
                        Thread.sleep(1_000);
                    }
                } finally {
                    alterTopic(dlq, null);
                }
                int seenWhileLowered = scored.countSeen(expected);
                f.put("valid_scored_while_letter_unwritable", seenWhileLowered);
                long deadline = System.currentTimeMillis() + settleSeconds * 1000L;
                while (!scored.seenAll(expected) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(1_000);
                }
                int seen = scored.countSeen(expected);
                f.put("valid_expected", expected.size());
                f.put("valid_scored", seen);
                // the at-limit letter: cut to fit, said so, sized and hashed
                boolean letterOk = letter != null && letter.getTruncated()
                        && letter.getOriginalValueSize() != null && letter.getOriginalValueSize() == atLimitSize
                        && sha256(atLimitValue).equals(letter.getOriginalValueSha256());
                f.put("at_limit_letter_truncated", letter != null && letter.getTruncated());
                f.put("at_limit_letter_kept_bytes", letter == null || letter.getOriginalValue() == null ? -1 : letter.getOriginalValue().remaining());
                f.put("at_limit_letter_reason", letter == null ? null : abbreviate(letter.getReason(), 200));
                Settled settled = settle(view, System.currentTimeMillis());
                putEvaluation(f, settled.evaluation());
                Map<String, Long> pidsAfter = pids();
                v.check("a malformed record at the broker's limit is dead-lettered, cut to fit, sized and hashed", letterOk,
                        atLimit == null ? "the broker took no record near its limit" : letter == null ? "no letter for "
                                + atLimit.partition() + "@" + atLimit.offset() : "truncated " + letter.getTruncated() + ", size "
                                + letter.getOriginalValueSize() + " of " + atLimitSize + ", reason: " + abbreviate(letter.getReason(), 120));
                v.check("a record just above the limit is refused by the broker", aboveError != null,
                        aboveError == null ? "accepted" : aboveError);
                v.check("the stream went on while a dead letter could not be written", seenWhileLowered == expected.size(),
                        seenWhileLowered + " of " + expected.size() + " valid records behind it scored within 90 s while "
                                + Topics.CRM_ACCOUNTS_DLQ.name() + " took at most " + lowered + " bytes");
                v.check("a valid record at the limit is scored, and the 2,000 valid updates behind an unwritable letter",
                        seen == expected.size(), seen + " of " + expected.size() + " (" + seenWhileLowered
                                + " while the dead-letter topic took at most " + lowered + " bytes)");
                v.check("scoring-service did not crash (same pid, ready)", pidsBefore.get("scoring").equals(pidsAfter.get("scoring"))
                        && stack.ready("scoring"), "pid " + pidsBefore.get("scoring") + " -> " + pidsAfter.get("scoring"));
                checkInvariants(v, settled);
            }
        }
    }

    private DeadLetter findLetter(Map<TopicPartition, Long> from, RecordMetadata source, long deadline) {
        Deserializer<DeadLetter> reader = AvroSerdes.valueSerde(DeadLetter.class, Map.of()).deserializer();
        try (KafkaConsumer<byte[], byte[]> consumer = TopicsView.consumer(stack.bootstrap)) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    DeadLetter l = reader.deserialize(r.topic(), r.value());
                    if (l.getSourcePartition() == source.partition() && l.getSourceOffset() == source.offset()
                            && l.getSourceTopic().equals(source.topic())) {
                        return l;
                    }
                }
                if (ends(List.of(Topics.CRM_ACCOUNTS_DLQ.name())).entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    return null;
                }
            }
        }
        return null;
    }

    private void alterTopic(ConfigResource topic, String maxMessageBytes) throws Exception {
        AlterConfigOp op = maxMessageBytes == null
                ? new AlterConfigOp(new ConfigEntry("max.message.bytes", ""), AlterConfigOp.OpType.DELETE)
                : new AlterConfigOp(new ConfigEntry("max.message.bytes", maxMessageBytes), AlterConfigOp.OpType.SET);
        stack.admin().incrementalAlterConfigs(Map.of(topic, List.of(op))).all().get(10, TimeUnit.SECONDS);
    }

    private int brokerLimit(String topic) throws Exception {
        ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = stack.admin().describeConfigs(List.of(r)).all().get(10, TimeUnit.SECONDS).get(r);
        return Integer.parseInt(config.get("max.message.bytes").value());
    }

    // ---- store-down -------------------------------------------------------------------------------------

    private void storeDown(Verdict v, ObjectNode f) throws Exception {
        long outage = Long.parseLong(System.getenv().getOrDefault("DRILL_STORE_DOWN_S", "60")) * 1000;
        try (TopicsView view = new TopicsView(stack.bootstrap)) {
            view.catchUp(Duration.ofMinutes(5));
            List<CrmAccount> book = demoBook(view);
            int seconds = (int) (outage / 1000) + 30;
            try (Monitor monitor = new Monitor(stack); Feed feed = new Feed(stack.bootstrap, book, rate, seconds)) {
                feed.start();
                Thread.sleep(10_000);
                f.put("store_bytes_before", stack.storeBytes());
                long downAt = System.currentTimeMillis();
                f.put("mongo_pid_stopped", stack.stop("mongo"));
                Thread.sleep(5_000);
                // one request while the store is down: refused in words, or accepted and then answered exactly once
                Stack.Answer asked = stack.post("optimizer", "/api/rebalances", "carol",
                        "{\"team\":\"" + team + "\",\"reason\":\"drill store-down: asked while the store is down\"}");
                String proposalId = asked.status() == 202 ? DrillsJson.JSON.readTree(asked.body()).path("proposalId").asText(null) : null;
                f.put("request_while_down", asked.status() + " in " + asked.millis() + " ms: " + abbreviate(asked.body(), 200));
                f.put("requested_while_down", proposalId);
                Thread.sleep(Math.max(0, downAt + 20_000 - System.currentTimeMillis()));
                ObjectNode health = f.putObject("health_while_down");
                for (String s : Stack.SERVICES) {
                    Stack.Answer a = stack.get(s, "/q/health", null);
                    ObjectNode h = health.putObject(s);
                    h.put("http", a.status()).put("ms", a.millis());
                    summariseHealth(h, a.body());
                }
                Stack.Answer rest = stack.get("territory", "/api/territories?team=" + team, "victor");
                f.put("territory_rest_while_down", rest.status() + " in " + rest.millis() + " ms");
                Thread.sleep(Math.max(0, downAt + outage - System.currentTimeMillis()));
                long upAt = System.currentTimeMillis();
                stack.launch("mongo");
                long deadline = System.currentTimeMillis() + 120_000;
                while (!stack.portOpen("mongo") && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                f.put("mongo_down_ms", System.currentTimeMillis() - downAt);
                long healthWhileDown = monitor.arrivalsBetween(Topics.TERRITORY_HEALTH.name(), downAt + 5_000, upAt);
                long scoredWhileDown = monitor.arrivalsBetween(Topics.ACCOUNTS_SCORED.name(), downAt + 5_000, upAt);
                f.put("territory_health_records_while_down", healthWhileDown);
                f.put("scored_records_while_down", scoredWhileDown);
                feed.await();
                Settled settled = settle(view, System.currentTimeMillis());
                // the history recorder and the optimizer have caught up with the topics
                long historyLag = awaitLag("territory-service-history", 180_000);
                long optimizerLag = awaitLag("optimizer-service", 180_000);
                f.put("history_lag_after", historyLag);
                f.put("optimizer_lag_after", optimizerLag);
                view.catchUp(Duration.ofMinutes(2));
                // backfill: REST (MongoDB) against the latest territory.health of every rep
                Map<String, TerritoryHealth> latest = view.healthByRep();
                Stack.Answer current = stack.get("territory", "/api/territories", "victor");
                Map<String, Double> restPotential = new HashMap<>();
                if (current.status() == 200) {
                    for (JsonNode t : DrillsJson.JSON.readTree(current.body())) {
                        restPotential.put(t.path("rep_id").asText(), t.path("potential_total").asDouble(Double.NaN));
                    }
                }
                List<String> missing = new ArrayList<>();
                latest.forEach((rep, h) -> {
                    Double p = restPotential.get(rep);
                    if (p == null || Math.abs(p - h.getPotentialTotal()) >= Invariants.CENT_TOLERANCE) {
                        missing.add(rep + " topic " + round(h.getPotentialTotal()) + " store " + p);
                    }
                });
                f.put("reps_compared", latest.size());
                f.put("reps_current_differing", missing.size());
                // history: the last point since the outage of reps that changed meanwhile equals the latest record
                String from = Instant.ofEpochMilli(downAt).toString();
                int historyChecked = 0;
                long historySlowestMs = 0;
                List<String> historyWrong = new ArrayList<>();
                for (String rep : new TreeMap<>(latest).keySet()) {
                    if (historyChecked >= 10 || rep.startsWith("__")) {
                        continue;
                    }
                    Stack.Answer h = stack.get("territory", "/api/territories/" + rep + "/history?from=" + from, "victor");
                    historySlowestMs = Math.max(historySlowestMs, h.millis());
                    if (h.status() != 200) {
                        historyWrong.add(rep + ": HTTP " + h.status());
                        historyChecked++;
                        continue;
                    }
                    JsonNode points = DrillsJson.JSON.readTree(h.body());
                    if (points.isEmpty()) {
                        continue; // unchanged since the outage began
                    }
                    historyChecked++;
                    double last = points.get(points.size() - 1).path("potential_total").asDouble(Double.NaN);
                    if (Math.abs(last - latest.get(rep).getPotentialTotal()) >= Invariants.CENT_TOLERANCE) {
                        historyWrong.add(rep + " history " + round(last) + " topic " + round(latest.get(rep).getPotentialTotal()));
                    }
                }
                f.put("history_reps_checked", historyChecked);
                f.put("history_read_slowest_ms", historySlowestMs);
                f.put("store_bytes_after", stack.storeBytes());
                // audit: the proposal asked for while the store was down is stored, audited, published once
                List<String> answers = proposalId == null ? List.of() : view.solveAnswers(proposalId);
                long published = answers.size();
                f.put("proposal_answer", String.join(", ", answers));
                Stack.Answer audit = proposalId == null ? Stack.Answer.NONE
                        : stack.get("optimizer", "/api/proposals/" + proposalId + "/audit", "victor");
                boolean audited = audit.status() == 200 && audit.body().contains("REQUESTED") && audit.body().contains("SOLVED");
                f.put("proposal_records", published);
                f.put("proposal_audit", audit.status() + (audited ? " REQUESTED, SOLVED" : " " + abbreviate(audit.body(), 200)));
                putEvaluation(f, settled.evaluation());
                ObjectNode after = f.putObject("health_after");
                for (String s : Stack.SERVICES) {
                    Stack.Answer a = stack.get(s, "/q/health", null);
                    summariseHealth(after.putObject(s).put("http", a.status()), a.body());
                }
                v.check("stream processing went on while the store was down", healthWhileDown > 0 && scoredWhileDown > 0,
                        healthWhileDown + " territory.health and " + scoredWhileDown + " accounts.scored records during the outage");
                v.check("health said what was degraded meanwhile", health.path("territory").path("http").asInt() == 503
                                && health.path("optimizer").path("http").asInt() == 503,
                        "territory " + health.path("territory").path("down").asText() + " (HTTP " + health.path("territory").path("http").asInt()
                                + "), optimizer " + health.path("optimizer").path("down").asText() + " (HTTP "
                                + health.path("optimizer").path("http").asInt() + ")");
                v.check("history and current health backfilled, nothing missing", missing.isEmpty() && historyWrong.isEmpty()
                                && historyLag >= 0, latest.size() + " reps compared, " + missing.size() + " differ"
                                + (missing.isEmpty() ? "" : " e.g. " + missing.subList(0, Math.min(3, missing.size())))
                                + "; history of " + historyChecked + " reps " + (historyWrong.isEmpty() ? "ends at the latest record" : historyWrong)
                                + "; history lag " + historyLag + "; slowest history read " + historySlowestMs + " ms; store "
                                + megabytes(f.path("store_bytes_before").asLong()) + " before, "
                                + megabytes(f.path("store_bytes_after").asLong()) + " after");
                boolean refusedInWords = proposalId == null && asked.status() >= 400 && asked.status() != 500 && !asked.body().isBlank();
                v.check("a rebalance asked for meanwhile is refused in words, or stored, audited and published once",
                        refusedInWords || (proposalId != null && published == 1 && audited),
                        proposalId == null ? "refused: " + f.path("request_while_down").asText()
                                : "accepted (202); afterwards " + published + " answer(s) of " + proposalId
                                + (answers.isEmpty() ? "" : " " + answers) + ", audit "
                                + f.path("proposal_audit").asText());
                v.check("every service ready again", allReady(), "after the store came back");
                checkInvariants(v, settled);
            }
        }
    }

    private static void summariseHealth(ObjectNode h, String body) {
        try {
            JsonNode json = DrillsJson.JSON.readTree(body);
            h.put("status", json.path("status").asText());
            List<String> down = new ArrayList<>();
            for (JsonNode check : json.path("checks")) {
                if (!"UP".equals(check.path("status").asText())) {
                    down.add(check.path("name").asText() + " " + check.path("status").asText()
                            + (check.has("data") ? " " + abbreviate(check.get("data").toString(), 160) : ""));
                }
            }
            h.put("down", down.isEmpty() ? "nothing" : String.join("; ", down));
        } catch (Exception e) {
            h.put("status", "unreadable").put("down", abbreviate(body, 160));
        }
    }

    // ---- replay -----------------------------------------------------------------------------------------

    private void replay(Verdict v, ObjectNode f) throws Exception {
        try (TopicsView view = new TopicsView(stack.bootstrap)) {
            view.catchUp(Duration.ofMinutes(5));
            Settled before = settle(view, System.currentTimeMillis());
            Map<String, Double> accountsBefore = potentials(view);
            Map<String, Double> repsBefore = repPotentials(view);
            int commandsBefore = view.commandIds.size();
            int proposalsBefore = view.proposalRecords.size();
            Map<TopicPartition, Long> weightsDlq = ends(List.of(Topics.SCORING_WEIGHTS_DLQ.name()));
            Map<TopicPartition, Long> scoredEnd = ends(List.of(Topics.ACCOUNTS_SCORED.name()));
            // the second snapshot: every current row again, op r, reps first, then the weights version in force
            List<CrmRep> reps = readReps();
            List<CrmAccount> accounts = view.accountRows();
            long ts = System.currentTimeMillis();
            try (KafkaProducer<byte[], byte[]> producer = Feed.producer(stack.bootstrap)) {
                for (CrmRep rep : reps) {
                    CdcRecord r = cdc.rep(ChangeOp.READ, rep, ts);
                    producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value()));
                }
                for (CrmAccount a : accounts) {
                    CdcRecord r = cdc.account(ChangeOp.READ, a, ts);
                    producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value()));
                }
                byte[][] weights = lastRecord(Topics.SCORING_WEIGHTS.name());
                if (weights != null) {
                    producer.send(new ProducerRecord<>(Topics.SCORING_WEIGHTS.name(), weights[0], weights[1]));
                }
                producer.flush();
            }
            f.put("replayed_reps", reps.size());
            f.put("replayed_accounts", accounts.size());
            Thread.sleep(5_000);
            Settled after = settle(view, System.currentTimeMillis());
            Thread.sleep(15_000); // let the triggers speak, if they would
            view.catchUp(Duration.ofMinutes(2));
            after = new Settled(after.settled(), after.millis(), view.evaluate());
            Map<String, Double> accountsAfter = potentials(view);
            Map<String, Double> repsAfter = repPotentials(view);
            int accountsDiffer = differing(accountsBefore, accountsAfter);
            int repsDiffer = differing(repsBefore, repsAfter);
            int newCommands = view.commandIds.size() - commandsBefore;
            int newProposals = view.proposalRecords.size() - proposalsBefore;
            long weightLetters = newRecords(weightsDlq);
            long newScores = newRecords(scoredEnd);
            f.put("sum_potential_before", round(before.evaluation().balance().accountPotential()));
            f.put("sum_potential_after", round(after.evaluation().balance().accountPotential()));
            f.put("accounts_differing", accountsDiffer);
            f.put("reps_differing", repsDiffer);
            f.put("new_commands", newCommands);
            f.put("new_proposal_records", newProposals);
            f.put("new_weights_dead_letters", weightLetters);
            f.put("new_accounts_scored_records", newScores);
            putEvaluation(f, after.evaluation());
            v.check("same final figures", accountsDiffer == 0 && repsDiffer == 0
                            && Math.abs(before.evaluation().balance().accountPotential() - after.evaluation().balance().accountPotential()) < Invariants.CENT_TOLERANCE,
                    accountsDiffer + " accounts and " + repsDiffer + " territories differ; Σ potential "
                            + round(before.evaluation().balance().accountPotential()) + " -> " + round(after.evaluation().balance().accountPotential()));
            v.check("no new rebalance commands or proposals", newCommands == 0 && newProposals == 0,
                    newCommands + " commands, " + newProposals + " proposal records");
            v.check("the replayed weights version is a no-op", weightLetters == 0, weightLetters + " new letters on "
                    + Topics.SCORING_WEIGHTS_DLQ.name());
            f.put("note_new_scores", "identical inputs publish no new score; " + newScores + " were published");
            checkInvariants(v, after);
        }
    }

    private static int differing(Map<String, Double> a, Map<String, Double> b) {
        int n = 0;
        Set<String> keys = new HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String k : keys) {
            Double x = a.get(k);
            Double y = b.get(k);
            if (x == null || y == null || Math.abs(x - y) >= Invariants.CENT_TOLERANCE) {
                n++;
            }
        }
        return n;
    }

    private Map<String, Double> potentials(TopicsView view) {
        Deserializer<ScoredAccount> d = AvroSerdes.valueSerde(ScoredAccount.class, Map.of()).deserializer();
        Map<String, Double> out = new HashMap<>();
        view.latestScore.forEach((id, bytes) -> out.put(id, d.deserialize(Topics.ACCOUNTS_SCORED.name(), bytes).getPotential()));
        return out;
    }

    private static Map<String, Double> repPotentials(TopicsView view) {
        Map<String, Double> out = new HashMap<>();
        view.healthByRep().forEach((rep, h) -> out.put(rep, h.getPotentialTotal()));
        return out;
    }

    private List<CrmRep> readReps() {
        Map<String, CrmRep> reps = new TreeMap<>();
        readAll(Topics.CRM_REPS.name(), r -> {
            try {
                ChangeEvent e = DebeziumDecoder.decode(r.key(), r.value(), CrmRep.ID_FIELD);
                if (e.removesRow()) {
                    reps.remove(e.id());
                } else {
                    reps.put(e.id(), CrmRep.from(e.id(), e.after()));
                }
            } catch (RuntimeException e) {
                // dead-lettered by the services too
            }
        });
        return new ArrayList<>(reps.values());
    }

    private byte[][] lastRecord(String topic) {
        byte[][][] last = new byte[1][][];
        readAll(topic, r -> last[0] = new byte[][]{r.key(), r.value()});
        return last[0];
    }

    private void readAll(String topic, java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> apply) {
        try (KafkaConsumer<byte[], byte[]> consumer = TopicsView.consumer(stack.bootstrap)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(apply);
            }
        }
    }

    private long newRecords(Map<TopicPartition, Long> from) {
        Map<TopicPartition, Long> now = ends(from.keySet().stream().map(TopicPartition::topic).distinct().toList());
        long n = 0;
        for (Map.Entry<TopicPartition, Long> e : from.entrySet()) {
            n += now.getOrDefault(e.getKey(), e.getValue()) - e.getValue();
        }
        return n; // offsets, transaction markers included: an upper bound
    }

    // ---- scale ------------------------------------------------------------------------------------------

    private void scale(Verdict v, ObjectNode f) throws Exception {
        List<String> seconds = List.of("scoring-2", "territory-2");
        try (TopicsView view = new TopicsView(stack.bootstrap)) {
            view.catchUp(Duration.ofMinutes(5));
            List<CrmAccount> book = demoBook(view);
            Map<String, Integer> partitionsBefore = Map.of("scoring-service", total(stack.assignments("scoring-service")),
                    "territory-service", total(stack.assignments("territory-service")));
            f.putPOJO("partitions_before", partitionsBefore);
            // long enough for a stateful task to move: the new instance warms its store up, then the next probing
            // rebalance (every minute) hands it over
            int feedS = Math.max(feedSeconds, 200);
            try (Monitor monitor = new Monitor(stack); Feed feed = new Feed(stack.bootstrap, book, rate, feedS)) {
                feed.start();
                Thread.sleep(10_000);
                long joinAt = System.currentTimeMillis();
                for (String s : seconds) {
                    stack.launch(s);
                }
                ObjectNode joined = f.putObject("joined");
                for (String s : seconds) {
                    long ready = awaitReady(s, 180_000);
                    joined.put(s + "_ready_ms", ready < 0 ? -1 : ready - joinAt);
                }
                Map<String, Map<String, Integer>> during = new LinkedHashMap<>();
                long shareDeadline = System.currentTimeMillis() + 150_000;
                while (System.currentTimeMillis() < shareDeadline) {
                    during.put("scoring-service", stack.assignments("scoring-service"));
                    during.put("territory-service", stack.assignments("territory-service"));
                    if (during.values().stream().allMatch(m -> m.size() == 2 && m.values().stream().allMatch(n -> n > 0))) {
                        break;
                    }
                    Thread.sleep(1_000);
                }
                f.putPOJO("assignments_with_two", during);
                long sharedAt = System.currentTimeMillis();
                joined.put("sharing_ms", sharedAt - joinAt);
                Thread.sleep(Math.max(0, Math.max(joinAt + 40_000, sharedAt + 15_000) - System.currentTimeMillis()));
                long leaveAt = System.currentTimeMillis();
                for (String s : seconds) {
                    stack.stop(s);
                }
                f.put("second_instances_ran_ms", leaveAt - joinAt);
                Map<String, Map<String, Integer>> afterLeave = new LinkedHashMap<>();
                long leftDeadline = System.currentTimeMillis() + 60_000;
                while (System.currentTimeMillis() < leftDeadline) {
                    afterLeave.put("scoring-service", stack.assignments("scoring-service"));
                    afterLeave.put("territory-service", stack.assignments("territory-service"));
                    if (afterLeave.entrySet().stream().allMatch(e -> e.getValue().size() == 1
                            && total(e.getValue()) == partitionsBefore.get(e.getKey()))) {
                        break;
                    }
                    Thread.sleep(1_000);
                }
                f.putPOJO("assignments_after_leave", afterLeave);
                f.put("back_to_one_ms", System.currentTimeMillis() - leaveAt);
                feed.await();
                Settled settled = settle(view, System.currentTimeMillis());
                f.put("events_fed", feed.sent());
                f.put("rate_events_per_s", Math.round(feed.achievedRate()));
                f.put("settle_ms", settled.millis());
                putEvaluation(f, settled.evaluation());
                boolean shared = during.values().stream().allMatch(m -> m.size() == 2 && m.values().stream().allMatch(n -> n > 0));
                boolean whole = afterLeave.entrySet().stream().allMatch(e -> e.getValue().size() == 1
                        && total(e.getValue()) == partitionsBefore.get(e.getKey()));
                v.check("the second instances joined and took tasks", shared, during.toString());
                v.check("after they left, one instance holds every partition again (no task lost)", whole,
                        "before " + partitionsBefore + ", after " + afterLeave);
                v.check("feed rate >= 2,000 events/s", feed.achievedRate() >= MIN_RATE && feed.failed() == 0,
                        String.format(Locale.ROOT, "%,d events at %.0f/s", feed.sent(), feed.achievedRate()));
                v.check("processing went on throughout", monitor.arrivalsBetween(Topics.ACCOUNTS_SCORED.name(), joinAt, leaveAt + 10_000) > 0,
                        monitor.arrivalsBetween(Topics.ACCOUNTS_SCORED.name(), joinAt, leaveAt) + " scores and "
                                + monitor.arrivalsBetween(Topics.TERRITORY_HEALTH.name(), joinAt, leaveAt) + " health records while two ran");
                checkInvariants(v, settled);
            } finally {
                for (String s : seconds) {
                    if (stack.alive(s)) {
                        stack.stop(s);
                    }
                }
            }
        }
    }

    private static int total(Map<String, Integer> assignments) {
        return assignments.values().stream().mapToInt(Integer::intValue).sum();
    }

    // ---- shared -----------------------------------------------------------------------------------------

    record Settled(boolean settled, long millis, TopicsView.Evaluation evaluation) {
    }

    /**
     * Waits until the topics add up (Σ potentials, every score on its last row) and the streams services' groups have
     * no lag beyond their transaction markers; at most {@code DRILL_SETTLE_S}.
     */
    private Settled settle(TopicsView view, long from) throws InterruptedException {
        long deadline = from + settleSeconds * 1000L;
        TopicsView.Evaluation last = null;
        while (true) {
            view.catchUp(Duration.ofSeconds(60));
            last = view.evaluate();
            boolean quiet = true;
            for (String g : List.of("scoring-service", "territory-service", "trigger-service", "optimizer-service")) {
                long lag = stack.lag(g);
                quiet &= lag >= 0 && lag <= stack.committedPartitions(g);
            }
            if (quiet && last.balance().holds() && last.formula().holds()) {
                return new Settled(true, System.currentTimeMillis() - from, last);
            }
            if (System.currentTimeMillis() > deadline) {
                return new Settled(false, System.currentTimeMillis() - from, last);
            }
            Thread.sleep(1_000);
        }
    }

    private static void checkInvariants(Verdict v, Settled s) {
        TopicsView.Evaluation e = s.evaluation();
        v.check("settled", s.settled(), (s.settled() ? "" : "not ") + "settled after " + s.millis() + " ms");
        v.check("Σ territory potential = Σ account potential (to the cent)", e.balance().holds(), e.balance().toString());
        v.check("every score = PotentialFormula on the account's last row (weights v" + e.weightsVersion() + ")",
                e.formula().holds(), e.formula().toString());
        v.check("no command or proposal duplicated", e.duplicates().none(), e.duplicates().toString());
    }

    private static void putEvaluation(ObjectNode f, TopicsView.Evaluation e) {
        ObjectNode inv = f.putObject("invariants");
        inv.put("sum_territory_potential", round(e.balance().territoryPotential()));
        inv.put("sum_account_potential", round(e.balance().accountPotential()));
        inv.put("sum_account_potential_unrounded", e.balance().accountPotentialUnrounded());
        inv.put("difference", e.balance().difference());
        inv.put("territories", e.balance().territories());
        inv.put("accounts_scored", e.balance().accounts());
        inv.put("accounts_checked", e.formula().checked());
        inv.put("formula_mismatched", e.formula().mismatched());
        inv.put("without_score", e.formula().missing());
        inv.put("scores_without_row", e.formula().orphans());
        inv.put("weights_version", e.weightsVersion());
        inv.put("commands", e.duplicates().commands());
        inv.put("duplicated_commands", e.duplicates().duplicatedCommands());
        inv.put("proposal_records", e.duplicates().proposalRecords());
        inv.put("duplicated_proposals", e.duplicates().duplicatedProposals());
        inv.put("commands_with_several_proposals", e.duplicates().commandsWithSeveralProposals());
    }

    /** The demo CRM's accounts as crm.accounts holds them now (drill and benchmark accounts left out). */
    private static List<CrmAccount> demoBook(TopicsView view) {
        return view.accountRows().stream().filter(a -> !a.accountId().startsWith("BAD-") && !a.accountId().startsWith("OVR-")
                && !a.accountId().startsWith("LAT-") && !a.accountId().startsWith("PIPE-")).toList();
    }

    /** POST /api/rebalances as carol (a maker), retried while the book view catches up; the 202's body, or null. */
    private JsonNode requestRebalance(String reason, long patienceMs) throws Exception {
        long deadline = System.currentTimeMillis() + patienceMs;
        String body = "{\"team\":\"" + team + "\",\"reason\":\"" + reason + "\"}";
        while (System.currentTimeMillis() < deadline) {
            Stack.Answer a = stack.post("optimizer", "/api/rebalances", "carol", body);
            if (a.status() == 202) {
                return DrillsJson.JSON.readTree(a.body());
            }
            System.out.println("    rebalance request: " + a.status() + " " + abbreviate(a.body(), 160));
            Thread.sleep(500);
        }
        return null;
    }

    /** Waits for /q/health/ready; the time it answered 200, or -1. */
    private long awaitReady(String part, long patienceMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + patienceMs;
        while (System.currentTimeMillis() < deadline) {
            if (stack.ready(part)) {
                return System.currentTimeMillis();
            }
            Thread.sleep(250);
        }
        return -1;
    }

    private long awaitLag(String group, long patienceMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + patienceMs;
        long lag = -1;
        while (System.currentTimeMillis() < deadline) {
            lag = stack.lag(group);
            if (lag >= 0 && lag <= stack.committedPartitions(group)) {
                return lag;
            }
            Thread.sleep(1_000);
        }
        return -lag - 2; // never caught up: negative
    }

    private boolean allReady() {
        return Stack.SERVICES.stream().allMatch(stack::ready);
    }

    private Map<String, Long> pids() {
        Map<String, Long> out = new TreeMap<>();
        for (String s : Stack.SERVICES) {
            out.put(s, stack.process(s).map(ProcessHandle::pid).orElse(-1L));
        }
        return out;
    }

    private Map<TopicPartition, Long> ends(List<String> topics) {
        try (KafkaConsumer<byte[], byte[]> consumer = TopicsView.consumer(stack.bootstrap)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String t : topics) {
                consumer.partitionsFor(t).forEach(p -> partitions.add(new TopicPartition(t, p.partition())));
            }
            return new HashMap<>(consumer.endOffsets(partitions));
        }
    }

    private static String idOf(CdcRecord r) {
        return DebeziumDecoder.decode(r.key(), r.value(), CrmAccount.ID_FIELD).id();
    }

    private static void stats(ObjectNode node, List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        node.put("count", sorted.size());
        if (!sorted.isEmpty()) {
            node.put("min", sorted.get(0));
            node.put("median", sorted.get(sorted.size() / 2));
            node.put("max", sorted.get(sorted.size() - 1));
        }
    }

    private static String ms(long at, long from) {
        return at < 0 ? "never" : (at - from) + " ms";
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static String megabytes(long bytes) {
        return bytes < 0 ? "absent" : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    static String abbreviate(String s, int max) {
        if (s == null) {
            return null;
        }
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Event ids arriving on accounts.scored from its end at construction. */
    static final class ScoredWatch implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Set<String> seen = new HashSet<>();
        private final Deserializer<ScoredAccount> reader = AvroSerdes.valueSerde(ScoredAccount.class, Map.of()).deserializer();

        ScoredWatch(String bootstrap) {
            consumer = TopicsView.consumer(bootstrap);
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ACCOUNTS_SCORED.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        private void poll() {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.value() != null) {
                    seen.add(reader.deserialize(r.topic(), r.value()).getEventId());
                }
            }
        }

        boolean seenAll(Set<String> ids) {
            poll();
            return seen.containsAll(ids);
        }

        long countSeenStartingWith(String prefix) {
            poll();
            return seen.stream().filter(id -> id.startsWith(prefix)).count();
        }

        int countSeen(Set<String> ids) {
            poll();
            return (int) ids.stream().filter(seen::contains).count();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
