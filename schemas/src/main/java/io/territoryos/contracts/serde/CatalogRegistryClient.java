package io.territoryos.contracts.serde;

import io.apicurio.registry.resolver.client.RegistryArtifactReference;
import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.resolver.client.RegistryVersionCoordinates;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.common.errors.SerializationException;

import java.util.List;
import java.util.Set;

/**
 * The registry calls of Apicurio's {@code DefaultSchemaResolver}, answered from the {@link SchemaCatalog} instead of
 * over HTTP: "which version has this content" (serializer) and "the content with this id" (deserializer). The
 * catalogue is read-only and has no artifact coordinates, so creating, GAV and content-hash lookups are refused;
 * {@link CatalogSchemaResolver} configures the resolver so that it never asks for them. Stateless, so thread-safe.
 */
final class CatalogRegistryClient implements RegistryClientFacade {

    private final SchemaCatalog catalog;

    CatalogRegistryClient(SchemaCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public List<RegistryVersionCoordinates> searchVersionsByContent(String content, String artifactType,
                                                                    ArtifactReference reference, boolean canonical) {
        Schema schema = parse(content);
        if (!catalog.contains(schema)) {
            throw new SerializationException("schema " + schema.getFullName() + " is not in the compiled schema catalogue ("
                    + catalog.describe() + "): only the value types of io.territoryos.contracts.Topics can be written"
                    + " without a registry; add the topic there, or set apicurio.registry.url");
        }
        long contentId = SchemaCatalog.contentIdOf(schema);
        // one version per content here, so the global id is the content id
        return List.of(RegistryVersionCoordinates.create(contentId, contentId,
                reference.getGroupId(), reference.getArtifactId(), Long.toString(contentId)));
    }

    @Override
    public String getSchemaByContentId(Long contentId) {
        return catalog.schema(contentId).map(Schema::toString).orElseThrow(() -> new SerializationException(
                "content id " + contentId + " is not in the compiled schema catalogue (" + catalog.describe() + "):"
                        + " the record was written with another version of the schemas module, or against a real"
                        + " registry (then set apicurio.registry.url here too)"));
    }

    @Override
    public List<RegistryArtifactReference> getReferencesByContentId(long contentId) {
        return List.of(); // catalogued schemas are self-contained (dereferenced)
    }

    @Override
    public String getSchemaByGlobalId(long globalId, boolean dereferenced) {
        return getSchemaByContentId(globalId);
    }

    @Override
    public List<RegistryArtifactReference> getReferencesByGlobalId(long globalId) {
        return List.of();
    }

    @Override
    public String getSchemaByGAV(String groupId, String artifactId, String version) {
        throw unsupported("artifact coordinates");
    }

    @Override
    public List<RegistryArtifactReference> getReferencesByGAV(String groupId, String artifactId, String version) {
        throw unsupported("artifact coordinates");
    }

    @Override
    public RegistryVersionCoordinates getVersionCoordinatesByGAV(String groupId, String artifactId, String version) {
        throw unsupported("artifact coordinates");
    }

    @Override
    public String getSchemaByContentHash(String contentHash) {
        throw unsupported("content hashes");
    }

    @Override
    public List<RegistryArtifactReference> getReferencesByContentHash(String contentHash) {
        throw unsupported("content hashes");
    }

    @Override
    public RegistryVersionCoordinates createSchema(String artifactType, String groupId, String artifactId,
                                                   String version, String autoCreateBehavior, boolean canonical,
                                                   String content, Set<RegistryArtifactReference> references) {
        throw unsupported("registering schemas");
    }

    @Override
    public Object getClient() {
        return null; // no HTTP client behind the catalogue
    }

    private static Schema parse(String content) {
        try {
            return new Schema.Parser().parse(content);
        } catch (SchemaParseException e) {
            throw new SerializationException("the schema catalogue needs self-contained schemas"
                    + " (apicurio.registry.dereference-schema=true): " + e.getMessage(), e);
        }
    }

    private static UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException("the compiled schema catalogue has no " + what
                + "; it resolves schemas by content and content id only");
    }
}
