package io.territoryos.contracts.serde;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonSerdeTest {

    enum Kind { ONE, TWO }

    record Part(String name, double value, Double threshold) {
    }

    record Stored(String id, Kind kind, long at, List<Part> parts, Map<String, Double> weights) {

        double total() {
            return parts.stream().mapToDouble(Part::value).sum();
        }

        boolean isEmpty() {
            return parts.isEmpty();
        }
    }

    private static final Stored SAMPLE = new Stored("S-1", Kind.TWO, 42L,
            List.of(new Part("a", 1.5, null), new Part("b", 2.0, 3.0)), Map.of("fit", 0.25));

    private final Serde<Stored> serde = JsonSerde.of(Stored.class);

    @Test
    void shouldWriteTheComponentsInOrderAndNoDerivedAccessor() {
        String json = new String(serde.serializer().serialize("t", SAMPLE), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"id\":\"S-1\",\"kind\":\"TWO\",\"at\":42,\"parts\":[{\"name\":\"a\",\"value\":1.5,"
                + "\"threshold\":null},{\"name\":\"b\",\"value\":2.0,\"threshold\":3.0}],\"weights\":{\"fit\":0.25}}");
    }

    @Test
    void shouldReadBackWhatItWrote() {
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", SAMPLE))).isEqualTo(SAMPLE);
        assertThat(JsonSerde.read(JsonSerde.write(SAMPLE), Stored.class)).isEqualTo(SAMPLE);
    }

    @Test
    void shouldSkipAFieldItDoesNotKnowAndLeaveAMissingOneAtItsDefault() {
        byte[] newer = "{\"id\":\"S-2\",\"kind\":\"ONE\",\"at\":7,\"parts\":[],\"weights\":{},\"addedLater\":true}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] older = "{\"id\":\"S-3\",\"kind\":\"ONE\",\"parts\":[],\"weights\":{}}".getBytes(StandardCharsets.UTF_8);

        assertThat(serde.deserializer().deserialize("t", newer)).isEqualTo(new Stored("S-2", Kind.ONE, 7L, List.of(), Map.of()));
        assertThat(serde.deserializer().deserialize("t", older).at()).isZero();
    }

    record Dated(LocalDate renewal) {
    }

    @Test
    void shouldWriteADateAsIsoText() {
        Serde<Dated> dated = JsonSerde.of(Dated.class);
        byte[] bytes = dated.serializer().serialize("t", new Dated(LocalDate.of(2026, 3, 31)));

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"renewal\":\"2026-03-31\"}");
        assertThat(dated.deserializer().deserialize("t", bytes)).isEqualTo(new Dated(LocalDate.of(2026, 3, 31)));
    }

    @Test
    void shouldPassNullsThroughAsTombstones() {
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void shouldNameTheTypeAndTopicOfBytesItCannotRead() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("store-changelog", "not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessage("cannot read Stored from JSON of store-changelog");
    }
}
