package io.territoryos.territory.streams;

import io.territoryos.contracts.cdc.CdcDecodingException;
import io.territoryos.contracts.cdc.ChangeEvent;
import io.territoryos.contracts.cdc.DebeziumDecoder;
import io.territoryos.contracts.crm.CrmRep;
import io.territoryos.territory.mapping.AvroMapping;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Reads Debezium rep rows and writes rep changes keyed by rep id; a record that cannot be decoded
 * becomes a dead letter with its original bytes, reason and source offset, and the stream goes on.
 */
final class RepChangeDecoder implements Processor<byte[], byte[], String, RepDecoding> {

    private final TerritoryMetrics metrics;
    private ProcessorContext<String, RepDecoding> context;

    RepChangeDecoder(TerritoryMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, RepDecoding> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        try {
            ChangeEvent change = DebeziumDecoder.decode(record.key(), record.value(), CrmRep.ID_FIELD);
            long eventTime = change.tsMs() > 0 ? change.tsMs() : record.timestamp();
            TerritoryEvent event = change.removesRow()
                    ? TerritoryEvent.repRemoved(change.id(), eventTime)
                    : TerritoryEvent.repUpsert(AvroMapping.rep(CrmRep.from(change.id(), change.after())), eventTime);
            context.forward(new Record<>(change.id(), new RepDecoding(event, null), record.timestamp(), record.headers()));
        } catch (CdcDecodingException e) {
            deadLetter(record, e.getMessage(), e.type().name());
        } catch (RuntimeException e) {
            deadLetter(record, e.getClass().getSimpleName() + ": " + e.getMessage(), CdcDecodingException.ErrorType.PARSE.name());
        }
    }

    private void deadLetter(Record<byte[], byte[]> record, String reason, String errorType) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        String topic = source == null ? "unknown" : source.topic();
        int partition = source == null ? -1 : source.partition();
        long offset = source == null ? -1 : source.offset();
        var letter = AvroMapping.deadLetter(topic, partition, offset, record.key(), record.value(), reason, errorType,
                context.currentSystemTimeMs());
        // the id the source key names (else its text; null for a keyless record; its position is in the letter), none of its headers
        context.forward(new Record<>(DebeziumDecoder.deadLetterKey(record.key(), CrmRep.ID_FIELD), new RepDecoding(null, letter), record.timestamp(),
                new RecordHeaders()));
        metrics.deadLettered(topic, errorType);
    }
}
