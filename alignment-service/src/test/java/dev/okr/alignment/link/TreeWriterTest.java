package dev.okr.alignment.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonFactory;

import dev.okr.platform.problem.ProblemException;

class TreeWriterTest {

    private static final JsonFactory JSON = new JsonFactory();

    private static UUID id(int n) {
        return UUID.fromString("00000000-0000-0000-0000-%012d".formatted(n));
    }

    private static TreeWriter.Objective objective(int n, String status, Double progress) {
        return new TreeWriter.Objective(id(n), "O" + n, n == 0 ? "COMPANY" : "UNIT", "u" + n, status, progress,
                progress == null ? null : "ON_TRACK", 0.1234567);
    }

    @Test
    void shouldWriteTheTreeAsTheApiDescribesIt() {
        Map<UUID, TreeWriter.Objective> objectives = new HashMap<>();
        objectives.put(id(0), objective(0, "ACTIVE", null));
        objectives.put(id(1), objective(1, "ACTIVE", 0.5759749999999999));
        objectives.put(id(2), objective(2, "ARCHIVED", 0.5));
        objectives.put(id(3), objective(3, "ACTIVE", 1.0));
        List<TreeWriter.Link> links = List.of(new TreeWriter.Link(id(0), id(3), 2), new TreeWriter.Link(id(0), id(1), 1),
                new TreeWriter.Link(id(0), id(2), 1), new TreeWriter.Link(id(1), id(3), 0.5));
        String json = new String(new TreeWriter(objectives, links).write(JSON, id(0), 1), StandardCharsets.UTF_8);
        assertEquals("{\"id\":\"" + id(0) + "\",\"title\":\"O0\",\"owner\":{\"type\":\"COMPANY\",\"id\":\"u0\"},\"status\":\"ACTIVE\","
                + "\"progress\":null,\"health\":null,\"rollupProgress\":0.1235,\"weight\":null,\"children\":["
                + "{\"id\":\"" + id(1) + "\",\"title\":\"O1\",\"owner\":{\"type\":\"UNIT\",\"id\":\"u1\"},\"status\":\"ACTIVE\","
                + "\"progress\":0.576,\"health\":\"ON_TRACK\",\"rollupProgress\":0.1235,\"weight\":1.0,\"children\":[]},"
                + "{\"id\":\"" + id(3) + "\",\"title\":\"O3\",\"owner\":{\"type\":\"UNIT\",\"id\":\"u3\"},\"status\":\"ACTIVE\","
                + "\"progress\":1.0,\"health\":\"ON_TRACK\",\"rollupProgress\":0.1235,\"weight\":2.0,\"children\":[]}]}", json);
        assertEquals(3, new TreeWriter(objectives, links).places(id(0), 1));
        assertEquals(4, new TreeWriter(objectives, links).places(id(0), 2), "objective 3 under the company and under objective 1");
        objectives.remove(id(2));
        List<TreeWriter.Link> chain = List.of(new TreeWriter.Link(id(0), id(1), 1), new TreeWriter.Link(id(1), id(3), 1));
        assertEquals(2, new TreeWriter(objectives, chain).places(id(0), 1), "no shared parents: counted once each");
        assertEquals(3, new TreeWriter(objectives, chain).places(id(0), 2));
    }

    @Test
    void shouldRefuseATreeThatWouldHoldTooManyPlaces() {
        // a ladder: each level's two objectives align to both of the level above, so the places double with each level
        Map<UUID, TreeWriter.Objective> objectives = new HashMap<>();
        List<TreeWriter.Link> links = new ArrayList<>();
        objectives.put(id(0), objective(0, "ACTIVE", 0.0));
        for (int level = 1; level <= 20; level++) {
            for (int k = 0; k < 2; k++) {
                int n = level * 2 + k;
                objectives.put(id(n), objective(n, "ACTIVE", 0.0));
                if (level == 1) {
                    links.add(new TreeWriter.Link(id(0), id(n), 1));
                } else {
                    links.add(new TreeWriter.Link(id((level - 1) * 2), id(n), 1));
                    links.add(new TreeWriter.Link(id((level - 1) * 2 + 1), id(n), 1));
                }
            }
        }
        TreeWriter tree = new TreeWriter(objectives, links);
        assertEquals((1L << 16) - 1, tree.places(id(0), 15));
        String json = new String(tree.write(JSON, id(0), 15), StandardCharsets.UTF_8);
        assertEquals(65_535, json.split("\"title\":", -1).length - 1, "one title per place");
        ProblemException refused = assertThrows(ProblemException.class, () -> tree.write(JSON, id(0), 17));
        assertEquals(400, refused.status());
    }
}
