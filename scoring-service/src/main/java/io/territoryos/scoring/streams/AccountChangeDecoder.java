package io.territoryos.scoring.streams;

import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.cdc.CdcDecodingException;
import io.territoryos.contracts.cdc.ChangeEvent;
import io.territoryos.contracts.cdc.DebeziumDecoder;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.scoring.domain.SourcePosition;
import io.territoryos.scoring.mapping.ScoringMapping;
import io.territoryos.scoring.streams.ScoringInput.AccountChanged;
import io.territoryos.scoring.streams.ScoringInput.AccountRemoved;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Reads raw Debezium account changes and re-keys them by account id: a usable change becomes a validated
 * {@link ScoringInput}; anything else becomes a dead letter with the original bytes. JSON and registry-framed Avro
 * (rewritten as JSON by {@link AvroAccountChangeDecoder}) are told apart per record, key and value each. Throws only
 * when the schema registry cannot be reached, so one bad record cannot stop the stream but an outage does not turn
 * good records into dead letters.
 */
final class AccountChangeDecoder implements Processor<byte[], byte[], String, Outcome> {

    private final DeadLetterSource deadLetters;
    private final ScoringMetrics metrics;
    private final String deadLetterTopic;
    private final AvroAccountChangeDecoder avro;
    private ProcessorContext<String, Outcome> context;

    AccountChangeDecoder(DeadLetterSource deadLetters, ScoringMetrics metrics, String deadLetterTopic, AvroAccountChangeDecoder avro) {
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.deadLetterTopic = deadLetterTopic;
        this.avro = avro;
    }

    @Override
    public void init(ProcessorContext<String, Outcome> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        SourcePosition source = context.recordMetadata()
                .map(m -> new SourcePosition(m.topic(), m.partition(), m.offset()))
                .orElse(new SourcePosition("unknown", -1, -1));
        metrics.received(source.topic());
        byte[] jsonKey = null;
        try {
            jsonKey = avro.asJson(source.topic(), record.key(), "key");
            // an Avro envelope goes to the shared decoder as the tree it was rewritten into, never re-parsed
            ChangeEvent event = AvroAccountChangeDecoder.isRegistryFramed(record.value())
                    ? DebeziumDecoder.decode(jsonKey, avro.asTree(source.topic(), record.value(), "value"), CrmAccount.ID_FIELD)
                    : DebeziumDecoder.decode(jsonKey, record.value(), CrmAccount.ID_FIELD);
            ScoringInput input = event.removesRow()
                    ? new AccountRemoved(event.id(), source, event.tsMs())
                    : new AccountChanged(ScoringMapping.inputs(CrmAccount.from(event.id(), event.after())), source, event.tsMs());
            context.forward(record.withKey(event.id()).withValue(Outcome.accept(input)));
        } catch (AvroAccountChangeDecoder.RegistryUnavailableException e) {
            throw e; // not this record's fault: stop (and resume from the committed offset) rather than dead-letter it
        } catch (CdcDecodingException e) {
            reject(record, jsonKey, e.type().name(), e.getMessage());
        } catch (RuntimeException e) { // whatever else a hostile record provokes is still a bad record
            reject(record, jsonKey, CdcDecodingException.ErrorType.PARSE.name(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** @param jsonKey the key in JSON form, null if it could not be read */
    private void reject(Record<byte[], byte[]> record, byte[] jsonKey, String errorType, String reason) {
        DeadLetter letter = deadLetters.of(context, record, errorType, reason);
        String key = DebeziumDecoder.deadLetterKey(jsonKey != null ? jsonKey : record.key(), CrmAccount.ID_FIELD);
        context.forward(deadLetters.letterRecord(record, key).withValue(Outcome.reject(letter)));
        metrics.deadLettered(deadLetterTopic, errorType);
    }
}
