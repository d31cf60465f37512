package io.territoryos.optimizer.messaging;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletionStage;

/**
 * Reads rebalance.commands and hands each record to the {@link CommandHandler}, which solves it on the solver
 * pool in order of urgency. The record is acknowledged when its proposal is stored and published (or its dead
 * letter is); with the throttled commit strategy the connector commits an offset once every record before it is
 * acknowledged too, so records answered out of order are committed in order, and a crash re-delivers every
 * unanswered one (answered again idempotently). The returned stage completes when the solver pool has room for
 * the next record: that is the backpressure on the connector.
 */
@ApplicationScoped
public class CommandConsumer {

    private static final Logger LOG = Logger.getLogger(CommandConsumer.class);

    @Inject
    CommandHandler handler;

    @Incoming("rebalance-commands")
    public CompletionStage<Void> onCommand(Message<byte[]> message) {
        IncomingKafkaRecordMetadata<?, ?> record = message.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
        if (record == null) {
            return message.ack();
        }
        Object key = record.getKey();
        handler.handle(record.getTopic(), record.getPartition(), record.getOffset(), key == null ? null : key.toString(),
                        message.getPayload())
                .whenComplete((answered, failure) -> {
                    if (failure == null) {
                        message.ack();
                    } else {
                        // not expected: the handler retries what can be retried; fail the channel so it restarts
                        LOG.errorf(failure, "command at %s-%d@%d could not be answered", record.getTopic(),
                                record.getPartition(), record.getOffset());
                        message.nack(failure);
                    }
                });
        return handler.room();
    }
}
