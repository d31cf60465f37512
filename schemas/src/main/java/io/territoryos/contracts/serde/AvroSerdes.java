package io.territoryos.contracts.serde;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * Serdes for the generated Avro records. Production uses {@link #valueSerde}, the Apicurio Registry Avro
 * serde (a real registry when {@code apicurio.registry.url} is set, the compiled schema catalogue otherwise);
 * unit tests use {@link #binary}, plain Avro binary over the same generated classes.
 */
public final class AvroSerdes {

    /**
     * Apicurio's resolver logs the full text of every schema it resolves at INFO (logger "DefaultSchemaResolver");
     * with the catalogue that is once per type and process, and pure noise in logs and CI output. Held strongly
     * because java.util.logging keeps loggers only weakly.
     */
    private static final java.util.logging.Logger RESOLVER_LOG = quiet("DefaultSchemaResolver");

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    /**
     * The registry-framed serde a service uses on its topics, configured for values: the Apicurio Avro serde (see
     * {@link AvroValueSerde}). {@code config} may be empty (schemas from the compiled catalogue) or carry
     * {@code apicurio.registry.url} and any other {@code apicurio.*} setting; Kafka Streams' own config map works
     * as it is.
     */
    public static <T extends SpecificRecord> AvroValueSerde<T> valueSerde(Class<T> type, Map<String, ?> config) {
        AvroValueSerde<T> serde = new AvroValueSerde<>(type);
        serde.configure(config, false);
        return serde;
    }

    /** Plain Avro binary, no registry framing: for TopologyTestDriver and domain tests. */
    public static <T extends SpecificRecord> Serde<T> binary(Class<T> type) {
        SpecificDatumWriter<T> writer = new SpecificDatumWriter<>(type);
        SpecificDatumReader<T> reader = new SpecificDatumReader<>(type);
        Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream(256);
                BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
                writer.write(value, encoder);
                encoder.flush();
                return out.toByteArray();
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("cannot write " + type.getSimpleName() + " for " + topic, e);
            }
        };
        Deserializer<T> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
                return reader.read(null, decoder);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("cannot read " + type.getSimpleName() + " from " + topic, e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private AvroSerdes() {
    }
}
