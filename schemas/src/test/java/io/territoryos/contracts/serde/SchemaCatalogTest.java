package io.territoryos.contracts.serde;

import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.avro.RebalanceProposal;
import io.territoryos.contracts.avro.ScoredAccount;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaCatalogTest {

    @Test
    void shouldCatalogTheValueTypeOfEveryTopic() {
        List<Schema> valueSchemas = Topics.ALL.stream()
                .filter(topic -> SpecificRecord.class.isAssignableFrom(topic.valueType()))
                .map(topic -> SpecificData.get().getSchema(topic.valueType()))
                .toList();

        assertThat(valueSchemas).allSatisfy(schema -> assertThat(SchemaCatalog.compiled().contains(schema)).isTrue());
        assertThat(SchemaCatalog.compiled().schemasByContentId().values())
                .extracting(Schema::getName)
                .contains("ScoredAccount", "RebalanceProposal", "DeadLetter")
                .doesNotHaveDuplicates();
    }

    @Test
    void shouldDeriveTheContentIdFromTheParsingFingerprintOnly() {
        Schema schema = ScoredAccount.getClassSchema();
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);

        assertThat(SchemaCatalog.contentIdOf(schema)).isEqualTo(fingerprint & 0x7FFFFFFFL).isPositive();
        // reparsed text and a different catalogue order give the same ids
        assertThat(SchemaCatalog.contentIdOf(new Schema.Parser().parse(schema.toString(true))))
                .isEqualTo(SchemaCatalog.contentIdOf(schema));
        List<Schema> reversed = new ArrayList<>(SchemaCatalog.compiled().schemasByContentId().values());
        Collections.reverse(reversed);
        assertThat(SchemaCatalog.of(reversed).schemasByContentId()).isEqualTo(SchemaCatalog.compiled().schemasByContentId());
    }

    @Test
    void shouldGiveAChangedSchemaANewIdButIgnoreDocs() {
        Schema schema = DeadLetter.getClassSchema();
        String text = schema.toString();
        Schema redocumented = new Schema.Parser().parse(text.replaceFirst("\"doc\":\"[^\"]*\"", "\"doc\":\"reworded\""));
        Schema renamedField = new Schema.Parser().parse(text.replace("\"source_offset\"", "\"source_position\""));

        assertThat(SchemaCatalog.contentIdOf(redocumented)).isEqualTo(SchemaCatalog.contentIdOf(schema));
        assertThat(SchemaCatalog.contentIdOf(renamedField)).isNotEqualTo(SchemaCatalog.contentIdOf(schema));
        assertThat(SchemaCatalog.compiled().contains(renamedField)).isFalse();
    }

    @Test
    void shouldKeepNestedRecordsInsideTheSelfContainedSchema() {
        Schema proposal = SchemaCatalog.compiled()
                .schema(SchemaCatalog.contentIdOf(RebalanceProposal.getClassSchema())).orElseThrow();

        assertThat(new Schema.Parser().parse(proposal.toString()).getField("moves").schema().getElementType().getName())
                .isEqualTo("Move");
    }
}
