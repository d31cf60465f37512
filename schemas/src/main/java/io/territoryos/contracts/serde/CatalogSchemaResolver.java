package io.territoryos.contracts.serde;

import io.apicurio.registry.resolver.DefaultSchemaResolver;
import io.apicurio.registry.resolver.SchemaParser;
import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import org.apache.avro.Schema;

import java.util.HashMap;
import java.util.Map;

/**
 * Apicurio's own schema resolver, with the registry behind it replaced by the {@link SchemaCatalog} compiled into
 * this module: the serializer writes the schema's catalogue content id into the standard frame (magic byte 0,
 * 4-byte content id, Avro binary), and a deserializer anywhere, in any process with the same schemas module,
 * resolves that id back to the writer schema. No server, no network.
 *
 * <p>It exists because no Apicurio Registry server can be assembled on the machines this project is built and
 * tested on (PLATFORM.md, "Schema registry"), while the services should still run the real Apicurio serde and the
 * real wire format. Production points the serde at a real registry ({@code apicurio.registry.url}); then
 * {@link AvroSerdes#valueSerde} does not use this class. Selected with
 * {@code apicurio.registry.schema-resolver=io.territoryos.contracts.serde.CatalogSchemaResolver}.
 *
 * <p>It keeps all of {@link DefaultSchemaResolver} (its caches included) and only sets its own
 * {@link CatalogRegistryClient} before configuration, so the resolver never builds an HTTP client. It pins the few
 * settings that keep the resolver on the by-content path the catalogue can answer: self-contained (dereferenced)
 * schemas, no auto-registration, no latest-version or explicit-version lookups, and no retries (a schema missing
 * from the catalogue will not appear by waiting). Thread-safe: the catalogue is immutable and the resolver's caches
 * are Apicurio's concurrent ones.
 */
public class CatalogSchemaResolver<T> extends DefaultSchemaResolver<Schema, T> {

    public CatalogSchemaResolver() {
        this(SchemaCatalog.compiled());
    }

    CatalogSchemaResolver(SchemaCatalog catalog) {
        super(new CatalogRegistryClient(catalog));
    }

    @Override
    public void configure(Map<String, ?> configs, SchemaParser<Schema, T> schemaParser) {
        Object registryUrl = configs.get(SchemaResolverConfig.REGISTRY_URL);
        if (registryUrl != null && !registryUrl.toString().isBlank()) {
            // both set is a configuration mistake; silently ignoring the registry would split the topics' ids
            throw new IllegalArgumentException(getClass().getSimpleName() + " never calls a registry, but "
                    + SchemaResolverConfig.REGISTRY_URL + "=" + registryUrl + " is set: remove one of the two");
        }
        Map<String, Object> catalogConfig = new HashMap<>(configs);
        catalogConfig.put(SchemaResolverConfig.DEREFERENCE_SCHEMA, "true");
        catalogConfig.put(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, "false");
        catalogConfig.put(SchemaResolverConfig.FIND_LATEST_ARTIFACT, "false");
        catalogConfig.remove(SchemaResolverConfig.EXPLICIT_ARTIFACT_VERSION);
        catalogConfig.put(SchemaResolverConfig.RETRY_COUNT, "0");
        super.configure(catalogConfig, schemaParser);
    }
}
