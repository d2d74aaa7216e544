package dev.okr.platform.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The fields an audit entry lists: each leaf that differs, with its path, before and after. */
class DiffTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static List<String> fields(List<AuditChange> changes) {
        return changes.stream().map(AuditChange::field).toList();
    }

    @Test
    void shouldListEachChangedFieldWithItsPath() throws Exception {
        var changes = Diff.of(json("{\"title\":\"Grow\",\"owner\":{\"id\":\"maria\"},\"keyResults\":{\"k1\":{\"target\":100,\"weight\":1}}}"),
                json("{\"title\":\"Grow\",\"owner\":{\"id\":\"tom\"},\"keyResults\":{\"k1\":{\"target\":120,\"weight\":1.0}}}"));
        assertEquals(List.of("owner.id", "keyResults.k1.target"), fields(changes));
        assertEquals("maria", changes.get(0).before().asText());
        assertEquals(120, changes.get(1).after().asInt());
    }

    @Test
    void shouldListEveryFieldOfWhatWasCreatedOrRemoved() throws Exception {
        var created = Diff.of(null, json("{\"title\":\"Grow\",\"kind\":null,\"keyResults\":{\"k1\":{\"title\":\"customers\"}}}"));
        assertEquals(List.of("title", "keyResults.k1.title"), fields(created)); // null stays null: nothing to list
        assertEquals(null, created.get(0).before());
        var removed = Diff.of(json("{\"title\":\"customers\",\"milestones\":[{\"id\":\"m\"}]}"), null);
        assertEquals(List.of("title", "milestones"), fields(removed));
        assertEquals(null, removed.get(1).after());
    }

    @Test
    void shouldCompareArraysAndNumbersByValue() throws Exception {
        assertEquals(List.of(), Diff.of(json("{\"tags\":[\"a\",\"b\"],\"w\":1}"), json("{\"tags\":[\"a\",\"b\"],\"w\":1.0}")));
        assertEquals(List.of("tags"), fields(Diff.of(json("{\"tags\":[\"a\",\"b\"]}"), json("{\"tags\":[\"b\",\"a\"]}"))));
        assertEquals(List.of("tags"), fields(Diff.of(json("{\"tags\":[\"a\"]}"), json("{\"tags\":[\"a\",\"b\"]}"))));
        assertEquals(List.of("value"), fields(Diff.of(json("{\"value\":5}"), json("{\"value\":\"5\"}"))));
    }
}
