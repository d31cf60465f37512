package io.territoryos.territory.mapping;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.specific.SpecificRecord;
import org.bson.Document;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Avro records as MongoDB documents and documents as JSON-ready maps. Field names stay the schema's snake_case
 * names, so a stored document, the REST answer and the topic record read the same.
 */
public final class Documents {

    public static Document toDocument(SpecificRecord record) {
        Document document = new Document();
        for (Schema.Field field : record.getSchema().getFields()) {
            document.append(field.name(), toBson(record.get(field.pos())));
        }
        return document;
    }

    /** A stored document as plain JSON values: dates as ISO-8601 text, Mongo's own fields removed. */
    public static Map<String, Object> toJson(Document document) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : document.entrySet()) {
            if (!entry.getKey().startsWith("_")) {
                json.put(entry.getKey(), toJsonValue(entry.getValue()));
            }
        }
        return json;
    }

    private static Object toBson(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        if (value instanceof Enum<?> symbol) {
            return symbol.name();
        }
        if (value instanceof GenericEnumSymbol<?> symbol) {
            return symbol.toString();
        }
        if (value instanceof Instant instant) {
            return Date.from(instant);
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        if (value instanceof SpecificRecord nested) {
            return toDocument(nested);
        }
        if (value instanceof ByteBuffer bytes) {
            byte[] copy = new byte[bytes.remaining()];
            bytes.duplicate().get(copy);
            return copy;
        }
        if (value instanceof Collection<?> items) {
            List<Object> list = new ArrayList<>();
            items.forEach(item -> list.add(toBson(item)));
            return list;
        }
        return value.toString();
    }

    private static Object toJsonValue(Object value) {
        if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        if (value instanceof Document nested) {
            return toJson(nested);
        }
        if (value instanceof List<?> items) {
            return items.stream().map(Documents::toJsonValue).toList();
        }
        return value;
    }

    private Documents() {
    }
}
