package io.territoryos.contracts.serde;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificRecord;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * Apicurio's {@link DefaultAvroDatumProvider} with its writers and readers looked up by the {@link Schema} itself
 * instead of by the schema's parsing fingerprint. The serde asks the provider for a writer or reader on every
 * record, and Apicurio 3.1.7 computes {@code SchemaNormalization.parsingFingerprint64} (the schema rebuilt as a
 * canonical string, then CRC-64) each time before it consults its cache, for every record written and read: a
 * {@code ScoredAccount} written and read back took 13.3 us that way and 1.6 us with this provider (plain Avro binary:
 * 1.3 us; {@code bench/SerdeBenchmark} in the tests). The schema the resolver hands over is the same
 * cached instance record after record, and {@link Schema#hashCode} is cached in the instance, so this lookup costs
 * a hash-map probe.
 *
 * <p>Writers and readers are still created by Apicurio's provider (same classes, same reader schema for the
 * specific reader), so the bytes and the decoded objects are exactly as before. Equal schemas (a copy parsed again)
 * share an entry, so the maps grow with the number of distinct schemas, like Apicurio's own fingerprint-keyed ones.
 * Thread-safe: concurrent maps, and Avro's datum writers and readers are shared across threads, as Apicurio's own
 * cache already does. Configured by {@link AvroValueSerde} through {@code apicurio.registry.avro-datum-provider}.
 */
public class CachingAvroDatumProvider<T> extends DefaultAvroDatumProvider<T> {

    private final ConcurrentMap<Schema, DatumWriter<T>> specificWriters = new ConcurrentHashMap<>();
    private final ConcurrentMap<Schema, DatumWriter<T>> genericWriters = new ConcurrentHashMap<>();
    private final ConcurrentMap<Schema, DatumReader<T>> readers = new ConcurrentHashMap<>();

    /** For Apicurio, which instantiates the configured provider class reflectively. */
    public CachingAvroDatumProvider() {
    }

    /** With the reader kind fixed instead of taken from {@code apicurio.registry.use-specific-avro-reader}. */
    public CachingAvroDatumProvider(boolean useSpecificAvroReader) {
        super(useSpecificAvroReader);
    }

    @Override
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        // Apicurio's provider picks a specific or a generic writer by the record's kind, so that is part of the key
        ConcurrentMap<Schema, DatumWriter<T>> writers = data instanceof SpecificRecord ? specificWriters : genericWriters;
        return cached(writers, schema, s -> super.createDatumWriter(data, s));
    }

    @Override
    public DatumReader<T> createDatumReader(Schema schema) {
        return cached(readers, schema, super::createDatumReader);
    }

    private static <V> V cached(ConcurrentMap<Schema, V> cache, Schema schema, Function<Schema, V> create) {
        V found = cache.get(schema); // a plain read first: computeIfAbsent may lock even when the entry exists
        return found != null ? found : cache.computeIfAbsent(schema, create);
    }
}
