package io.territoryos.contracts.streams;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a streams service does when a stream thread dies: it replaces the thread when the death is a dead letter the
 * broker refused as too large and the letter bound has since been lowered to fit (see
 * {@link DeadLetterProductionExceptionHandler}); the new thread re-processes from the last commit, exactly-once, and
 * the stream goes on. Any other failure shuts the client down, as Kafka Streams does without a handler, so that a
 * defect is not retried in a loop and health says ERROR.
 */
public final class DeadLetterRefusalPolicy implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRefusalPolicy.class);

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        if (DeadLetterProductionExceptionHandler.takeReplacement()) {
            LOG.warn("stream thread died of a refused dead letter; replacing it to re-process with the lowered letter bound: {}",
                    exception.toString());
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        LOG.error("stream thread died; shutting the client down", exception);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
}
