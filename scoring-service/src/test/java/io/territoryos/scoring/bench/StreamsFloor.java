package io.territoryos.scoring.bench;

import io.territoryos.testkit.ServiceProperties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import org.apache.kafka.streams.kstream.KStream;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The least work a conforming scoring service could do, run in a JVM of its own with the scoring service's own
 * Kafka Streams settings (exactly-once v2, commit interval, producer batch size, bounded RocksDB memory): read each
 * change, and, with state, read and replace the account's entry in a changelogged store, then write one output
 * record. No JSON, no scoring, no Avro: what is left is the price of Kafka Streams itself, and so the ratio to raw
 * that no implementation on this machine can beat. Values are cut to {@value #VALUE_BYTES} bytes, about the size of
 * the service's own state and output, so the floor moves no more bytes than the service does.
 */
final class StreamsFloor implements AutoCloseable {

    /** Where the floor keeps each account's entry. */
    enum State {
        /** none: records pass through */
        NONE,
        /** a persistent store, as the service's (RocksDB, changelogged) */
        ROCKSDB,
        /** Kafka Streams' in-memory store (changelogged): the whole state on the heap */
        IN_MEMORY,
        /**
         * each account's latest input record in a persistent store that has no changelog of its own: a source table
         * of the input topic with {@code topology.optimization=reuse.ktable.source.topics}, so the input topic is
         * the changelog (restored from it) and a change costs a read, a put and the output, no changelog write.
         * The store keeps the whole input record, as a scorer built this way would have to.
         */
        SOURCE_TOPIC
    }

    static final int VALUE_BYTES = 256;
    private static final String STORE = "floor-state";
    private static final String RUNNING = "floor pipeline running";

    private final Process process;

    /**
     * Starts the floor in a JVM of its own, with the service's JVM settings, so that its CPU is told apart from the
     * harness's and it competes for the cores as the service does; returns once it runs.
     *
     * @param jvmOptions the service's own: heap, collector, RocksDB budget
     * @param state whether and where to read and replace a store entry per record (the shape of the scorer)
     */
    static StreamsFloor start(String bootstrap, String applicationId, String in, String out, State state,
                              List<String> jvmOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), StreamsFloor.class.getName(),
                bootstrap, applicationId, in, out, state.name()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder log = new StringBuilder();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.equals(RUNNING)) {
                Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }), "floor-output");
                drain.setDaemon(true);
                drain.start();
                return new StreamsFloor(process);
            }
            log.append(line).append('\n');
        }
        throw new IllegalStateException("the floor pipeline did not start:\n" + log);
    }

    private StreamsFloor(Process process) {
        this.process = process;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws java.io.IOException, InterruptedException {
        process.getOutputStream().close(); // closing its standard input stops it cleanly
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** Arguments: {@code <bootstrap> <application id> <input topic> <output topic> <NONE|ROCKSDB|IN_MEMORY|SOURCE_TOPIC>}. */
    public static void main(String[] args) throws Exception {
        Properties service = ServiceProperties.load();
        // environment variables override the defaults as they do for the service (e.g. SCORING_COMMIT_INTERVAL_MS)
        System.getenv().forEach(service::putIfAbsent);
        Properties config = new Properties();
        for (String name : service.stringPropertyNames()) {
            if (name.startsWith("kafka-streams.")) {
                config.put(name.substring("kafka-streams.".length()), ServiceProperties.resolved(service, name));
            }
        }
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, args[1]);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        Path stateDir = Files.createTempDirectory("bench-floor");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());

        StreamsBuilder builder = new StreamsBuilder();
        State state = State.valueOf(args[4]);
        KStream<Bytes, byte[]> changes;
        if (state == State.SOURCE_TOPIC) {
            // the table's source reads the account's last record, puts the new one, and forwards the change
            config.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS);
            changes = builder.table(args[2], Consumed.with(Serdes.Bytes(), Serdes.ByteArray()),
                            Materialized.<Bytes, byte[]>as(Stores.persistentKeyValueStore(STORE)).withCachingDisabled())
                    .toStream()
                    .mapValues(value -> Arrays.copyOf(value, Math.min(value.length, VALUE_BYTES)));
        } else {
            changes = builder.stream(args[2], Consumed.with(Serdes.Bytes(), Serdes.ByteArray()))
                    .mapValues(value -> Arrays.copyOf(value, Math.min(value.length, VALUE_BYTES)));
        }
        if (state == State.ROCKSDB || state == State.IN_MEMORY) {
            builder.addStateStore(Stores.keyValueStoreBuilder(state == State.ROCKSDB ? Stores.persistentKeyValueStore(STORE)
                    : Stores.inMemoryKeyValueStore(STORE), Serdes.Bytes(), Serdes.ByteArray()).withCachingDisabled());
            changes = changes.process(ReadAndReplace::new, STORE);
        }
        changes.to(args[3], Produced.with(Serdes.Bytes(), Serdes.ByteArray()));
        try (KafkaStreams streams = new KafkaStreams(builder.build(config), config)) {
            streams.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (streams.state() != KafkaStreams.State.RUNNING) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not running after 60 s: " + streams.state());
                }
                Thread.sleep(50);
            }
            System.out.println(RUNNING);
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the harness closes our standard input
            }
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
        }
    }

    private static final class ReadAndReplace implements Processor<Bytes, byte[], Bytes, byte[]> {
        private ProcessorContext<Bytes, byte[]> context;
        private KeyValueStore<Bytes, byte[]> store;

        @Override
        public void init(ProcessorContext<Bytes, byte[]> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<Bytes, byte[]> record) {
            byte[] previous = store.get(record.key()); // the scorer reads the last state to suppress no-op changes
            if (previous == null || !Arrays.equals(previous, record.value())) {
                store.put(record.key(), record.value());
            }
            context.forward(record);
        }
    }
}
