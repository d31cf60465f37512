package io.territoryos.scoring.streams;

import io.territoryos.contracts.DeadLetters;
import io.territoryos.contracts.avro.DeadLetter;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.time.Clock;
import java.time.Instant;

/** The scoring processors' way into the shared {@link DeadLetters}: this service's name, its clock, the record's position. */
record DeadLetterSource(String service, Clock clock) {

    /** The dead letter of the record being processed in {@code context}. */
    DeadLetter of(ProcessorContext<?, ?> context, Record<byte[], byte[]> record, String errorType, String reason) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        return DeadLetters.of(service, source == null ? "unknown" : source.topic(), source == null ? -1 : source.partition(),
                source == null ? -1L : source.offset(), record.key(), record.value(), errorType, reason,
                Instant.ofEpochMilli(clock.millis()));
    }

    /** The record a letter is forwarded as: under {@code key}, without the source's headers (they could outgrow it). */
    <V> Record<String, V> letterRecord(Record<byte[], byte[]> source, String key) {
        return new Record<String, V>(key, null, source.timestamp(), new RecordHeaders());
    }
}
