package io.territoryos.contracts.streams;

import io.territoryos.contracts.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import io.territoryos.contracts.DeadLetters;
import io.territoryos.contracts.LetterBound;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets a stream go on when one of its dead letters cannot be written. Main outputs keep the default: a record the
 * stream meant to deliver is never dropped, and a retriable error (the broker away) is retried for letters too,
 * because an outage is not the record's fault.
 * <ul>
 *   <li>A letter the broker refuses as too large (a dead-letter topic whose {@code max.message.bytes} is below
 *   {@link DeadLetters}' bound): the bound is lowered to fit ({@link LetterBound#lowerAfterRefusal}). Under
 *   exactly-once the refusal still aborts the transaction (the commit fails and the stream thread dies), so
 *   {@link DeadLetterRefusalPolicy} replaces the thread, which re-processes from the last commit and writes the
 *   letter cut to the new bound: nothing is lost or written twice. At-least-once, the letter is dropped, counted and
 *   logged with its source position.</li>
 *   <li>A letter that cannot be serialized: dropped, counted and logged, and the record it stood for is skipped, as a
 *   bad record already is.</li>
 * </ul>
 */
public final class DeadLetterProductionExceptionHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionExceptionHandler.class);
    private static final AtomicLong DROPPED = new AtomicLong();
    private static final AtomicLong REFUSED = new AtomicLong();
    private static final AtomicInteger REPLACEMENTS_DUE = new AtomicInteger();

    private final DefaultProductionExceptionHandler defaults = new DefaultProductionExceptionHandler();
    private final LetterBound bound;

    /** As Kafka Streams instantiates it: the letter bound is this JVM's, the one {@link DeadLetters} cuts to. */
    public DeadLetterProductionExceptionHandler() {
        this(DeadLetters.bound());
    }

    DeadLetterProductionExceptionHandler(LetterBound bound) {
        this.bound = bound;
    }

    /** Dead letters dropped in this JVM because they could not be written; services export it as a metric. */
    public static long droppedDeadLetters() {
        return DROPPED.get();
    }

    /** Letters the broker refused as too large in this JVM, each followed by a lower bound. */
    public static long refusedDeadLetters() {
        return REFUSED.get();
    }

    /**
     * Whether a refused letter lowered the bound and its stream thread has not been replaced yet: that thread may be
     * replaced, because the letter it will re-process now fits. One grant per refusal.
     */
    static boolean takeReplacement() {
        return REPLACEMENTS_DUE.getAndUpdate(due -> Math.max(0, due - 1)) > 0;
    }

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                                     Exception exception) {
        if (!isDeadLetter(record) || exception instanceof RetriableException) {
            return defaults.handle(context, record, exception);
        }
        if (exception instanceof RecordTooLargeException && record.value() != null) {
            refused(context, record, exception);
            return ProductionExceptionHandlerResponse.CONTINUE;
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

    private void refused(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        REFUSED.incrementAndGet();
        int lowered = bound.lowerAfterRefusal(record.value().length);
        if (lowered < 0) {
            LOG.error("{} refused a dead letter of {} bytes that copies none of its original ({}): the topic takes less "
                    + "than a letter's own metadata; raise its max.message.bytes", record.topic(), record.value().length, position(context));
            return;
        }
        REPLACEMENTS_DUE.incrementAndGet();
        LOG.warn("{} refused a dead letter of {} bytes for {} ({}); letters now copy at most {} original bytes: under "
                        + "exactly-once the stream thread is replaced and re-processes from its last commit with the cut "
                        + "letter, at-least-once this letter is lost",
                record.topic(), record.value().length, position(context), exception.getMessage(), lowered);
    }

    private static String position(ErrorHandlerContext context) {
        return context == null || context.topic() == null ? "a record whose position the producer did not keep"
                : context.topic() + "-" + context.partition() + "@" + context.offset();
    }

    private static ProductionExceptionHandlerResponse drop(ErrorHandlerContext context, ProducerRecord<?, ?> record, Exception exception) {
        long dropped = DROPPED.incrementAndGet();
        LOG.error("dead letter for {} not written to {} ({} dropped so far), the stream goes on: {}",
                position(context),
                record.topic(), dropped, exception.toString());
        return ProductionExceptionHandlerResponse.CONTINUE;
    }
}
