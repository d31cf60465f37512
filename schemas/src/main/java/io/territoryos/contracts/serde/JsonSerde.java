package io.territoryos.contracts.serde;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;

/**
 * JSON for a service's internal records (state stores, repartition topics, the weights inside scoring's binary
 * inputs), which never leave the service and so carry no registered schema. Product topics use Avro, never this.
 *
 * <p>One format for every service: a record's components are its state, in declaration order (derived accessors
 * such as {@code potentialTotal()} are not), dates are ISO text, and a field an older reader does not know is skipped, so a record can
 * gain fields without breaking a restore from an older changelog. These bytes sit in changelogs and internal topics:
 * changing the format needs an application reset, which the format tests of each service guard against.
 */
public final class JsonSerde {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public static <T> Serde<T> of(Class<T> type) {
        Serializer<T> serializer = (topic, value) -> value == null ? null : write(value, "for " + topic);
        Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null : read(bytes, type, "of " + topic);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    /** The JSON of one value, outside a topic (a field inside another format). */
    public static byte[] write(Object value) {
        return write(value, "");
    }

    /** A value back from {@link #write}. */
    public static <T> T read(byte[] bytes, Class<T> type) {
        return read(bytes, type, "");
    }

    private static byte[] write(Object value, String where) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new SerializationException(("cannot write " + value.getClass().getSimpleName() + " as JSON " + where).trim(), e);
        }
    }

    private static <T> T read(byte[] bytes, Class<T> type, String where) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new SerializationException(("cannot read " + type.getSimpleName() + " from JSON " + where).trim(), e);
        }
    }

    private JsonSerde() {
    }
}
