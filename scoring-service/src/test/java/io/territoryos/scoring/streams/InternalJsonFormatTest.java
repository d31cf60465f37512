package io.territoryos.scoring.streams;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.territoryos.contracts.serde.JsonSerde;
import io.territoryos.testkit.StoredFormat;
import io.territoryos.scoring.domain.SourcePosition;
import io.territoryos.scoring.domain.Weights;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The weights gate, each task's state and the weights inside the binary scoring inputs hold these bytes: the shared
 * {@link JsonSerde} must write, for every stored type, exactly what scoring-service's own JsonSerde wrote before it
 * was folded into schemas (else a running application would need a reset).
 */
class InternalJsonFormatTest {

    /** The mapper of the former io.territoryos.scoring.streams.JsonSerde, as it was. */
    private static final ObjectMapper FORMER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final Weights PUBLISHED = new Weights(5, "potential-v2", 0.3, 0.25, 0.2, 0.15, 0.1,
            40_000, 200_000, 900_000, 0.55, 0.65, 120_000, 0.6, 1.4, "ops@example.com", 1_700_000_000_000L);
    private static final SourcePosition SOURCE = new SourcePosition("config.scoring-weights", 0, 42L);

    static List<Object> samples() {
        return List.of(
                Weights.defaults(),
                PUBLISHED,
                new ScoringTaskState(PUBLISHED, null),
                new ScoringTaskState(PUBLISHED, new ScoringTaskState.Rescore(5, "A-0042", 42L, 1_000L, SOURCE, 1_700_000_000_001L)),
                new ScoringTaskState(Weights.defaults(), new ScoringTaskState.Rescore(1, null, 0L, 0L, SOURCE, 0L)));
    }

    @Test
    void shouldWriteEveryStoredTypeAsTheServicesFormerSerdeDid() throws Exception {
        StoredFormat.assertWrittenAsBefore(FORMER, samples());
    }

    @Test
    void shouldReadTheWeightsInsideABinaryInputWrittenByTheFormerSerde() throws Exception {
        byte[] former = FORMER.writeValueAsBytes(PUBLISHED);

        assertThat(JsonSerde.write(PUBLISHED)).isEqualTo(former);
        assertThat(JsonSerde.read(former, Weights.class)).isEqualTo(PUBLISHED);
    }
}
