package io.territoryos.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.territoryos.contracts.serde.JsonSerde;
import io.territoryos.contracts.serde.RecordSerde;
import org.apache.kafka.common.serialization.Serde;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For a service's format test: state stores and internal topics hold {@link JsonSerde}'s bytes, so for a sample of
 * every stored type it must write exactly what the serde the service used before wrote (else a running application
 * would need a reset), and read it back.
 */
public final class StoredFormat {

    /**
     * @param former  the mapper the service's former serde wrote with, as it was configured
     * @param samples a value of every stored type, with nulls, maps and nested records where the type has them
     */
    public static void assertWrittenAsBefore(ObjectMapper former, Iterable<?> samples) throws Exception {
        for (Object sample : samples) {
            Serde<Object> serde = serde(sample);
            byte[] written = serde.serializer().serialize("t", sample);

            assertThat(new String(written, StandardCharsets.UTF_8))
                    .as(sample.getClass().getSimpleName())
                    .isEqualTo(new String(former.writeValueAsBytes(sample), StandardCharsets.UTF_8));
            assertThat(serde.deserializer().deserialize("t", written)).as(sample.getClass().getSimpleName()).isEqualTo(sample);
        }
    }

    /**
     * For a store moved from JSON to {@link RecordSerde}: every sample reads back from its binary, and from the JSON
     * the former serde wrote (what a running application's changelogs still hold when it is upgraded).
     *
     * @param former  the mapper the service's JSON serde wrote with, as it was configured
     * @param samples a value of every stored type, with nulls and nested records where the type has them
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void assertBinaryAndReadsFormerJson(ObjectMapper former, Iterable<? extends Record> samples) throws Exception {
        for (Record sample : samples) {
            Serde<Object> serde = (Serde<Object>) (Serde) RecordSerde.of(sample.getClass());
            byte[] written = serde.serializer().serialize("t", sample);
            String name = sample.getClass().getSimpleName();

            assertThat(written[0]).as(name + " is written in binary").isNotEqualTo((byte) '{');
            assertThat(serde.deserializer().deserialize("t", written)).as(name).isEqualTo(sample);
            assertThat(serde.deserializer().deserialize("t", former.writeValueAsBytes(sample))).as(name + " from former JSON")
                    .isEqualTo(sample);
        }
    }

    @SuppressWarnings("unchecked")
    private static Serde<Object> serde(Object sample) {
        return (Serde<Object>) JsonSerde.of(sample.getClass());
    }

    private StoredFormat() {
    }
}
