package io.territoryos.e2e.drill;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReliabilityDocTest {

    @Test
    void replacesOnlyTheLastRunBlockOfItsDrill() {
        String doc = """
                # Reliability

                ## kill-scoring
                What it does, by hand.

                <!-- drill:kill-scoring:last-run -->
                old figures
                <!-- /drill:kill-scoring:last-run -->

                ## replay
                <!-- drill:replay:last-run -->
                replay figures
                <!-- /drill:replay:last-run -->
                """;
        String updated = ReliabilityDoc.replace(doc, "kill-scoring", "new figures\n");
        assertThat(updated).contains("What it does, by hand.").contains("new figures").doesNotContain("old figures")
                .contains("replay figures");
        assertThat(ReliabilityDoc.replace(updated, "kill-scoring", "new figures")).isEqualTo(updated);
    }

    @Test
    void aDrillWithoutMarkersGetsASection() {
        String updated = ReliabilityDoc.replace("# Reliability\n", "scale", "figures");
        assertThat(updated).isEqualTo("# Reliability\n\n## `scale`\n\n<!-- drill:scale:last-run -->\nfigures\n"
                + "<!-- /drill:scale:last-run -->\n");
    }
}
