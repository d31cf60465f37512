package io.territoryos.contracts.serde;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.Default4ByteIdHandler;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.IdOption;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.apicurio.registry.serde.kafka.config.KafkaSerdeConfig;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Apicurio Registry Avro serde ({@link AvroKafkaSerializer} and {@link AvroKafkaDeserializer}, returned as they
 * are) for the generated records, configured the way every service needs it; {@link #configure} takes the map a
 * service or Kafka Streams passes, so the class also works as {@code default.value.serde}.
 *
 * <p>Without {@code apicurio.registry.url} (or with it blank) schemas resolve from the compiled
 * {@link SchemaCatalog} through {@link CatalogSchemaResolver}; with it, Apicurio's standard resolver and HTTP client
 * talk to that registry, registering the schema on first write unless {@code apicurio.registry.auto-register=false}.
 * Either way the wire format is fixed, whatever the map says: magic byte 0, 4-byte content id, Avro binary, no
 * headers, read back with the specific reader into the generated class; schemas are sent dereferenced, so a
 * registry holds the same self-contained text as the catalogue. Writers and readers come from
 * {@link CachingAvroDatumProvider} unless {@code apicurio.registry.avro-datum-provider} names another provider.
 * Every other {@code apicurio.*} key passes through.
 */
public final class AvroValueSerde<T extends SpecificRecord> implements Serde<T> {

    private final Class<T> type;
    private volatile AvroKafkaSerializer<T> serializer;
    private volatile AvroKafkaDeserializer<T> deserializer;

    /** Any catalogued record type, for Kafka Streams' {@code default.value.serde}. */
    @SuppressWarnings("unchecked")
    public AvroValueSerde() {
        this((Class<T>) SpecificRecord.class);
    }

    /** The serde of one generated record type; call {@link #configure} before use. */
    public AvroValueSerde(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    /**
     * Builds fresh Apicurio serializer and deserializer from {@code configs} (a later call replaces them, so a
     * registry URL given late is not lost to a resolver chosen earlier).
     *
     * @throws IllegalArgumentException without a registry, when {@code type} is not in the schema catalogue
     */
    @Override
    public synchronized void configure(Map<String, ?> configs, boolean isKey) {
        Map<String, Object> effective = effectiveConfig(configs);
        boolean fromCatalogue = effective.get(SerdeConfig.SCHEMA_RESOLVER) == CatalogSchemaResolver.class;
        if (fromCatalogue && type != SpecificRecord.class && !SchemaCatalog.compiled().contains(SpecificData.get().getSchema(type))) {
            throw new IllegalArgumentException(type.getSimpleName() + " is not the value type of any topic in"
                    + " io.territoryos.contracts.Topics, so the schema catalogue cannot resolve it without a registry");
        }
        AvroKafkaSerializer<T> newSerializer = new AvroKafkaSerializer<>();
        newSerializer.configure(effective, isKey);
        AvroKafkaDeserializer<T> newDeserializer = new AvroKafkaDeserializer<>();
        newDeserializer.configure(effective, isKey);
        close();
        serializer = newSerializer;
        deserializer = newDeserializer;
    }

    /** The given configuration plus the product's serde settings (see the class comment). */
    static Map<String, Object> effectiveConfig(Map<String, ?> configs) {
        return effectiveConfig(configs, true);
    }

    /**
     * The product's serde settings; {@code specificReader} false reads into generic data instead (any writer schema,
     * no generated class needed).
     */
    static Map<String, Object> effectiveConfig(Map<String, ?> configs, boolean specificReader) {
        Map<String, Object> effective = new HashMap<>(configs);
        Object url = effective.get(SchemaResolverConfig.REGISTRY_URL);
        if (url == null || url.toString().isBlank()) {
            effective.remove(SchemaResolverConfig.REGISTRY_URL);
            effective.putIfAbsent(SerdeConfig.SCHEMA_RESOLVER, CatalogSchemaResolver.class);
        } else {
            effective.putIfAbsent(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, "true");
        }
        effective.putIfAbsent(SchemaResolverConfig.DEREFERENCE_SCHEMA, "true");
        // Apicurio's own provider fingerprints the schema on every record; same writers and readers, cached
        effective.putIfAbsent(AvroSerdeConfig.AVRO_DATUM_PROVIDER, CachingAvroDatumProvider.class);
        // the wire format is the topics' contract, not a per-service choice
        effective.put(SerdeConfig.ID_HANDLER, Default4ByteIdHandler.class);
        effective.put(SerdeConfig.USE_ID, IdOption.contentId.name());
        effective.put(KafkaSerdeConfig.ENABLE_HEADERS, "false");
        effective.put(AvroSerdeConfig.AVRO_ENCODING, AvroSerdeConfig.AVRO_ENCODING_BINARY);
        effective.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, Boolean.toString(specificReader));
        return effective;
    }

    @Override
    public Serializer<T> serializer() {
        return configured(serializer);
    }

    @Override
    public Deserializer<T> deserializer() {
        return configured(deserializer);
    }

    @Override
    public synchronized void close() {
        if (serializer != null) {
            serializer.close();
        }
        if (deserializer != null) {
            deserializer.close();
        }
    }

    private <S> S configured(S part) {
        if (part == null) {
            throw new IllegalStateException("the " + type.getSimpleName() + " serde is not configured yet: call configure(config, false)");
        }
        return part;
    }
}
