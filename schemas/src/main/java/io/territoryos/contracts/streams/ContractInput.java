package io.territoryos.contracts.streams;

import io.territoryos.contracts.DeadLetters;
import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.serde.AvroSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads an Avro contract topic as bytes and writes its values decoded and mapped to the service's domain (keys as
 * strings, tombstones as null values); a value that cannot be decoded (wrong magic byte, unknown content id, truncated
 * bytes, a record of another type), or that the service's mapping rejects, becomes a dead letter on
 * {@code <topic>.dlq}, written by the topology's own sink so it commits in the same exactly-once transaction as the
 * consumed offset, and the stream goes on. Only an unreachable schema registry
 * throws: that is no record's fault, and the task must resume from the committed offset rather than dead-letter
 * good records.
 */
public final class ContractInput {

    /** Error type of a dead letter whose bytes do not decode to the contract's record. */
    public static final String PARSE = "PARSE";
    /** Error type of a dead letter that decodes but that the service cannot use (its mapping threw). */
    public static final String INVALID = "INVALID";

    /** Told of every dead letter (source topic, error type), for metrics; called on stream threads. */
    @FunctionalInterface
    public interface DeadLetterListener {
        void deadLettered(String sourceTopic, String errorType);
    }

    private final StreamsBuilder builder;
    private final Serde<DeadLetter> deadLetterSerde;
    private final String service;
    private final DeadLetterListener listener;

    public ContractInput(StreamsBuilder builder, Serde<DeadLetter> deadLetterSerde, String service, DeadLetterListener listener) {
        this.builder = builder;
        this.deadLetterSerde = deadLetterSerde;
        this.service = service;
        this.listener = listener;
    }

    /**
     * The values of {@code topic}, decoded and mapped by {@code toDomain}; its undecodable values go to
     * {@code topic + ".dlq"}, and so do values {@code toDomain} rejects by throwing (a non-finite amount, a missing
     * id), as dead letters of type {@value #INVALID}, instead of an exception further down that would stop the stream.
     *
     * @param name     name of the source node; the nodes added here are prefixed with it
     * @param toDomain the service's one mapping of the contract record; never given a tombstone's null
     */
    public <V extends SpecificRecord, T> KStream<String, T> stream(String topic, Class<V> type, Serde<V> valueSerde, String name,
                                                                  Function<? super V, ? extends T> toDomain) {
        Map<String, KStream<String, Decoding<T>>> decodings = builder
                .stream(topic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name))
                .process(() -> new Decoder<V, T>(type, valueSerde.deserializer(), toDomain, service, listener), Named.as(name + "-decoder"))
                .split(Named.as(name + "-"))
                .branch((key, decoding) -> decoding.deadLetter() != null, Branched.as("rejected"))
                .defaultBranch(Branched.as("decoded"));
        decodings.get(name + "-rejected")
                .mapValues(Decoding::deadLetter, Named.as(name + "-dead-letters"))
                .to(topic + Topics.DLQ_SUFFIX, Produced.with(Serdes.String(), deadLetterSerde).withName(name + "-dlq"));
        return decodings.get(name + "-decoded").mapValues(Decoding::value, Named.as(name + "-values"));
    }

    /** One record's mapped value (null for a tombstone), or its dead letter. */
    public record Decoding<V>(V value, DeadLetter deadLetter) {
    }

    private static final class Decoder<V extends SpecificRecord, T> implements Processor<byte[], byte[], String, Decoding<T>> {

        private final Class<V> type;
        private final Deserializer<?> deserializer; // wildcard: whatever it returns is checked, never cast blindly
        private final Function<? super V, ? extends T> toDomain;
        private final String service;
        private final DeadLetterListener listener;
        private ProcessorContext<String, Decoding<T>> context;

        Decoder(Class<V> type, Deserializer<?> deserializer, Function<? super V, ? extends T> toDomain, String service,
                DeadLetterListener listener) {
            this.type = type;
            this.deserializer = deserializer;
            this.toDomain = toDomain;
            this.service = service;
            this.listener = listener;
        }

        @Override
        public void init(ProcessorContext<String, Decoding<T>> context) {
            this.context = context;
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            if (record.value() == null) {
                // a tombstone is a deletion (or "back to defaults") on these topics, never a bad record
                context.forward(record.withKey(key).withValue(new Decoding<>(null, null)));
                return;
            }
            RecordMetadata source = context.recordMetadata().orElse(null);
            String topic = source == null ? "unknown" : source.topic();
            Object value;
            try {
                value = deserializer.deserialize(topic, record.headers(), record.value());
            } catch (RuntimeException e) {
                if (AvroSerdes.isRegistryUnavailable(e)) {
                    throw e;
                }
                reject(record, key, source, PARSE, "cannot read a " + type.getSimpleName() + ": " + describe(e) + framingHint(record.value()));
                return;
            }
            if (!type.isInstance(value)) {
                reject(record, key, source, PARSE, "cannot read a " + type.getSimpleName() + ": the value is "
                        + (value == null ? "empty" : "a " + value.getClass().getSimpleName() + " record"));
                return;
            }
            T mapped;
            try {
                mapped = toDomain.apply(type.cast(value));
            } catch (RuntimeException e) {
                reject(record, key, source, INVALID, "a " + type.getSimpleName() + " this service cannot use: " + describe(e));
                return;
            }
            context.forward(record.withKey(key).withValue(new Decoding<>(mapped, null)));
        }

        private void reject(Record<byte[], byte[]> record, String key, RecordMetadata source, String errorType, String reason) {
            String topic = source == null ? "unknown" : source.topic();
            int partition = source == null ? -1 : source.partition();
            long offset = source == null ? -1L : source.offset();
            DeadLetter letter = DeadLetters.of(service, topic, partition, offset, record.key(), record.value(), errorType,
                    reason, Instant.ofEpochMilli(context.currentSystemTimeMs()));
            // keyed like the record, so one entity's letters stay together (a keyless one stays keyless: its
            // position is in the letter); without the source's headers, which could outgrow the letter's bound
            context.forward(record.withKey(DeadLetters.key(record.key())).withHeaders(new RecordHeaders())
                    .withValue(new Decoding<>(null, letter)));
            listener.deadLettered(topic, errorType);
        }

        /** Registry serdes report a missing frame obscurely ("artifact reference cannot be null"): say what is wrong. */
        private static String framingHint(byte[] value) {
            return value.length > 0 && value[0] != 0
                    ? String.format("; the first byte 0x%02x is not the magic byte 0x00 of a registry-framed record", value[0])
                    : "";
        }

        /** The exception and its root cause: serdes wrap the telling message (e.g. the missing content id). */
        private static String describe(Throwable failure) {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String cause = root.getClass().getName() + (root.getMessage() == null ? "" : ": " + root.getMessage())
                    + (root instanceof EOFException ? " (the value ends before the record does)" : "");
            return root == failure ? cause : failure.getClass().getName() + " caused by " + cause;
        }
    }
}
