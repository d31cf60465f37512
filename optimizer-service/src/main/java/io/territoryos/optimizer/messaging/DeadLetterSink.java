package io.territoryos.optimizer.messaging;

import io.territoryos.contracts.avro.DeadLetter;

/** Where a record that can never be processed goes, with its bytes and the reason: {@code <topic>.dlq}. */
@FunctionalInterface
public interface DeadLetterSink {

    /** Returns once the dead letter is acknowledged by the broker; throws when it could not be published. */
    void publishDeadLetter(String topic, String key, DeadLetter deadLetter);
}
