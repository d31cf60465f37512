package io.territoryos.localstack.topics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.territoryos.contracts.serde.SchemaCatalog;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prints the records of any topic as JSON lines ({@code topic, partition, offset, timestamp, key, value}, plus
 * {@code schema} and {@code content_id} for an Avro value), decoding Avro with the compiled schema catalogue and
 * showing other bytes (CDC JSON, a dead letter's original bytes) as JSON, text or base64 ({@link RecordJson}).
 * Reads committed records only, as the services write in transactions, and joins no consumer group.
 *
 * <pre>
 *   TopicReader --bootstrap localhost:9092 --topic territory.health [--from-beginning] [--max N] [--follow]
 * </pre>
 * With {@code --from-beginning} it reads from the first offset up to the end the topic had when it started, then
 * stops (with {@code --follow} it keeps reading); without it, it waits for new records. {@code --max N} stops
 * after N records. Exit 0, or 1 when the topic does not exist.
 */
public final class TopicReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What to read and when to stop. */
    public record Request(String bootstrap, String topic, boolean fromBeginning, boolean follow, long max) {
    }

    public static void main(String[] args) {
        List<String> flags = List.of(args);
        String topic = option(args, "--topic", null);
        if (topic == null) {
            System.err.println("usage: TopicReader --bootstrap HOST:PORT --topic NAME [--from-beginning] [--max N] [--follow]");
            System.exit(2);
        }
        Request request = new Request(option(args, "--bootstrap", "localhost:9092"), topic,
                flags.contains("--from-beginning"), flags.contains("--follow"),
                Long.parseLong(option(args, "--max", Long.toString(Long.MAX_VALUE))));
        try {
            read(request, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /** Prints the records the request asks for, one JSON object per line; returns how many it printed. */
    public static long read(Request request, PrintStream out) {
        RecordJson decoder = new RecordJson(SchemaCatalog.compiled());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, request.bootstrap(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "territory-topic-reader"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(request.topic(), Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("no topic " + request.topic() + " on " + request.bootstrap());
            }
            List<TopicPartition> partitions = new ArrayList<>();
            infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            if (request.fromBeginning()) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            boolean stopAtEnd = request.fromBeginning() && !request.follow();
            long printed = 0;
            while (printed < request.max()) {
                if (stopAtEnd && partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (printed >= request.max()) {
                        break;
                    }
                    out.println(line(record, decoder));
                    printed++;
                }
                out.flush();
            }
            return printed;
        }
    }

    static String line(ConsumerRecord<byte[], byte[]> record, RecordJson decoder) {
        ObjectNode line = JSON.createObjectNode()
                .put("topic", record.topic())
                .put("partition", record.partition())
                .put("offset", record.offset())
                .put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        line.set("key", decoder.decode(record.key()));
        Optional<Schema> schema = decoder.frameSchema(record.value());
        schema.ifPresent(s -> line.put("schema", s.getName()).put("content_id", RecordJson.contentId(record.value())));
        line.set("value", decoder.decode(record.value()));
        try {
            return JSON.writeValueAsString(line);
        } catch (Exception e) {
            throw new IllegalStateException("cannot print a record of " + record.topic(), e);
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private TopicReader() {
    }
}
