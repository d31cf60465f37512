package io.territoryos.contracts.serde;

import io.territoryos.contracts.Topic;
import io.territoryos.contracts.Topics;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Avro schemas compiled into this module (the value type of every topic in {@link Topics#ALL}), each under a
 * content id that any process computes by itself: the low 31 bits of the schema's Avro parsing fingerprint
 * ({@link SchemaNormalization#parsingFingerprint64}, the CRC-64-AVRO of its Parsing Canonical Form).
 *
 * <p>Why a fingerprint and not a number in the catalogue: an index would shift whenever a topic is added, so two
 * builds of this module could give the same schema different ids. The fingerprint depends on nothing but what
 * decides the binary encoding (names, field order, types; not docs or defaults), so equal ids mean the bytes decode
 * the same way, and a schema that changes gets a new id that older readers reject instead of misreading. The id
 * fits the 4 bytes of Apicurio's frame as a positive int; two catalogued schemas sharing one is refused when the
 * catalogue is built.
 *
 * <p>Only the current version of each schema is here: readers and writers must come from the same build of this
 * module (true for the local stack, where topics start empty). A real Apicurio Registry, which keeps every version,
 * removes that limit, so production points the serde at one ({@code apicurio.registry.url}).
 */
public final class SchemaCatalog {

    private static final SchemaCatalog COMPILED = of(Topics.ALL.stream()
            .map(Topic::valueType)
            .filter(SpecificRecord.class::isAssignableFrom)
            .map(type -> SpecificData.get().getSchema(type))
            .toList());

    private final Map<Long, Schema> schemasByContentId;

    private SchemaCatalog(Map<Long, Schema> schemasByContentId) {
        this.schemasByContentId = Collections.unmodifiableMap(schemasByContentId);
    }

    /** The catalogue of this build: the schemas of the values on the product's topics. */
    public static SchemaCatalog compiled() {
        return COMPILED;
    }

    /** A catalogue of the given schemas (duplicates are merged); fails if two different schemas share an id. */
    static SchemaCatalog of(Collection<Schema> schemas) {
        Map<Long, Schema> byId = new TreeMap<>();
        for (Schema schema : schemas) {
            long id = contentIdOf(schema);
            Schema other = byId.putIfAbsent(id, schema);
            if (other != null && !sameEncoding(other, schema)) {
                throw new IllegalStateException("schemas " + other.getFullName() + " and " + schema.getFullName()
                        + " share content id " + id + "; rename one of them");
            }
        }
        return new SchemaCatalog(byId);
    }

    /** The content id of a schema, the same in every process: the low 31 bits of its parsing fingerprint. */
    public static long contentIdOf(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema) & 0x7FFF_FFFFL;
    }

    /** The catalogued schema with this content id. */
    public Optional<Schema> schema(long contentId) {
        return Optional.ofNullable(schemasByContentId.get(contentId));
    }

    /** Whether this exact schema (as far as the binary encoding goes) is catalogued. */
    public boolean contains(Schema schema) {
        return schema(contentIdOf(schema)).filter(catalogued -> sameEncoding(catalogued, schema)).isPresent();
    }

    /** Every catalogued schema by content id, in id order. */
    public Map<Long, Schema> schemasByContentId() {
        return schemasByContentId;
    }

    private static boolean sameEncoding(Schema a, Schema b) {
        return SchemaNormalization.toParsingForm(a).equals(SchemaNormalization.toParsingForm(b));
    }

    /** A short listing for error messages: {@code ScoredAccount=123, ...}. */
    String describe() {
        StringBuilder listing = new StringBuilder();
        schemasByContentId.forEach((id, schema) ->
                listing.append(listing.isEmpty() ? "" : ", ").append(schema.getName()).append('=').append(id));
        return listing.toString();
    }
}
