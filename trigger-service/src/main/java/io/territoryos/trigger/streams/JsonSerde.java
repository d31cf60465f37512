package io.territoryos.trigger.streams;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.territoryos.contracts.serde.JsonSerdes;
import org.apache.kafka.common.serialization.Serde;


/**
 * JSON for the service's own state stores and its internal repartition topic. These never leave the service, so
 * they carry no registered schema; the domain records serialise as they are.
 */
final class JsonSerde {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static <T> Serde<T> of(Class<T> type) {
        return JsonSerdes.of(type, MAPPER);
    }

    private JsonSerde() {
    }
}
