package io.territoryos.contracts.serde;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordSerdeTest {

    enum Kind { ONE, TWO }

    record Part(String name, double value, Double threshold) {
    }

    record Stored(String id, Kind kind, long at, int count, Integer version, boolean flag, Boolean maybe, Part part) {
    }

    /** {@link Stored} as it was before {@code part} was added at the end. */
    record StoredBefore(String id, Kind kind, long at, int count, Integer version, boolean flag, Boolean maybe) {
    }

    /** {@link Stored} as a later version that added {@code note} and {@code extra} at the end. */
    record StoredLater(String id, Kind kind, long at, int count, Integer version, boolean flag, Boolean maybe, Part part,
                       String note, Part extra) {
    }

    record Positive(long value) {
        Positive {
            if (value < 0) {
                throw new IllegalArgumentException("value must not be negative");
            }
        }
    }

    record WithList(List<String> names) {
    }

    record Parts(String id, List<Part> parts) {
    }

    /** {@link Parts} as it was before {@code parts} was added. */
    record PartsBefore(String id) {
    }

    /** {@link Parts} as a later version that added {@code more} after {@code parts}. */
    record PartsLater(String id, List<Part> parts, List<Part> more) {
    }

    record Weighted(String id, Map<String, Double> weights, Map<String, Part> parts) {
    }

    /** {@link Weighted} as it was before {@code weights} and {@code parts} were added. */
    record WeightedBefore(String id) {
    }

    record ByNumber(Map<Integer, String> names) {
    }

    record ByKind(Map<Kind, Part> parts) {
    }

    private static final Stored SAMPLE = new Stored("S-1", Kind.TWO, -42L, 7, 3, true, null, new Part("ä-b", 1.5, null));

    private final Serde<Stored> serde = RecordSerde.of(Stored.class);

    @Test
    void shouldReadBackWhatItWroteWithNullsNegativesAndNestedRecords() {
        Stored empty = new Stored(null, null, Long.MIN_VALUE, Integer.MAX_VALUE, null, false, false, null);

        assertThat(roundTrip(SAMPLE)).isEqualTo(SAMPLE);
        assertThat(roundTrip(empty)).isEqualTo(empty);
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
        assertThat(serde.serializer().serialize("t", null)).isNull();
    }

    @Test
    void shouldKeepItsLayoutToTheByte() {
        // the bytes sit in changelogs: a change of layout must be deliberate (and needs an application reset)
        byte[] bytes = RecordSerde.of(Part.class).serializer().serialize("t", new Part("ab", 1.5, null));

        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("b1" + "03" + "010461" + "62" + "033ff8000000000000" + "00");
    }

    @Test
    void shouldBeFarSmallerThanTheJsonOfTheSameRecord() {
        assertThat(serde.serializer().serialize("t", SAMPLE).length).isLessThan(JsonSerde.write(SAMPLE).length / 2);
    }

    @Test
    void shouldReadJsonWrittenBeforeTheStoreMovedToBinary() {
        byte[] json = JsonSerde.write(SAMPLE);

        assertThat(json[0]).isEqualTo((byte) '{');
        assertThat(serde.deserializer().deserialize("t", json)).isEqualTo(SAMPLE);
    }

    @Test
    void shouldReadAComponentAddedAtTheEndAsAbsentAndSkipOnesItDoesNotKnow() {
        byte[] older = RecordSerde.of(StoredBefore.class).serializer()
                .serialize("t", new StoredBefore("S-2", Kind.ONE, 5L, 1, null, true, true));
        byte[] later = RecordSerde.of(StoredLater.class).serializer()
                .serialize("t", new StoredLater("S-3", Kind.ONE, 6L, 2, 9, false, null, new Part("p", 2.0, 3.0), "n",
                        new Part("x", 4.0, null)));

        assertThat(serde.deserializer().deserialize("t", older))
                .isEqualTo(new Stored("S-2", Kind.ONE, 5L, 1, null, true, true, null));
        assertThat(serde.deserializer().deserialize("t", later))
                .isEqualTo(new Stored("S-3", Kind.ONE, 6L, 2, 9, false, null, new Part("p", 2.0, 3.0)));
    }

    @Test
    void shouldNameWhatIsWrongWithBytesItCannotRead() {
        byte[] good = serde.serializer().serialize("t", SAMPLE);
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);

        assertThatThrownBy(() -> serde.deserializer().deserialize("store-changelog", truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Stored of store-changelog")
                .hasRootCauseMessage("the bytes end in the middle of a record");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", trailing))
                .isInstanceOf(SerializationException.class).hasRootCauseMessage("1 bytes left after the record");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", "hello".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("neither this serde's binary nor JSON");
        byte[] unknownConstant = RecordSerde.of(Part.class).serializer().serialize("t", new Part("THREE", 0, null));
        unknownConstant[2] = 6; // the string tag turned into an enum's: Kind has no THREE
        assertThatThrownBy(() -> RecordSerde.of(Holder.class).deserializer().deserialize("t", unknownConstant))
                .isInstanceOf(SerializationException.class).hasRootCauseMessage("Kind has no constant THREE");
    }

    record Holder(Kind kind, double value, Double threshold) {
    }

    @Test
    void shouldReportARecordThatRefusesTheValuesRead() {
        byte[] negative = RecordSerde.of(StoredCount.class).serializer().serialize("t", new StoredCount(-1L));

        assertThatThrownBy(() -> RecordSerde.of(Positive.class).deserializer().deserialize("t", negative))
                .isInstanceOf(SerializationException.class)
                .hasRootCauseMessage("value must not be negative");
    }

    record StoredCount(long value) {
    }

    @Test
    void shouldWriteListsOfRecordsAndSkipAListItDoesNotKnow() {
        Serde<Parts> parts = RecordSerde.of(Parts.class);
        Parts sample = new Parts("P-1", List.of(new Part("a", 1.0, null), new Part("b", -2.5, 0.5)));
        Parts withNull = new Parts("P-2", java.util.Arrays.asList(new Part("c", 0, null), null));
        byte[] later = RecordSerde.of(PartsLater.class).serializer()
                .serialize("t", new PartsLater("P-3", List.of(new Part("d", 3.0, null)), List.of(new Part("e", 4.0, null))));
        byte[] older = RecordSerde.of(PartsBefore.class).serializer().serialize("t", new PartsBefore("P-4"));

        assertThat(parts.deserializer().deserialize("t", parts.serializer().serialize("t", sample))).isEqualTo(sample);
        assertThat(parts.deserializer().deserialize("t", parts.serializer().serialize("t", withNull))).isEqualTo(withNull);
        assertThat(parts.deserializer().deserialize("t", parts.serializer().serialize("t", new Parts("P-5", List.of()))))
                .isEqualTo(new Parts("P-5", List.of()));
        assertThat(parts.deserializer().deserialize("t", later)).isEqualTo(new Parts("P-3", List.of(new Part("d", 3.0, null))));
        assertThat(parts.deserializer().deserialize("t", older)).isEqualTo(new Parts("P-4", null));
        assertThat(HexFormat.of().formatHex(RecordSerde.of(Parts.class).serializer().serialize("t",
                new Parts("x", List.of(new Part("ab", 1.5, null))))))
                .isEqualTo("b1" + "02" + "010278" + "08" + "02" + "07" + "03" + "01046162" + "033ff8000000000000" + "00");
    }

    @Test
    void shouldWriteMapsInTheirOrderAndSkipAMapItDoesNotKnow() {
        Serde<Weighted> weighted = RecordSerde.of(Weighted.class);
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("fit", 0.3);
        weights.put("expansion", null);
        weights.put("arr", 0.7);
        Weighted sample = new Weighted("W-1", weights, Map.of("p", new Part("p", 2.0, null)));

        Weighted read = weighted.deserializer().deserialize("t", weighted.serializer().serialize("t", sample));

        assertThat(read).isEqualTo(sample);
        assertThat(read.weights().keySet()).containsExactly("fit", "expansion", "arr");
        assertThat(weighted.deserializer().deserialize("t", weighted.serializer().serialize("t", new Weighted("W-2", null, Map.of()))))
                .isEqualTo(new Weighted("W-2", null, Map.of()));
        assertThat(RecordSerde.of(WeightedBefore.class).deserializer().deserialize("t", weighted.serializer().serialize("t", sample)))
                .isEqualTo(new WeightedBefore("W-1"));
        assertThat(HexFormat.of().formatHex(weighted.serializer().serialize("t",
                new Weighted("x", Map.of("ab", 1.5), null))))
                .isEqualTo("b1" + "03" + "010278" + "09" + "02" + "046162" + "033ff8000000000000" + "00");
    }

    @Test
    void shouldWriteAMapWithEnumKeysByTheirNames() {
        Map<Kind, Part> parts = new java.util.EnumMap<>(Kind.class);
        parts.put(Kind.TWO, new Part("b", 2.0, null));
        parts.put(Kind.ONE, null);
        Serde<ByKind> byKind = RecordSerde.of(ByKind.class);

        byte[] written = byKind.serializer().serialize("t", new ByKind(parts));

        assertThat(byKind.deserializer().deserialize("t", written)).isEqualTo(new ByKind(parts));
        assertThat(new String(written, StandardCharsets.ISO_8859_1)).contains("ONE").contains("TWO");
        written[new String(written, StandardCharsets.ISO_8859_1).indexOf("TWO") + 2] = 'X';
        assertThatThrownBy(() -> byKind.deserializer().deserialize("t", written))
                .isInstanceOf(SerializationException.class)
                .hasRootCauseMessage("Kind has no constant TWX");
    }

    @Test
    void shouldRefuseAMapLongerThanItsBytesAndAMapWithANullKey() {
        byte[] bytes = RecordSerde.of(Weighted.class).serializer().serialize("t", new Weighted("x", Map.of(), null));
        bytes[bytes.length - 2] = 0x7e; // size 63, one byte left
        Map<String, Double> nullKey = new HashMap<>();
        nullKey.put(null, 1.0);

        assertThatThrownBy(() -> RecordSerde.of(Weighted.class).deserializer().deserialize("t", bytes))
                .isInstanceOf(SerializationException.class)
                .hasRootCauseMessage("a map of 63 values where 1 bytes are left");
        assertThatThrownBy(() -> RecordSerde.of(Weighted.class).serializer().serialize("t", new Weighted("x", nullKey, null)))
                .isInstanceOf(SerializationException.class)
                .hasRootCauseMessage("a map with a null key");
    }

    @Test
    void shouldRefuseAListLongerThanItsBytes() {
        byte[] bytes = RecordSerde.of(Parts.class).serializer().serialize("t", new Parts("x", List.of()));
        bytes[bytes.length - 1] = 0x7e; // size 63, no bytes left

        assertThatThrownBy(() -> RecordSerde.of(Parts.class).deserializer().deserialize("t", bytes))
                .isInstanceOf(SerializationException.class)
                .hasRootCauseMessage("a list of 63 values where 0 bytes are left");
    }

    @Test
    void shouldRefuseATypeItCannotWriteWhenTheSerdeIsBuilt() {
        assertThatThrownBy(() -> RecordSerde.of(WithList.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WithList.names is a java.util.List")
                .hasMessageContaining("use JsonSerde");
        assertThatThrownBy(() -> RecordSerde.of(ByNumber.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ByNumber.names is a java.util.Map<java.lang.Integer, java.lang.String>");
    }

    private Stored roundTrip(Stored value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }
}
