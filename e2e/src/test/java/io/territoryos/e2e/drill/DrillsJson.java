package io.territoryos.e2e.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code docs/bench/drills.json}: a JSON array with one entry per drill, the last run of each. A new run replaces the
 * entry of the same {@code drill} in place and keeps every other; a new drill is appended.
 */
public final class DrillsJson {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The array with {@code entry} merged in by its {@code drill} name; {@code existing} is not changed. */
    public static ArrayNode merge(JsonNode existing, ObjectNode entry) {
        String drill = entry.path("drill").asText(null);
        if (drill == null || drill.isEmpty()) {
            throw new IllegalArgumentException("a drill entry needs a 'drill' name: " + entry);
        }
        ArrayNode merged = JSON.createArrayNode();
        boolean replaced = false;
        if (existing != null && existing.isArray()) {
            for (JsonNode old : existing) {
                if (drill.equals(old.path("drill").asText(null))) {
                    if (!replaced) {
                        merged.add(entry);
                        replaced = true;
                    }
                } else {
                    merged.add(old.deepCopy());
                }
            }
        }
        if (!replaced) {
            merged.add(entry);
        }
        return merged;
    }

    /** Reads the file (a missing or empty file is an empty array), merges the entry, writes it back. */
    public static ArrayNode mergeInto(Path file, ObjectNode entry) throws IOException {
        JsonNode existing = null;
        if (Files.exists(file) && Files.size(file) > 0) {
            existing = JSON.readTree(file.toFile());
            if (!existing.isArray()) {
                throw new IOException(file + " is not a JSON array");
            }
        }
        ArrayNode merged = merge(existing, entry);
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, JSON.writeValueAsString(merged) + "\n");
        return merged;
    }

    private DrillsJson() {
    }
}
