package io.territoryos.scoring.streams;

import io.territoryos.contracts.avro.ScoringWeights;
import io.territoryos.scoring.domain.SourcePosition;
import io.territoryos.scoring.domain.Weights;
import io.territoryos.scoring.mapping.ScoringMapping;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.List;

/**
 * Reads raw weights versions from the single-partition weights topic and lets through only a valid version
 * newer than the last one it let through; a version already accepted, sent again with the same content, is
 * ignored; everything else becomes a dead letter and the version in force stays. Reads bytes, not Avro, so that an unreadable record is dead-lettered instead of killing the thread.
 */
final class WeightsGate implements Processor<byte[], byte[], String, Outcome> {

    static final String ACCEPTED_KEY = "accepted";

    private final Deserializer<ScoringWeights> weightsDeserializer;
    private final DeadLetterSource deadLetters;
    private final ScoringMetrics metrics;
    private final String deadLetterTopic;
    private ProcessorContext<String, Outcome> context;
    private KeyValueStore<String, Weights> accepted;

    WeightsGate(Deserializer<ScoringWeights> weightsDeserializer, DeadLetterSource deadLetters, ScoringMetrics metrics,
                String deadLetterTopic) {
        this.weightsDeserializer = weightsDeserializer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.deadLetterTopic = deadLetterTopic;
    }

    @Override
    public void init(ProcessorContext<String, Outcome> context) {
        this.context = context;
        this.accepted = context.getStateStore(ScoringTopology.WEIGHTS_GATE_STORE);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        SourcePosition source = context.recordMetadata()
                .map(m -> new SourcePosition(m.topic(), m.partition(), m.offset()))
                .orElse(new SourcePosition("unknown", -1, -1));
        metrics.received(source.topic());
        Weights candidate;
        try {
            ScoringWeights avro = record.value() == null ? null : weightsDeserializer.deserialize(source.topic(), record.value());
            if (avro == null) {
                reject(record, "PARSE", "empty weights record");
                return;
            }
            candidate = ScoringMapping.weights(avro);
        } catch (RuntimeException e) {
            reject(record, "PARSE", "unreadable weights record: " + e.getMessage());
            return;
        }
        Weights inForce = accepted.get(ACCEPTED_KEY);
        if (candidate.isReplayOf(accepted.get(versionKey(candidate.version())))) {
            metrics.replayIgnored(source.topic());
            return; // the same version again changes nothing: neither a new version nor a bad record
        }
        List<String> violations = candidate.violationsAsSuccessorOf(inForce == null ? Weights.defaults() : inForce);
        if (!violations.isEmpty()) {
            reject(record, io.territoryos.contracts.DeadLetters.INVALID_CONFIG, "weights version " + candidate.version() + ": " + String.join("; ", violations));
            return;
        }
        accepted.put(ACCEPTED_KEY, candidate);
        accepted.put(versionKey(candidate.version()), candidate);
        context.forward(record.withKey(candidate.formulaVersion())
                .withValue(Outcome.accept(new ScoringInput.WeightsPublished(candidate, source))));
    }

    /** Every accepted version is kept under its number, so a replay of an older one is recognised too. */
    static String versionKey(int version) {
        return "version-" + version;
    }

    private void reject(Record<byte[], byte[]> record, String errorType, String reason) {
        var letter = deadLetters.of(context, record, errorType, reason);
        context.forward(deadLetters.letterRecord(record, io.territoryos.contracts.DeadLetters.key(record.key())).withValue(Outcome.reject(letter)));
        metrics.deadLettered(deadLetterTopic, errorType);
    }
}
