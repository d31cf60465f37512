package io.territoryos.optimizer.messaging;

import io.territoryos.security.KafkaClientSecurity;
import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.AssignmentChange;
import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.avro.RebalanceCommand;
import io.territoryos.contracts.avro.RebalanceProposal;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.optimizer.workflow.CommandSink;
import io.territoryos.optimizer.workflow.ProposalSink;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * Publishes proposals on rebalance.proposals (key team) and, after approval, one owner change per move on
 * territory.assignments (key account id) in a single transaction: the CRM sees all of a proposal's changes or none.
 * A person's rebalance request goes on rebalance.commands (key team), to be answered like a trigger's command.
 */
public final class ProposalPublisher implements ProposalSink, CommandSink, DeadLetterSink, AutoCloseable {

    private final KafkaProducer<String, RebalanceProposal> proposals;
    private final KafkaProducer<String, AssignmentChange> assignments;
    private final KafkaProducer<String, DeadLetter> deadLetters;
    private final KafkaProducer<String, RebalanceCommand> commands;

    public ProposalPublisher(String bootstrapServers, Map<String, ?> serdeConfig, String transactionalIdPrefix) {
        this(bootstrapServers, serdeConfig, transactionalIdPrefix, Map.of());
    }

    /** @param security SASL/TLS client settings ({@link KafkaClientSecurity}); empty for PLAINTEXT */
    public ProposalPublisher(String bootstrapServers, Map<String, ?> serdeConfig, String transactionalIdPrefix,
                             Map<String, String> security) {
        this.proposals = new KafkaProducer<>(KafkaClientSecurity.with(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all"), security),
                new StringSerializer(), AvroSerdes.valueSerde(RebalanceProposal.class, serdeConfig).serializer());
        this.assignments = new KafkaProducer<>(KafkaClientSecurity.with(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalIdPrefix + "-" + UUID.randomUUID(),
                ProducerConfig.ACKS_CONFIG, "all"), security),
                new StringSerializer(), AvroSerdes.valueSerde(AssignmentChange.class, serdeConfig).serializer());
        this.assignments.initTransactions();
        this.deadLetters = new KafkaProducer<>(KafkaClientSecurity.with(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all"), security),
                new StringSerializer(), AvroSerdes.valueSerde(DeadLetter.class, serdeConfig).serializer());
        this.commands = new KafkaProducer<>(KafkaClientSecurity.with(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all"), security),
                new StringSerializer(), AvroSerdes.valueSerde(RebalanceCommand.class, serdeConfig).serializer());
    }

    @Override
    public void publishCommand(RebalanceCommand command) {
        try {
            commands.send(new ProducerRecord<>(Topics.REBALANCE_COMMANDS.name(), command.getScope().getTeam(), command)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish command " + command.getCommandId(), e.getCause());
        }
    }

    @Override
    public void publishDeadLetter(String topic, String key, DeadLetter deadLetter) {
        try {
            deadLetters.send(new ProducerRecord<>(topic, key, deadLetter)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not dead-letter a record of " + deadLetter.getSourceTopic(), e.getCause());
        }
    }

    @Override
    public void publish(RebalanceProposal proposal) {
        try {
            proposals.send(new ProducerRecord<>(Topics.REBALANCE_PROPOSALS.name(),
                    proposal.getCommand().getScope().getTeam(), proposal)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish proposal " + proposal.getProposalId(), e.getCause());
        }
    }

    @Override
    public synchronized void publishAssignments(List<AssignmentChange> changes) {
        assignments.beginTransaction();
        try {
            for (AssignmentChange change : changes) {
                assignments.send(new ProducerRecord<>(Topics.TERRITORY_ASSIGNMENTS.name(), change.getAccountId(), change));
            }
            assignments.commitTransaction();
        } catch (RuntimeException e) {
            assignments.abortTransaction();
            throw new IllegalStateException("could not publish the assignments; none were published", e);
        }
    }

    @Override
    public void close() {
        proposals.close();
        assignments.close();
        deadLetters.close();
        commands.close();
    }
}
