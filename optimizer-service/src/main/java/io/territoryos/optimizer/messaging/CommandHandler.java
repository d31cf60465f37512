package io.territoryos.optimizer.messaging;

import io.territoryos.contracts.DeadLetters;
import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.RebalanceCommand;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.optimizer.workflow.CommandRejected;
import io.territoryos.optimizer.workflow.CommandScheduler;
import io.territoryos.optimizer.workflow.CommandScheduler.Urgency;
import io.territoryos.optimizer.workflow.ProposalService;
import org.apache.kafka.common.serialization.Deserializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One record of rebalance.commands, from bytes to a stored and published proposal: read it, hand it to the
 * {@link CommandScheduler} at its urgency and under its team, and tell the caller when it is answered, which is
 * when its offset may be committed. A record that cannot be read (PARSE), or a command that can never be
 * answered (INVALID, SOLVE), goes to rebalance.commands.dlq instead, and is then answered too. Everything else
 * (MongoDB or Kafka unreachable, the book view behind) is retried by the scheduler until it works: not the
 * record's fault, so never a dead letter.
 */
public final class CommandHandler {

    private static final Logger LOG = Logger.getLogger(CommandHandler.class);
    private static final String SERVICE = "optimizer-service";

    private final ProposalService proposals;
    private final CommandScheduler scheduler;
    private final DeadLetterSink deadLetters;
    private final Deserializer<RebalanceCommand> reader;
    private final Clock clock;

    public CommandHandler(ProposalService proposals, CommandScheduler scheduler, DeadLetterSink deadLetters,
                          Map<String, ?> serdeConfig, Clock clock) {
        this.proposals = proposals;
        this.scheduler = scheduler;
        this.deadLetters = deadLetters;
        this.reader = AvroSerdes.valueSerde(RebalanceCommand.class, serdeConfig).deserializer();
        this.clock = clock;
    }

    /**
     * Completes when the record is answered: its proposal stored and published, or its dead letter published (or
     * at once for a tombstone). It never completes while the work is being retried.
     */
    public CompletableFuture<Void> handle(String topic, int partition, long offset, String key, byte[] value) {
        RebalanceCommand command;
        try {
            command = value == null ? null : reader.deserialize(topic, value);
        } catch (RuntimeException e) {
            return deadLetter(topic, partition, offset, key, value, "PARSE", e);
        }
        if (command == null) {
            return CompletableFuture.completedFuture(null);
        }
        String team = command.getScope() == null ? null : command.getScope().getTeam();
        return scheduler.submit(team, Urgency.of(command.getType()), command.getType() + " " + command.getCommandId(),
                        () -> proposals.handle(command))
                .handle((ok, failure) -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    if (cause == null) {
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    if (cause instanceof CommandRejected rejected) {
                        return deadLetter(topic, partition, offset, key, value, rejected.errorType(), rejected);
                    }
                    return CompletableFuture.<Void>failedFuture(cause);
                })
                .thenCompose(answer -> answer);
    }

    /** Completes when the scheduler can take another command: hand over the next record only then. */
    public CompletableFuture<Void> room() {
        return scheduler.room();
    }

    private CompletableFuture<Void> deadLetter(String topic, int partition, long offset, String key, byte[] value,
                                               String errorType, Exception e) {
        if (e instanceof CommandRejected) {
            // the command's own fault, said in one line: a stack trace per refused command drowned the log (118 MB
            // after a bulk deletion of 1M accounts)
            LOG.warnf("command at %s-%d@%d dead-lettered (%s): %s", topic, partition, offset, errorType, e.getMessage());
        } else {
            LOG.errorf(e, "command at %s-%d@%d dead-lettered (%s)", topic, partition, offset, errorType);
        }
        var letter = DeadLetters.of(SERVICE, topic, partition, offset,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, errorType,
                String.valueOf(e.getMessage()), clock.instant());
        // publishing it is retried like any other work until the broker takes it
        return scheduler.submit(null, Urgency.URGENT, "dead letter of " + topic + "-" + partition + "@" + offset,
                () -> deadLetters.publishDeadLetter(Topics.REBALANCE_COMMANDS_DLQ.name(), key, letter));
    }
}
