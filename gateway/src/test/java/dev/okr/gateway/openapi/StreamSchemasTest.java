package dev.okr.gateway.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.okr.contracts.events.AlignmentChanged;
import dev.okr.contracts.events.CycleChanged;
import dev.okr.contracts.events.KpiAttachmentsChanged;
import dev.okr.contracts.events.KpiChanged;
import dev.okr.contracts.events.ObjectiveChanged;
import dev.okr.contracts.events.OrgUnitChanged;
import dev.okr.contracts.events.RollupChanged;

/**
 * The stream's event payloads are documented by hand in openapi/gateway.yaml; the events themselves are the contracts'
 * records. Each documented schema has exactly the record's fields, all of them present, and a field the record holds
 * as a primitive is never documented as nullable — so the document cannot drift from what the stream sends.
 */
class StreamSchemasTest {

    private static final JsonNode SCHEMAS = OpenApiMerger.ownDocument().path("components").path("schemas");

    @Test
    void eachEventSchemaHasExactlyTheContractRecordsFields() {
        Map<String, Class<?>> documented = Map.of(
                "ObjectiveEvent", ObjectiveChanged.class,
                "KeyResultEvent", ObjectiveChanged.KeyResult.class,
                "KpiEvent", KpiChanged.class,
                "RollupEvent", RollupChanged.class,
                "AlignmentEvent", AlignmentChanged.class,
                "OrgUnitEvent", OrgUnitChanged.class,
                "CycleEvent", CycleChanged.class,
                "KpiAttachmentEvent", KpiAttachmentsChanged.class);
        documented.forEach((name, record) -> {
            JsonNode schema = SCHEMAS.path(name);
            assertFalse(schema.isMissingNode(), name + " is documented");
            Set<String> fields = new TreeSet<>();
            List<String> primitivesDocumentedNullable = new ArrayList<>();
            for (RecordComponent component : record.getRecordComponents()) {
                fields.add(component.getName());
                JsonNode property = schema.path("properties").path(component.getName());
                if (component.getType().isPrimitive() && property.path("type").toString().contains("null")) {
                    primitivesDocumentedNullable.add(component.getName());
                }
            }
            Set<String> properties = new TreeSet<>();
            schema.path("properties").fieldNames().forEachRemaining(properties::add);
            Set<String> required = new TreeSet<>();
            schema.path("required").forEach(r -> required.add(r.asText()));
            assertEquals(fields, properties, name + " documents the fields of " + record.getSimpleName());
            assertEquals(fields, required, name + ": every field of " + record.getSimpleName() + " is always sent");
            assertEquals(List.of(), primitivesDocumentedNullable, name + ": never null");
        });
    }

    @Test
    void theStreamMessageOffersEachEventSchema() {
        List<String> offered = new ArrayList<>();
        SCHEMAS.path("StreamMessage").path("properties").path("data").path("anyOf")
                .forEach(ref -> offered.add(ref.path("$ref").asText().replace("#/components/schemas/", "")));
        assertEquals(List.of("ObjectiveEvent", "KpiEvent", "RollupEvent", "AlignmentEvent", "OrgUnitEvent", "CycleEvent",
                "KpiAttachmentEvent"), offered);
    }
}
