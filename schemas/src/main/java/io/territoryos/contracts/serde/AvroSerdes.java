package io.territoryos.contracts.serde;

import com.microsoft.kiota.ApiException;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
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

import javax.net.ssl.SSLException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Serdes for the generated Avro records. Production uses {@link #valueSerde}, the Apicurio Registry Avro
 * serde (a real registry when {@code apicurio.registry.url} is set, the compiled schema catalogue otherwise);
 * unit tests use {@link #binary}, plain Avro binary over the same generated classes. {@link #genericDeserializer}
 * reads registry-framed records of schemas that are not ours (Debezium's Avro envelopes).
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

    /**
     * The Apicurio Avro deserializer of {@link #valueSerde}, same frame and same registry settings, but reading into
     * generic data ({@code GenericRecord} for a record schema, the plain value for a primitive one) with the writer's
     * schema as the registry gives it: for records that no generated class describes, such as Debezium change events
     * written with the Avro converter. Without {@code apicurio.registry.url} only catalogued schemas resolve, so such
     * foreign records then fail with the content id that is missing. With headers off the key and value frames are
     * alike, so one instance reads both.
     */
    public static Deserializer<Object> genericDeserializer(Map<String, ?> config) {
        AvroKafkaDeserializer<Object> deserializer = new AvroKafkaDeserializer<>();
        deserializer.configure(AvroValueSerde.effectiveConfig(config, false), false);
        return deserializer;
    }

    /**
     * Whether a failure of the registry serde is the registry's and not the record's: the registry could not be
     * reached, the connection broke or timed out, or it answered with an error other than 404. Then the record is
     * probably fine and must not be dead-lettered; a 404 (no schema with the frame's id), an id missing from the
     * catalogue or Avro bytes that do not decode are the record's own fault. Reads the cause chain, as Apicurio wraps
     * its HTTP client's exceptions (Vert.x, Netty, Kiota) in plain RuntimeExceptions.
     */
    public static boolean isRegistryUnavailable(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = failure; cause != null && chain.size() < 32 && !chain.contains(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        for (Throwable cause : chain) {
            if (cause instanceof ApiException answer) { // the registry answered: only "no such schema" is the record's
                return answer.getResponseStatusCode() != 404;
            }
        }
        return chain.stream().anyMatch(cause -> cause instanceof SocketException || cause instanceof UnknownHostException
                || cause instanceof InterruptedIOException || cause instanceof HttpTimeoutException
                || cause instanceof SSLException || cause instanceof TimeoutException
                || cause instanceof ExecutionException // the HTTP client's future failed: transport, not content
                || cause.getClass().getName().startsWith("io.vertx."));
    }

    /**
     * The {@code apicurio.*} settings among a service's configuration properties, for {@link #valueSerde}: a
     * registry URL (and its client options) when one is configured, nothing otherwise (the compiled catalogue).
     */
    public static Map<String, Object> registrySettings(Iterable<String> propertyNames,
                                                       java.util.function.Function<String, java.util.Optional<String>> lookup) {
        Map<String, Object> settings = new java.util.HashMap<>();
        for (String name : propertyNames) {
            if (name.startsWith("apicurio.")) {
                lookup.apply(name).ifPresent(value -> settings.put(name, value));
            }
        }
        return settings;
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
