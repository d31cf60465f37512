package io.territoryos.scoring.streams;

import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.serde.JsonSerde;
import io.territoryos.scoring.domain.Weights;
import io.territoryos.scoring.streams.ScoringTopologyConfig.AsDelivered;
import io.territoryos.scoring.streams.ScoringTopologyConfig.ByAccountId;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import java.time.Clock;
import java.util.Map;

/**
 * Reads Debezium account changes (JSON or registry-framed Avro) and scoring-weights versions, writes scored
 * accounts (potential-v1, with the components that explain them) and dead letters; in between, every usable change
 * is scored with the weights in force by the task that owns its account, and every valid new weights version
 * re-scores every account.
 *
 * <pre>
 * crm.accounts ──decode──┬─ rejected ─────────────────────────────────────▶ crm.accounts.dlq
 *                        └─ accepted (in its own partition) ──┐
 * config.scoring-weights ──gate──┬─▶ weights-broadcast ───────┴──score──▶ accounts.scored
 *                                │   (a copy to every partition)
 *                                └─ rejected ─────────────────────────────▶ config.scoring-weights.dlq
 * </pre>
 * Placed {@link ByAccountId by account id}, both streams first cross {@code scoring-inputs}, keyed by account id.
 */
public final class ScoringTopology {

    /** Per account: latest inputs and the score last published. */
    public static final String ACCOUNT_SCORES_STORE = "account-scores";
    /** Per scoring task: weights in force and re-scoring progress. */
    public static final String SCORING_TASK_STORE = "scoring-task";
    /** The last weights version accepted, to reject versions that are not newer. */
    public static final String WEIGHTS_GATE_STORE = "weights-gate";
    /** Internal topic re-keying every change by account id, when placed {@link ByAccountId by account id}. */
    public static final String SCORING_INPUTS = "scoring-inputs";
    /** Internal topic copying each weights version to every task, when placed {@link AsDelivered as delivered}. */
    public static final String WEIGHTS_BROADCAST = "weights-broadcast";

    public static Topology build(ScoringTopologyConfig config, ScoringSerdes serdes) {
        return build(config, serdes, ScoringMetrics.NONE, Clock.systemUTC());
    }

    public static Topology build(ScoringTopologyConfig config, ScoringSerdes serdes, ScoringMetrics metrics, Clock clock) {
        StreamsBuilder builder = new StreamsBuilder();
        DeadLetterSource deadLetters = new DeadLetterSource(config.serviceName(), clock);
        AvroAccountChangeDecoder avroChanges = new AvroAccountChangeDecoder(serdes.avroChangeEvents());

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WEIGHTS_GATE_STORE),
                Serdes.String(), JsonSerde.of(Weights.class)));
        // no record cache: an account changes a few times a day, so a cache would rarely merge two writes, yet it
        // costs a sorted-map insert per change and a second copy of every state in memory until the commit
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ACCOUNT_SCORES_STORE),
                Serdes.String(), BinaryFormats.accountScores()).withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SCORING_TASK_STORE),
                Serdes.String(), JsonSerde.of(ScoringTaskState.class)));

        Map<String, KStream<String, Outcome>> accounts = builder
                .stream(config.accountsTopic(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("account-changes"))
                .process(() -> new AccountChangeDecoder(deadLetters, metrics, config.accountsDeadLetterTopic(), avroChanges),
                        Named.as("decode-account-changes"))
                .split(Named.as("account-changes-"))
                .branch((id, outcome) -> outcome.isRejected(), Branched.as("rejected"))
                .defaultBranch(Branched.as("accepted"));

        Map<String, KStream<String, Outcome>> weights = builder
                .stream(config.weightsTopic(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("weights-versions"))
                .process(() -> new WeightsGate(serdes.weights().deserializer(), deadLetters, metrics, config.weightsDeadLetterTopic()),
                        Named.as("gate-weights"), WEIGHTS_GATE_STORE)
                .split(Named.as("weights-versions-"))
                .branch((key, outcome) -> outcome.isRejected(), Branched.as("rejected"))
                .defaultBranch(Branched.as("accepted"));

        deadLetters(accounts.get("account-changes-rejected"), config.accountsDeadLetterTopic(), serdes, "account-dead-letters");
        deadLetters(weights.get("weights-versions-rejected"), config.weightsDeadLetterTopic(), serdes, "weights-dead-letters");

        KStream<String, ScoringInput> changes = accounts.get("account-changes-accepted")
                .mapValues(Outcome::accepted, Named.as("account-change-inputs"));
        KStream<String, ScoringInput> versions = weights.get("weights-versions-accepted")
                .mapValues(Outcome::accepted, Named.as("weights-version-inputs"));
        KStream<String, ScoringInput> inputs;
        if (config.placement() instanceof AsDelivered asDelivered) {
            // each account's changes already share a partition: only the weights versions cross to every task
            inputs = changes.merge(versions.repartition(Repartitioned.with(Serdes.String(), BinaryFormats.scoringInputs())
                            .withName(WEIGHTS_BROADCAST)
                            .withNumberOfPartitions(asDelivered.accountsPartitions())
                            .withStreamPartitioner(new WeightsBroadcast())),
                    Named.as("merge-scoring-inputs"));
        } else {
            // by account id whatever the key bytes were; weights versions go to every partition
            inputs = changes.merge(versions, Named.as("merge-scoring-inputs"))
                    .repartition(Repartitioned.with(Serdes.String(), BinaryFormats.scoringInputs())
                            .withName(SCORING_INPUTS)
                            .withStreamPartitioner(new WeightsBroadcast()));
        }
        inputs.process(() -> new AccountScorer(config, metrics, clock), Named.as("score-accounts"),
                        ACCOUNT_SCORES_STORE, SCORING_TASK_STORE)
                .to(config.scoredTopic(), Produced.with(Serdes.String(), serdes.scored()).withName("scored-accounts"));

        return builder.build();
    }

    private static void deadLetters(KStream<String, Outcome> rejected, String topic, ScoringSerdes serdes, String name) {
        rejected.mapValues(Outcome::rejected, Named.as(name + "-letters"))
                .to(topic, Produced.<String, DeadLetter>with(Serdes.String(), serdes.deadLetters()).withName(name));
    }

    private ScoringTopology() {
    }
}
