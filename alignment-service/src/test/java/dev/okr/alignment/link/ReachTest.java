package dev.okr.alignment.link;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.okr.alignment.AlignmentInfra;
import dev.okr.contracts.Topics;
import dev.okr.testsupport.KafkaRecords;
import dev.okr.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What lies under an objective (alignment_reach, kept by each change of parents) against the links themselves,
 * after random changes of an alignment graph where objectives have several parents; and the tree read from it.
 */
@QuarkusTest
@WithTestResource(AlignmentInfra.class)
class ReachTest {

    private final String org = UUID.randomUUID().toString();
    private final String cycle = UUID.randomUUID().toString();

    @Inject
    Pool pool;

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("okr.test.kafka.bootstrap", String.class);
    }

    private RequestSpecification member() {
        return given().auth().oauth2(TestTokens.member(org)).contentType(ContentType.JSON);
    }

    private void objective(String id, String title, String ownerType, String status, long version) {
        KafkaRecords.send(bootstrap(), Topics.OBJECTIVES, id, """
                {"specversion":"1.0","id":"%s","type":"dev.okr.objective.updated","source":"/objectives-service","subject":"%s",
                 "time":"2026-11-27T09:00:00Z","orgid":"%s","data":{"id":"%s","cycleId":"%s","title":"%s",
                 "owner":{"type":"%s","id":"x"},"status":"%s","progress":0.5,"health":"ON_TRACK","keyResults":[{"id":"%s"}],"version":%d}}"""
                .formatted(UUID.randomUUID(), id, org, id, cycle, title, ownerType, status, UUID.randomUUID(), version));
    }

    private List<String> objectives(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            objective(id, "Objective " + i, i == 0 ? "COMPANY" : "UNIT", "ACTIVE", 0);
            ids.add(id);
        }
        for (String id : ids) {
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    member().get("/api/v1/alignment/objectives/" + id + "/parents").statusCode() == 200);
        }
        return ids;
    }

    private int setParents(String child, List<String> parents) {
        return member().body(Map.of("parents", parents.stream().map(p -> Map.of("parentId", p, "weight", 1)).toList()))
                .header("If-Match", "*").put("/api/v1/alignment/objectives/" + child + "/parents").statusCode();
    }

    /** Every (ancestor, descendant) pair of the organisation with the fewest links between them, as stored and as the links imply. */
    private Map<String, Integer> reach(boolean stored) {
        String sql = stored
                ? "select r.ancestor_id::text as a, r.descendant_id::text as d, r.depth from alignment_reach r "
                        + "join objective_node n on n.id = r.descendant_id where n.organisation_id = $1"
                : "with recursive down(a, d, depth) as (select parent_id, child_id, 1 from alignment_link where organisation_id = $1 "
                        + "union select down.a, l.child_id, down.depth + 1 from down join alignment_link l on l.parent_id = down.d) "
                        + "select a::text as a, d::text as d, min(depth) as depth from down group by 1, 2";
        Map<String, Integer> pairs = new TreeMap<>();
        pool.preparedQuery(sql).execute(Tuple.of(UUID.fromString(org))).await().atMost(Duration.ofSeconds(10))
                .forEach(r -> pairs.put(r.getString("a") + " > " + r.getString("d"), r.getInteger("depth")));
        return pairs;
    }

    @Test
    void shouldKeepWhatLiesUnderEachObjectiveThroughRandomChanges() {
        List<String> ids = objectives(14);
        Random random = new Random(42);
        int refused = 0;
        for (int round = 0; round < 60; round++) {
            String child = ids.get(1 + random.nextInt(ids.size() - 1));
            List<String> candidates = new ArrayList<>(ids);
            candidates.remove(child);
            Collections.shuffle(candidates, random);
            List<String> parents = candidates.subList(0, random.nextInt(4));
            int status = setParents(child, parents);
            if (status == 400) {
                refused++; // a circle: nothing changed
            } else {
                assertEquals(200, status, "round " + round);
            }
            assertEquals(reach(false), reach(true), "round " + round);
        }
        assertEquals(true, refused > 0 && refused < 60, "some changes made circles and were refused: " + refused);
    }

    @Test
    void shouldShowAnObjectiveUnderEachOfItsParentsAndLeaveArchivedOnesOut() {
        List<String> ids = objectives(6);
        String company = ids.get(0);
        String left = ids.get(1);
        String right = ids.get(2);
        String shared = ids.get(3);
        String below = ids.get(4);
        String archived = ids.get(5);
        assertEquals(200, setParents(left, List.of(company)));
        assertEquals(200, setParents(right, List.of(company)));
        assertEquals(200, setParents(shared, List.of(left, right)));
        assertEquals(200, setParents(below, List.of(shared)));
        assertEquals(200, setParents(archived, List.of(left)));
        objective(archived, "Objective 5", "UNIT", "ARCHIVED", 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> member().queryParam("depth", 1)
                .get("/api/v1/alignment/objectives/" + left + "/tree").then().body("children", hasSize(1)));

        String first = left.compareTo(right) < 0 ? left : right;
        member().queryParam("depth", 3).get("/api/v1/alignment/objectives/" + company + "/tree").then().statusCode(200)
                .body("id", equalTo(company)).body("weight", equalTo(null)).body("owner.type", equalTo("COMPANY"))
                .body("children.id", contains(first, first.equals(left) ? right : left))
                .body("children.children.id.flatten()", contains(shared, shared))
                .body("children.children.children.id.flatten()", contains(below, below))
                .body("children[0].children[0].weight", equalTo(1.0f))
                .body("children[0].children[0].progress", equalTo(0.5f));
        // depth 2 stops at the shared objective: its children are not read
        member().queryParam("depth", 2).get("/api/v1/alignment/objectives/" + company + "/tree").then().statusCode(200)
                .body("children.children.children.flatten().flatten()", hasSize(0));
        // moving the shared objective under the company alone: what lies under left and right no longer holds it
        assertEquals(200, setParents(shared, List.of(company)));
        assertEquals(reach(false), reach(true));
        member().queryParam("depth", 5).get("/api/v1/alignment/objectives/" + company + "/tree").then().statusCode(200)
                .body("children.id", hasSize(3))
                .body("children.find { it.id == '" + shared + "' }.children.id", contains(below));
    }

    @Test
    void shouldAnswerAnotherOrganisationsObjectiveAsUnknown() {
        List<String> ids = objectives(2);
        assertEquals(200, setParents(ids.get(1), List.of(ids.get(0))));
        given().auth().oauth2(TestTokens.member(UUID.randomUUID().toString())).get("/api/v1/alignment/objectives/" + ids.get(0) + "/tree")
                .then().statusCode(404).contentType("application/problem+json");
        member().queryParam("depth", 21).get("/api/v1/alignment/objectives/" + ids.get(0) + "/tree")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
