package io.territoryos.trigger.streams;

import io.territoryos.contracts.cdc.CdcDecodingException;
import io.territoryos.contracts.cdc.ChangeEvent;
import io.territoryos.contracts.cdc.DebeziumDecoder;
import io.territoryos.contracts.crm.CrmRep;
import io.territoryos.trigger.mapping.AvroMapping;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Reads raw Debezium rep records and sends each valid change to the hub keyed by rep id (the raw key's bytes
 * depend on the converter); a record that cannot be decoded or validated becomes a dead letter with its original
 * bytes, and the stream goes on.
 */
final class RepDecoder extends ContextualProcessor<byte[], byte[], String, Emission> {

    private final TriggerListener listener;

    RepDecoder(TriggerListener listener) {
        this.listener = listener;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Emission emission;
        String key = null;
        try {
            ChangeEvent event = DebeziumDecoder.decode(record.key(), record.value(), CrmRep.ID_FIELD);
            // a tombstone removes the row like the delete before it (ChangeEvent.removesRow): once compaction has
            // dropped that delete, the tombstone is all that says the rep is gone; after the delete it changes nothing
            long eventTime = event.tsMs() > 0 ? event.tsMs() : record.timestamp();
            key = event.id();
            emission = event.removesRow()
                    ? Emission.hub(HubEvent.repDeleted(event.id(), eventTime))
                    : Emission.hub(HubEvent.rep(AvroMapping.rep(CrmRep.from(event.id(), event.after()), eventTime)));
        } catch (CdcDecodingException e) {
            emission = deadLetter(record, e.getMessage(), e.type().name());
        } catch (RuntimeException e) {
            emission = deadLetter(record, e.getClass().getSimpleName() + ": " + e.getMessage(), "PARSE");
        }
        if (emission.deadLetter() != null) {
            // the id the source key names (else its text; null for a keyless record; its position is in the letter), none of its headers
            context().forward(new Record<>(DebeziumDecoder.deadLetterKey(record.key(), CrmRep.ID_FIELD), emission, record.timestamp(), new RecordHeaders()));
            return;
        }
        context().forward(new Record<>(key, emission, record.timestamp(), record.headers()));
    }

    private Emission deadLetter(Record<byte[], byte[]> record, String reason, String errorType) {
        RecordMetadata source = context().recordMetadata().orElseThrow();
        listener.deadLetter(source.topic(), errorType);
        return Emission.deadLetter(AvroMapping.deadLetter(source.topic(), source.partition(), source.offset(),
                record.key(), record.value(), reason, errorType, context().currentSystemTimeMs()));
    }
}
