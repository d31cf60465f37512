package io.territoryos.demo.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CrmDiffTest {

    record Row(String id, double arr) {
    }

    @Test
    void shouldSendOnlyNewAndChangedRowsAndDeleteTheOnesThatLeftTheExport() {
        Map<String, Row> topic = Map.of("A", new Row("A", 1), "B", new Row("B", 2), "C", new Row("C", 3));
        List<Row> export = List.of(new Row("A", 1), new Row("B", 20), new Row("D", 4));

        CrmDiff<Row> diff = CrmDiff.of(topic, export, Set.of(), Row::id);

        assertThat(diff.inserts()).containsExactly(new Row("D", 4));
        assertThat(diff.updates()).containsExactly(new Row("B", 20));
        assertThat(diff.deletes()).containsExactly("C");
        assertThat(diff.unchanged()).isEqualTo(1);
    }

    @Test
    void shouldSendNothingWhenTheSameExportIsLoadedAgain() {
        List<Row> export = List.of(new Row("A", 1), new Row("B", 2));
        Map<String, Row> topic = Map.of("A", new Row("A", 1), "B", new Row("B", 2));

        assertThat(CrmDiff.of(topic, export, Set.of(), Row::id).isEmpty()).isTrue();
    }

    @Test
    void shouldNeitherChangeNorDeleteARowTheExportHoldsButRejected() {
        Map<String, Row> topic = Map.of("A", new Row("A", 1), "B", new Row("B", 2));

        CrmDiff<Row> diff = CrmDiff.of(topic, List.of(new Row("A", 1)), Set.of("B"), Row::id);

        assertThat(diff.deletes()).isEmpty();
        assertThat(diff.isEmpty()).isTrue();
    }
}
