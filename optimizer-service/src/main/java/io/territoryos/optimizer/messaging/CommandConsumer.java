package io.territoryos.optimizer.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.territoryos.contracts.Topics;
import io.territoryos.contracts.DeadLetters;
import io.territoryos.contracts.avro.RebalanceCommand;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.optimizer.config.OptimizerBeans;
import io.territoryos.optimizer.workflow.ProposalService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import java.time.Instant;

/**
 * Reads rebalance.commands and answers each with a proposal; a command that cannot be read or solved goes to
 * rebalance.commands.dlq with its bytes and the reason, and the next command is served.
 */
@ApplicationScoped
public class CommandConsumer {

    private static final Logger LOG = Logger.getLogger(CommandConsumer.class);

    @Inject
    ProposalService proposals;

    @Inject
    ProposalPublisher publisher;

    private final Deserializer<RebalanceCommand> commandReader;

    public CommandConsumer() {
        this.commandReader = AvroSerdes.valueSerde(RebalanceCommand.class, OptimizerBeans.serdeConfig()).deserializer();
    }

    @Incoming("rebalance-commands")
    @Blocking(ordered = true)
    public void onCommand(ConsumerRecord<String, byte[]> record) {
        try {
            RebalanceCommand command = commandReader.deserialize(record.topic(), record.value());
            if (command == null) {
                return;
            }
            proposals.handle(command);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while answering " + record.key(), e);
        } catch (Exception e) {
            LOG.errorf(e, "command at %s-%d@%d dead-lettered", record.topic(), record.partition(), record.offset());
            publisher.publishDeadLetter(Topics.REBALANCE_COMMANDS_DLQ.name(), record.key(), DeadLetters.of(
                    "optimizer-service", record.topic(), record.partition(), record.offset(),
                    record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8), record.value(),
                    e instanceof SerializationException ? "PARSE" : "SOLVE", String.valueOf(e.getMessage()), Instant.now()));
        }
    }
}
