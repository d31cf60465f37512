package io.territoryos.contracts;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every record, enum and field reachable from a topic of the catalogue says what it is. */
class SchemaDocsTest {

    @Test
    void shouldDocumentEveryRecordEnumAndFieldOnEveryTopic() {
        List<String> undocumented = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Topic<?, ?> topic : Topics.ALL) {
            if (org.apache.avro.specific.SpecificRecord.class.isAssignableFrom(topic.valueType())) {
                visit(SpecificData.get().getSchema(topic.valueType()), seen, undocumented);
            }
        }
        assertThat(seen).as("named types visited").hasSizeGreaterThan(20);
        assertThat(undocumented).isEmpty();
    }

    private static void visit(Schema schema, Set<String> seen, List<String> undocumented) {
        switch (schema.getType()) {
            case UNION -> schema.getTypes().forEach(s -> visit(s, seen, undocumented));
            case ARRAY -> visit(schema.getElementType(), seen, undocumented);
            case MAP -> visit(schema.getValueType(), seen, undocumented);
            case ENUM -> {
                if (seen.add(schema.getFullName()) && blank(schema.getDoc())) {
                    undocumented.add(schema.getFullName());
                }
            }
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                if (blank(schema.getDoc())) {
                    undocumented.add(schema.getFullName());
                }
                for (Schema.Field field : schema.getFields()) {
                    if (blank(field.doc())) {
                        undocumented.add(schema.getFullName() + "." + field.name());
                    }
                    visit(field.schema(), seen, undocumented);
                }
            }
            default -> {
            }
        }
    }

    private static boolean blank(String doc) {
        return doc == null || doc.isBlank();
    }
}
