package io.territoryos.contracts;

import io.territoryos.contracts.avro.DeadLetter;

import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * Builds the {@link DeadLetter} every service writes for a record it cannot use: the original bytes, the
 * reason, the class of failure and where the record came from, so it can be replayed once the cause is fixed.
 */
public final class DeadLetters {

    public static DeadLetter of(String service, String topic, int partition, long offset, byte[] key, byte[] value,
                                String errorType, String reason, Instant failedAt) {
        return DeadLetter.newBuilder()
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setOriginalKey(key == null ? null : ByteBuffer.wrap(key))
                .setOriginalValue(value == null ? null : ByteBuffer.wrap(value))
                .setReason(reason == null || reason.isBlank() ? "no reason given" : reason)
                .setErrorType(errorType)
                .setService(service)
                .setFailedAt(failedAt)
                .build();
    }

    private DeadLetters() {
    }
}
