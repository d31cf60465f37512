package io.territoryos.scoring.streams;

import io.territoryos.contracts.avro.DeadLetter;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;

/**
 * Builds the dead letter of a rejected input record: its original bytes, the reason, and where it came from,
 * so that it can be inspected and replayed. Any processor reading raw bytes can use it.
 */
public final class DeadLetters {

    public static final String INVALID_CONFIG = "INVALID_CONFIG";

    private final String service;
    private final Clock clock;

    public DeadLetters(String service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    /** The dead letter of the record being processed in {@code context}. */
    public DeadLetter of(ProcessorContext<?, ?> context, Record<byte[], byte[]> record, String errorType, String reason) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        return of(source == null ? "unknown" : source.topic(), source == null ? -1 : source.partition(),
                source == null ? -1L : source.offset(), record.key(), record.value(), errorType, reason);
    }

    public DeadLetter of(String topic, int partition, long offset, byte[] key, byte[] value, String errorType, String reason) {
        return DeadLetter.newBuilder()
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setOriginalKey(key == null ? null : ByteBuffer.wrap(key))
                .setOriginalValue(value == null ? null : ByteBuffer.wrap(value))
                .setReason(reason == null ? "unknown" : reason)
                .setErrorType(errorType)
                .setService(service)
                .setFailedAt(Instant.ofEpochMilli(clock.millis()))
                .build();
    }

    /** Key of a dead letter whose record names no usable id: its source position. */
    public static String positionKey(DeadLetter letter) {
        return letter.getSourceTopic() + "-" + letter.getSourcePartition() + "@" + letter.getSourceOffset();
    }
}
