package io.territoryos.contracts.streams;

import io.territoryos.contracts.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets a stream go on when one of its dead letters cannot be written (too large for a broker configured below the
 * letter's bound, a serializer that throws): the letter is counted and logged with its source position, and the
 * record it stood for is skipped, as a bad record already is. Main outputs keep the default: a record the stream
 * meant to deliver is never dropped, and a retriable error (the broker away) is retried for letters too, because an
 * outage is not the record's fault.
 * <p>
 * Under exactly-once a letter the broker refuses still aborts the transaction (Kafka Streams logs "written offsets
 * would not be recorded" and the commit fails): there the guard is {@code DeadLetters}' bound, which must stay below
 * the dead-letter topics' {@code max.message.bytes}; this handler covers serialization failures and at-least-once.
 */
public final class DeadLetterProductionExceptionHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionExceptionHandler.class);
    private static final AtomicLong DROPPED = new AtomicLong();

    private final DefaultProductionExceptionHandler defaults = new DefaultProductionExceptionHandler();

    /** Dead letters dropped in this JVM because they could not be written; services export it as a metric. */
    public static long droppedDeadLetters() {
        return DROPPED.get();
    }

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                                     Exception exception) {
        if (!isDeadLetter(record) || exception instanceof RetriableException) {
            return defaults.handle(context, record, exception);
        }
        return drop(context, record, exception);
    }

    @Override
    public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context, ProducerRecord record,
                                                                           Exception exception, SerializationExceptionOrigin origin) {
        return isDeadLetter(record) ? drop(context, record, exception)
                : ProductionExceptionHandler.super.handleSerializationException(context, record, exception, origin);
    }

    @Override
    public void configure(Map<String, ?> configs) {
        defaults.configure(configs);
    }

    private static boolean isDeadLetter(ProducerRecord<?, ?> record) {
        return record != null && record.topic() != null && record.topic().endsWith(Topics.DLQ_SUFFIX);
    }

    private static ProductionExceptionHandlerResponse drop(ErrorHandlerContext context, ProducerRecord<?, ?> record, Exception exception) {
        long dropped = DROPPED.incrementAndGet();
        LOG.error("dead letter for {} not written to {} ({} dropped so far), the stream goes on: {}",
                context == null ? "an unknown record" : context.topic() + "-" + context.partition() + "@" + context.offset(),
                record.topic(), dropped, exception.toString());
        return ProductionExceptionHandlerResponse.CONTINUE;
    }
}
