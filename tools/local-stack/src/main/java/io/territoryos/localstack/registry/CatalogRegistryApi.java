package io.territoryos.localstack.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.territoryos.contracts.Topic;
import io.territoryos.contracts.Topics;
import io.territoryos.contracts.serde.SchemaCatalog;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The read-only part of the Confluent Schema Registry API that Apicurio Registry offers under
 * {@code /apis/ccompat/v7}, answered from the compiled {@link SchemaCatalog}, so that any Confluent-compatible
 * reader can decode our topics on the local stack: a schema id is the content id in each record's frame, and every
 * catalogue topic {@code T} with an Avro value has one subject {@code T-value} (TopicNameStrategy) with one version.
 * Also answers the two calls of Apicurio's own deserializer ({@code /apis/registry/v3/ids/contentIds/{id}} and its
 * references). Writes are refused with 405: the schemas change only with a new build of the schemas module.
 * Plain Java over request paths, so it is tested without a server; {@link CatalogRegistryServer} puts it on HTTP.
 */
public final class CatalogRegistryApi {

    public static final String CCOMPAT = "/apis/ccompat/v7";
    public static final String CORE_V3 = "/apis/registry/v3";

    /** An answer: HTTP status, content type and body. */
    public record Answer(int status, String contentType, String body) {
    }

    private static final String JSON_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SCHEMA_BY_ID = Pattern.compile("/schemas/ids/(\\d+)(/schema|/subjects|/versions)?");
    private static final Pattern SUBJECT_VERSIONS = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern SUBJECT_VERSION = Pattern.compile("/subjects/([^/]+)/versions/([^/]+)(/schema)?");
    private static final Pattern CONTENT_BY_ID = Pattern.compile("/ids/contentIds/(\\d+)(/references)?");

    private final SchemaCatalog catalog;
    private final Map<String, Schema> schemaBySubject;

    public CatalogRegistryApi(SchemaCatalog catalog) {
        this.catalog = catalog;
        Map<String, Schema> subjects = new TreeMap<>();
        for (Topic<?, ?> topic : Topics.ALL) {
            if (SpecificRecord.class.isAssignableFrom(topic.valueType())) {
                subjects.put(topic.name() + "-value", SpecificData.get().getSchema(topic.valueType()));
            }
        }
        this.schemaBySubject = Collections.unmodifiableMap(subjects);
    }

    /** The answer to one request; {@code path} without query string. */
    public Answer handle(String method, String path) {
        if (path.startsWith(CCOMPAT)) {
            return method.equals("GET") || method.equals("HEAD") ? ccompat(path.substring(CCOMPAT.length()))
                    : readOnly();
        }
        if (path.startsWith(CORE_V3)) {
            return method.equals("GET") || method.equals("HEAD") ? core(path.substring(CORE_V3.length())) : readOnly();
        }
        return error(404, 404, "no such API: the catalogue's schemas are served under " + CCOMPAT
                + " (Confluent-compatible) and " + CORE_V3 + "/ids/contentIds/{id}");
    }

    private Answer ccompat(String path) {
        String route = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        if (route.equals("/schemas/types")) {
            return json(JSON.createArrayNode().add("AVRO"));
        }
        if (route.equals("/subjects")) {
            ArrayNode subjects = JSON.createArrayNode();
            schemaBySubject.keySet().forEach(subjects::add);
            return json(subjects);
        }
        if (route.equals("/config") || route.startsWith("/config/")) {
            return json(JSON.createObjectNode().put("compatibilityLevel", "NONE"));
        }
        Matcher byId = SCHEMA_BY_ID.matcher(route);
        if (byId.matches()) {
            return schemaById(Long.parseLong(byId.group(1)), byId.group(2));
        }
        Matcher versions = SUBJECT_VERSIONS.matcher(route);
        if (versions.matches()) {
            String subject = versions.group(1);
            return subject(subject).map(s -> json(JSON.createArrayNode().add(1))).orElseGet(() -> subjectNotFound(subject));
        }
        Matcher m = SUBJECT_VERSION.matcher(route);
        if (m.matches()) {
            String subject = m.group(1);
            String version = m.group(2);
            boolean rawSchema = m.group(3) != null;
            Optional<Schema> schema = subject(subject);
            if (schema.isEmpty()) {
                return subjectNotFound(subject);
            }
            if (!version.equals("latest") && !version.equals("1") && !version.equals("-1")) {
                return error(404, 40402, "Version " + version + " not found: each subject has only version 1");
            }
            if (rawSchema) {
                return new Answer(200, JSON_TYPE, schema.get().toString());
            }
            ObjectNode answer = JSON.createObjectNode()
                    .put("subject", subject)
                    .put("version", 1)
                    .put("id", SchemaCatalog.contentIdOf(schema.get()))
                    .put("schema", schema.get().toString());
            return json(answer);
        }
        return error(404, 404, "no such endpoint in this read-only registry: " + path);
    }

    /** {@code /schemas/ids/{id}}, with {@code part} null, {@code /schema}, {@code /subjects} or {@code /versions}. */
    private Answer schemaById(long id, String part) {
        Optional<Schema> schema = catalog.schema(id);
        if (schema.isEmpty()) {
            return error(404, 40403, "Schema " + id + " not found in the compiled schema catalogue");
        }
        if ("/schema".equals(part)) {
            return new Answer(200, JSON_TYPE, schema.get().toString());
        }
        if ("/subjects".equals(part) || "/versions".equals(part)) {
            ArrayNode list = JSON.createArrayNode();
            schemaBySubject.forEach((subject, s) -> {
                if (SchemaCatalog.contentIdOf(s) == id) {
                    if ("/subjects".equals(part)) {
                        list.add(subject);
                    } else {
                        list.add(JSON.createObjectNode().put("subject", subject).put("version", 1));
                    }
                }
            });
            return json(list);
        }
        return json(JSON.createObjectNode().put("schema", schema.get().toString()));
    }

    private Answer core(String path) {
        Matcher m = CONTENT_BY_ID.matcher(path);
        if (!m.matches()) {
            return error(404, 404, "only " + CORE_V3 + "/ids/contentIds/{id} is served here: " + path);
        }
        long id = Long.parseLong(m.group(1));
        Optional<Schema> schema = catalog.schema(id);
        if (schema.isEmpty()) {
            return error(404, 404, "content id " + id + " is not in the compiled schema catalogue");
        }
        return m.group(2) != null ? new Answer(200, "application/json", "[]")
                : new Answer(200, "application/json", schema.get().toString());
    }

    private Optional<Schema> subject(String subject) {
        return Optional.ofNullable(schemaBySubject.get(subject));
    }

    private static Answer subjectNotFound(String subject) {
        return error(404, 40401, "Subject '" + subject + "' not found: subjects are <topic>-value for the catalogue's Avro topics");
    }

    private static Answer readOnly() {
        return error(405, 405, "this registry is read-only: it serves the schemas compiled into the schemas module");
    }

    private static Answer json(Object node) {
        try {
            return new Answer(200, JSON_TYPE, JSON.writeValueAsString(node));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Answer error(int status, int errorCode, String message) {
        return new Answer(status, JSON_TYPE, JSON.createObjectNode().put("error_code", errorCode)
                .put("message", message).toString());
    }
}
