package io.territoryos.e2e.drill;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DrillsJsonTest {

    private static ObjectNode entry(String drill, String verdict) {
        return DrillsJson.JSON.createObjectNode().put("drill", drill).put("verdict", verdict);
    }

    @Test
    void aRunReplacesTheEntryOfItsDrillInPlaceAndKeepsTheOthers() {
        ArrayNode existing = DrillsJson.JSON.createArrayNode();
        existing.add(entry("kill-scoring", "FAIL"));
        existing.add(entry("replay", "PASS"));
        ArrayNode merged = DrillsJson.merge(existing, entry("kill-scoring", "PASS"));
        assertThat(merged).hasSize(2);
        assertThat(merged.get(0).path("drill").asText()).isEqualTo("kill-scoring");
        assertThat(merged.get(0).path("verdict").asText()).isEqualTo("PASS");
        assertThat(merged.get(1).path("drill").asText()).isEqualTo("replay");
        assertThat(existing.get(0).path("verdict").asText()).as("the input is not changed").isEqualTo("FAIL");
    }

    @Test
    void aNewDrillIsAppendedAndDuplicatesCollapse() {
        ArrayNode existing = DrillsJson.JSON.createArrayNode();
        existing.add(entry("a", "PASS"));
        existing.add(entry("a", "FAIL"));
        ArrayNode merged = DrillsJson.merge(DrillsJson.merge(existing, entry("b", "PASS")), entry("a", "PASS"));
        assertThat(merged).extracting(n -> n.path("drill").asText()).containsExactly("a", "b");
    }

    @Test
    void anEntryNeedsAName() {
        assertThatThrownBy(() -> DrillsJson.merge(null, DrillsJson.JSON.createObjectNode()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mergesIntoAFileThatMayNotExistYet(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bench/drills.json");
        DrillsJson.mergeInto(file, entry("replay", "FAIL"));
        DrillsJson.mergeInto(file, entry("scale", "PASS"));
        DrillsJson.mergeInto(file, entry("replay", "PASS"));
        ArrayNode read = (ArrayNode) DrillsJson.JSON.readTree(Files.readString(file));
        assertThat(read).extracting(n -> n.path("drill").asText() + "=" + n.path("verdict").asText())
                .containsExactly("replay=PASS", "scale=PASS");
    }
}
