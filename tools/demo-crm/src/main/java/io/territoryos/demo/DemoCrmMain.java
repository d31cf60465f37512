package io.territoryos.demo;

import io.territoryos.contracts.Topic;
import io.territoryos.contracts.Topics;
import io.territoryos.contracts.crm.CrmRep;
import io.territoryos.demo.cdc.CdcFormat;
import io.territoryos.demo.cdc.CdcRecord;
import io.territoryos.demo.cdc.DecimalMode;
import io.territoryos.demo.cdc.Envelope;
import io.territoryos.demo.csv.CsvImport;
import io.territoryos.demo.csv.CsvImportResult;
import io.territoryos.demo.csv.ExportRefusedException;
import io.territoryos.demo.csv.HeaderMapping;
import io.territoryos.demo.csv.ImportOptions;
import io.territoryos.demo.csv.ImportPlan;
import io.territoryos.demo.csv.NumberLocale;
import io.territoryos.demo.csv.RejectsFile;
import io.territoryos.demo.messaging.CrmTopicState;
import io.territoryos.demo.domain.SeedTeam;
import io.territoryos.demo.domain.Story;
import io.territoryos.demo.domain.StoryStep;
import io.territoryos.demo.domain.WeightsVersion;
import io.territoryos.demo.messaging.CrmWriteBack;
import io.territoryos.demo.messaging.KafkaCdcPublisher;
import io.territoryos.demo.messaging.PublishException;
import io.territoryos.demo.messaging.PublishReport;
import io.territoryos.demo.messaging.WeightsRecords;
import io.territoryos.demo.messaging.WriteBackConfig;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Command line of the demo CRM: loads a generated CRM (or a CSV export) into Kafka as Debezium change events,
 * plays the story's later events, or writes the events to a file. Run without arguments for usage.
 */
public final class DemoCrmMain {

    static final String USAGE = """
            usage: DemoCrmMain <command> [options]

            commands:
              load   generate a CRM and publish its snapshot: reps, then accounts (op r), then scoring weights v1
                     --bootstrap host:port (localhost:9092)  --seed N (42)  --accounts N (2000, at least 1000)
              story  publish the later events of the same generated CRM (same --seed and --accounts as load)
                     --step rep-exit|whale-churn|weights-change|all (all)
              import read reps.csv and accounts.csv from --dir (strictly: docs/csv-import.md), compare them with what
                     crm.reps and crm.accounts hold and publish only the changes: new and changed rows (op c/u),
                     deletes (op d + tombstone) for rows that left the export; scoring weights v1 if none yet
                     --dir path  --mapping salesforce|hubspot|native|FILE (detected per file)
                     --locale plain|en-US|de-DE|... (plain: 1234.50 only)  --max-rejects SHARE (0.05 or 5%)
                     --rejects FILE (rejects.csv)  --teams-out FILE (the export's teams, one per line)
                     [--dry-run: validate only, no Kafka]
              csv    the same as import
              file   write the snapshot (and with --with-story the story) to --out as JSON lines, no Kafka
                     --out events.jsonl
              writeback  stand in for the CRM's write-back until killed: apply every approved owner change of
                     territory.assignments as a Debezium update (op u) on the accounts topic; unknown accounts and
                     stale changes (the owner changed since) are reported and skipped
                     --bootstrap host:port (localhost:9092)  --assignments-topic NAME (territory.assignments)
                     --group ID (demo-crm-writeback); --envelope/--decimals must match what load wrote

            options of every command:
              --envelope plain|wrapped          Debezium JSON with or without the schema/payload wrapper (plain)
              --decimals double|string|precise  decimal.handling.mode; precise needs --envelope wrapped (double)
              --accounts-topic NAME (crm.accounts)  --reps-topic NAME (crm.reps)
              --weights-topic NAME (config.scoring-weights)
              --base-time ISO-INSTANT|now       time the data is "as of"; ts_ms = base time + position
                                                (2026-01-05T09:00:00Z: the same bytes on every run)
              --no-create-topics                do not create missing topics (default: create them with the
                                                catalogue's partitions)
              --timeout SECONDS                 how long to wait for the broker to answer (15)
            """;

    private static final Map<String, Set<String>> OPTIONS = Map.of(
            "load", Set.of("bootstrap", "seed", "accounts"),
            "story", Set.of("bootstrap", "seed", "accounts", "step"),
            "import", Set.of("bootstrap", "dir", "dry-run", "mapping", "locale", "max-rejects", "rejects", "teams-out"),
            "csv", Set.of("bootstrap", "dir", "dry-run", "mapping", "locale", "max-rejects", "rejects", "teams-out"),
            "file", Set.of("seed", "accounts", "out", "with-story"),
            "writeback", Set.of("bootstrap", "assignments-topic", "group"));
    private static final Set<String> COMMON_OPTIONS = Set.of("envelope", "decimals", "accounts-topic", "reps-topic",
            "weights-topic", "base-time", "no-create-topics", "timeout");
    private static final int MAX_LISTED_REJECTIONS = 20;
    private static final byte[] VALUE_FIELD = ",\"value\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.UTF_8);
    private static final byte[] LINE_END = "}\n".getBytes(StandardCharsets.UTF_8);
    private static final Set<String> FLAGS = Set.of("dry-run", "with-story", "no-create-topics");

    /**
     * The Apicurio serde logs every schema lookup at INFO, under the class's simple name. Held in a field so the
     * level sticks (java.util.logging keeps loggers weakly).
     */
    private static final Logger SCHEMA_RESOLVER_LOG = Logger.getLogger("DefaultSchemaResolver");

    private final PrintStream out;

    DemoCrmMain(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        // kafka-clients logs through SLF4J; with no provider on the class path, keep SLF4J's notice quiet
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        SCHEMA_RESOLVER_LOG.setLevel(Level.WARNING);
        System.exit(new DemoCrmMain(System.out).run(args));
    }

    /** Runs one command; returns the process exit code (0 ok, 1 failed, 2 bad usage). */
    int run(String[] args) {
        if (args.length == 0 || Set.of("help", "-h", "--help").contains(args[0])) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        Map<String, String> options;
        CdcFormat format;
        try {
            if (!OPTIONS.containsKey(command)) {
                throw new IllegalArgumentException("unknown command '" + command + "' (load, story, import, file, writeback)");
            }
            options = parse(command, args);
            format = format(options);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("run without arguments for usage");
            return 2;
        }
        try {
            return switch (command) {
                case "load" -> load(options, format);
                case "story" -> story(options, format);
                case "import", "csv" -> importExport(options, format);
                case "writeback" -> writeBack(options, format);
                default -> file(options, format);
            };
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        } catch (PublishException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        } catch (ExportRefusedException e) {
            System.err.println("error: the export is refused, nothing was sent:");
            e.reasons().forEach(reason -> System.err.println("  " + reason));
            return 1;
        } catch (NoSuchFileException e) {
            System.err.println("error: no such file: " + e.getFile() + (e.getReason() == null ? "" : " (" + e.getReason() + ")"));
            return 1;
        } catch (IOException e) {
            System.err.println("error: " + e);
            return 1;
        }
    }

    // ---- commands -----------------------------------------------------------------------------------------

    private int load(Map<String, String> options, CdcFormat format) {
        DemoCrm demo = DemoCrm.generate(demoConfig(options, format));
        describe(demo);
        try (KafkaCdcPublisher publisher = connect(options, format)) {
            report(publisher.publish("reps", demo.repSnapshotEvents(), this::progress));
            report(publisher.publish("accounts", demo.accountSnapshotEvents(), this::progress));
            report(publisher.publish("scoring weights v1", Stream.of(demo.initialWeightsEvent()), this::progress));
        }
        out.printf("loaded: %,d reps on %s, %,d accounts on %s, scoring weights v1 on %s%n", demo.reps().size(),
                format.repsTopic(), demo.config().accounts(), format.accountsTopic(), format.weightsTopic());
        return 0;
    }

    private int story(Map<String, String> options, CdcFormat format) {
        DemoCrm demo = DemoCrm.generate(demoConfig(options, format));
        String stepOption = options.getOrDefault("step", "all");
        List<StoryStep> steps = stepOption.equalsIgnoreCase("all") ? List.of(StoryStep.values())
                : List.of(StoryStep.parse(stepOption));
        Story story = demo.story();
        try (KafkaCdcPublisher publisher = connect(options, format)) {
            for (StoryStep step : steps) {
                out.println(describe(step, story, demo));
                report(publisher.publish(step.cliName(), demo.storyEvents(step).stream(), this::progress));
            }
        }
        return 0;
    }

    private int importExport(Map<String, String> options, CdcFormat format) throws IOException {
        Path dir = Path.of(required(options, "dir"));
        ImportOptions importOptions = new ImportOptions(
                options.containsKey("mapping") ? HeaderMapping.named(options.get("mapping")) : null,
                NumberLocale.parse(options.get("locale")),
                options.containsKey("max-rejects") ? ImportOptions.parseShare(options.get("max-rejects"))
                        : ImportOptions.DEFAULT_MAX_REJECT_SHARE);
        Path rejectsFile = Path.of(options.getOrDefault("rejects", "rejects.csv"));
        out.printf("reading %s (numbers: %s, at most %.0f%% rejected rows per file) ...%n", dir,
                importOptions.locale(), 100 * importOptions.maxRejectShare());
        CsvImportResult result;
        try {
            result = CsvImport.readDirectory(dir, importOptions, line -> out.println("  " + line));
        } catch (ExportRefusedException e) {
            if (!e.rejections().isEmpty()) {
                RejectsFile.write(rejectsFile, e.rejections());
                System.err.println("every rejected row, with its reason: " + rejectsFile.toAbsolutePath());
            }
            throw e;
        }
        out.printf("read %s (headers: reps.csv %s, accounts.csv %s): %,d reps and %,d accounts accepted, %,d rows rejected%n",
                dir, result.repsMapping(), result.accountsMapping(), result.reps().size(), result.accounts().size(),
                result.rejectedRows());
        result.rejections().stream().limit(MAX_LISTED_REJECTIONS).forEach(r -> out.println("  rejected " + r));
        if (result.rejections().size() > MAX_LISTED_REJECTIONS) {
            out.printf("  ... and %,d more%n", result.rejections().size() - MAX_LISTED_REJECTIONS);
        }
        RejectsFile.write(rejectsFile, result.rejections()); // always: a rejects.csv of an earlier run would mislead
        if (!result.rejections().isEmpty()) {
            out.println("  every rejected row, with its reason and the original row: " + rejectsFile.toAbsolutePath()
                    + " (a rejected row is neither changed nor deleted on the topics)");
        }
        for (String warning : result.warnings()) {
            out.println("  warning " + warning);
        }
        List<String> teams = result.reps().stream().map(CrmRep::team).filter(t -> t != null).distinct().sorted().toList();
        if (options.containsKey("teams-out")) {
            Path teamsOut = Path.of(options.get("teams-out"));
            if (teamsOut.getParent() != null) {
                Files.createDirectories(teamsOut.getParent());
            }
            Files.write(teamsOut, teams, StandardCharsets.UTF_8);
        }
        if (options.containsKey("dry-run")) {
            out.println("dry run: nothing published (the export's teams: " + teams + ")");
            return 0;
        }
        try (KafkaCdcPublisher publisher = connect(options, format)) {
            CrmTopicState state = CrmTopicState.read(publisher.bootstrapServers(), format);
            ImportPlan plan = ImportPlan.of(result, state.reps(), state.accounts());
            out.printf("the topics hold %,d reps and %,d accounts; the export changes %s%n", state.reps().size(),
                    state.accounts().size(), plan);
            report(publisher.publish("changes", plan.events(format, System.currentTimeMillis()).stream(), this::progress));
            if (!state.weightsPublished()) {
                CdcRecord weights = new WeightsRecords(format.weightsTopic()).record(WeightsVersion.defaults(format.baseTimeMs()));
                report(publisher.publish("scoring weights v1", Stream.of(weights), this::progress));
            }
        }
        out.printf("loaded: %,d reps in %,d team(s) %s, %,d accounts%n", result.reps().size(), teams.size(), teams,
                result.accounts().size());
        return 0;
    }

    private int file(Map<String, String> options, CdcFormat format) throws IOException {
        DemoCrm demo = DemoCrm.generate(demoConfig(options, format));
        Path target = Path.of(required(options, "out"));
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        long start = System.nanoTime();
        long count = 0;
        long bytes = 0;
        Stream<CdcRecord> records = Stream.concat(demo.snapshotEvents(), Stream.of(demo.initialWeightsEvent()));
        if (options.containsKey("with-story")) {
            records = Stream.concat(records, demo.storyEvents().stream());
        }
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(target), 1 << 20)) {
            Iterator<CdcRecord> iterator = records.iterator();
            while (iterator.hasNext()) {
                CdcRecord record = iterator.next();
                bytes += writeJsonLine(file, record, format.weightsTopic().equals(record.topic()));
                count++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("wrote %,d records (%,.1f MB) to %s in %.1f s (%,.0f records/s)%n", count, bytes / 1e6, target,
                seconds, count / Math.max(seconds, 1e-9));
        return 0;
    }

    /**
     * Runs the write-back until the process is told to stop: SIGTERM / Ctrl-C run the shutdown hook, which stops the
     * loop and waits until its consumers and producer are closed, so nothing half-applied is committed.
     */
    private int writeBack(Map<String, String> options, CdcFormat format) {
        WriteBackConfig config = new WriteBackConfig(options.getOrDefault("bootstrap", "localhost:9092"), format,
                options.getOrDefault("assignments-topic", Topics.TERRITORY_ASSIGNMENTS.name()),
                options.getOrDefault("group", WriteBackConfig.DEFAULT_GROUP_ID));
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = null;
        try {
            try (KafkaCdcPublisher publisher = connect(options, List.of(Topics.CRM_ACCOUNTS.named(format.accountsTopic()),
                    Topics.TERRITORY_ASSIGNMENTS.named(config.assignmentsTopic())))) {
                CrmWriteBack writeBack = new CrmWriteBack(config, publisher, out);
                hook = new Thread(() -> {
                    writeBack.stop();
                    awaitQuietly(closed);
                }, "demo-crm-writeback-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                writeBack.run();
            }
            out.println("write-back stopped");
        } finally {
            removeQuietly(hook);
            closed.countDown(); // last: once the hook returns, the JVM halts
        }
        return 0;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeQuietly(Thread hook) {
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is what stopped the write-back: it is waiting for the latch
        }
    }

    /**
     * One record per line: {@code {"topic":..., "key":<the key's JSON>, "value":<the value's JSON or null>}};
     * values that are not JSON (the Avro scoring weights) go in {@code value_base64} with a string key.
     */
    static int writeJsonLine(OutputStream file, CdcRecord record, boolean binaryValue) throws IOException {
        if (binaryValue) {
            byte[] line = ("{\"topic\":\"" + record.topic() + "\",\"key\":\"" + record.keyText() + "\",\"value_base64\":\""
                    + Base64.getEncoder().encodeToString(record.value()) + "\"}\n").getBytes(StandardCharsets.UTF_8);
            file.write(line);
            return line.length;
        }
        byte[] head = ("{\"topic\":\"" + record.topic() + "\",\"key\":").getBytes(StandardCharsets.UTF_8);
        byte[] value = record.value() == null ? NULL : record.value();
        file.write(head);
        file.write(record.key());
        file.write(VALUE_FIELD);
        file.write(value);
        file.write(LINE_END);
        return head.length + record.key().length + VALUE_FIELD.length + value.length + LINE_END.length;
    }

    // ---- output -------------------------------------------------------------------------------------------

    private void describe(DemoCrm demo) {
        List<CrmRep> reps = demo.reps();
        Map<String, Long> teams = reps.stream().collect(Collectors.groupingBy(CrmRep::team, LinkedHashMap::new,
                Collectors.counting()));
        out.printf("demo CRM: seed %d, %,d accounts, %,d reps in %,d teams%n", demo.config().seed(),
                demo.config().accounts(), reps.size(), teams.size());
        SeedTeam seed = demo.seedTeam();
        out.printf("  seed team %s (%s, %s): %d reps, quota %,.0f each; %s holds %d accounts / $%,.0f, %s %d accounts / $%,.0f%n",
                seed.team(), seed.segment(), seed.region(), seed.repIds().size(), seed.quota(),
                seed.overloadedRepId(), seed.books().get(seed.overloadedRepId()).accounts(),
                seed.books().get(seed.overloadedRepId()).potential(), seed.starvedRepId(),
                seed.books().get(seed.starvedRepId()).accounts(), seed.books().get(seed.starvedRepId()).potential());
        // no story line here: the load plays none of it, and `story` names each step as it plays it
    }

    private static String describe(StoryStep step, Story story, DemoCrm demo) {
        return switch (step) {
            case REP_EXIT -> "rep-exit: " + story.exitingRepId() + " of team " + demo.seedTeam().team() + " becomes EXITED";
            case WHALE_CHURN -> "whale-churn: " + story.whaleAccountId() + " (owner " + story.whaleOwnerRepId()
                    + ", team " + story.whaleTeam() + ") becomes CHURNED; " + story.deletedAccountId()
                    + " is deleted (delete + tombstone)";
            case WEIGHTS_CHANGE -> String.format("weights-change: version %d, fit %.2f -> %.2f, expansion %.2f -> %.2f",
                    story.weightsAfter().version(), story.weightsBefore().fitWeight(), story.weightsAfter().fitWeight(),
                    story.weightsBefore().expansionWeight(), story.weightsAfter().expansionWeight());
        };
    }

    private void progress(PublishReport report) {
        out.printf("  %s: %,d records so far (%,.0f records/s)%n", report.label(), report.records(), report.recordsPerSecond());
    }

    private void report(PublishReport report) {
        out.println("  sent " + report);
    }

    // ---- options ------------------------------------------------------------------------------------------

    private KafkaCdcPublisher connect(Map<String, String> options, CdcFormat format) {
        return connect(options, List.of(Topics.CRM_REPS.named(format.repsTopic()),
                Topics.CRM_ACCOUNTS.named(format.accountsTopic()), Topics.SCORING_WEIGHTS.named(format.weightsTopic())));
    }

    /** Opens the publisher, then creates the missing topics (or, with --no-create-topics, fails naming them). */
    private KafkaCdcPublisher connect(Map<String, String> options, List<Topic<?, ?>> topics) {
        String bootstrap = options.getOrDefault("bootstrap", "localhost:9092");
        out.println("connecting to Kafka at " + bootstrap + " ...");
        long timeoutMs = number(options, "timeout", 15) * 1000;
        KafkaCdcPublisher publisher = KafkaCdcPublisher.connect(bootstrap, timeoutMs, Map.of());
        try {
            if (options.containsKey("no-create-topics")) {
                publisher.requireTopics(topics.stream().map(Topic::name).toList());
            } else {
                List<String> created = publisher.ensureTopics(topics);
                if (!created.isEmpty()) {
                    out.println("  created topics " + created);
                }
            }
        } catch (PublishException e) {
            publisher.close();
            throw e;
        }
        return publisher;
    }

    private static DemoConfig demoConfig(Map<String, String> options, CdcFormat format) {
        return new DemoConfig(number(options, "seed", 42), (int) number(options, "accounts", 2000), format);
    }

    static CdcFormat format(Map<String, String> options) {
        CdcFormat format = CdcFormat.defaults();
        Envelope envelope = options.containsKey("envelope") ? Envelope.parse(options.get("envelope")) : format.envelope();
        DecimalMode decimals = options.containsKey("decimals") ? DecimalMode.parse(options.get("decimals")) : format.decimals();
        format = format.with(envelope, decimals)
                .withTopics(options.getOrDefault("accounts-topic", format.accountsTopic()),
                        options.getOrDefault("reps-topic", format.repsTopic()))
                .withWeightsTopic(options.getOrDefault("weights-topic", format.weightsTopic()));
        if (options.containsKey("base-time")) {
            String text = options.get("base-time");
            try {
                format = format.withBaseTime(text.equalsIgnoreCase("now") ? System.currentTimeMillis()
                        : Instant.parse(text).toEpochMilli());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--base-time '" + text + "' is neither 'now' nor an ISO instant such as 2026-01-05T09:00:00Z");
            }
        }
        return format;
    }

    static Map<String, String> parse(String command, String[] args) {
        Set<String> allowed = new HashSet<>(OPTIONS.get(command));
        allowed.addAll(COMMON_OPTIONS);
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (!allowed.contains(name)) {
                List<String> sorted = new ArrayList<>(allowed);
                sorted.sort(null);
                throw new IllegalArgumentException("'" + command + "' has no option --" + name + " (options: --"
                        + String.join(", --", sorted) + ")");
            }
            if (FLAGS.contains(name)) {
                options.put(name, "true");
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = args[++i];
            }
            options.put(name, value);
        }
        return options;
    }

    private static long number(Map<String, String> options, String name, long fallback) {
        String text = options.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " '" + text + "' is not a whole number");
        }
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
