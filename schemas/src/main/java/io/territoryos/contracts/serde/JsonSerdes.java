package io.territoryos.contracts.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;

/**
 * JSON for a service's internal records (state stores, repartition topics), which never leave the service and
 * so carry no registered schema. Each service passes its own mapper: the mapper decides the stored format.
 */
public final class JsonSerdes {

    public static <T> Serde<T> of(Class<T> type, ObjectMapper mapper) {
        Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return mapper.writeValueAsBytes(value);
            } catch (IOException e) {
                throw new SerializationException("cannot write " + type.getSimpleName() + " as JSON for " + topic, e);
            }
        };
        Deserializer<T> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return mapper.readValue(bytes, type);
            } catch (IOException e) {
                throw new SerializationException("cannot read " + type.getSimpleName() + " from JSON of " + topic, e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private JsonSerdes() {
    }
}
