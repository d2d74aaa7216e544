package dev.okr.objectives.objective;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.okr.objectives.Api;
import dev.okr.objectives.ObjectivesInfra;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** A cycle's report as a spreadsheet opens it: the objectives that are not archived, a row per key result, formulas defused. */
@QuarkusTest
@WithTestResource(ObjectivesInfra.class)
class CycleReportApiTest {

    private final Api api = new Api();

    @Test
    void shouldReportACycleForSpreadsheets() {
        String cycle = api.cycle("Q4 2026 / EMEA " + UUID.randomUUID().toString().substring(0, 4), "2026-10-01", "2026-12-31");
        Response grow = api.createObjective(cycle, "Grow, \"fast\"", List.of(Api.numeric("ARR", 0, 200), Map.of("title", "launch", "type", "BOOLEAN")));
        String arr = grow.path("keyResults[0].id");
        api.member().body(Map.of("value", 50, "confidence", 7)).post("/api/v1/key-results/" + arr + "/check-ins").then().statusCode(201);
        String formula = api.createObjective(cycle, "=HYPERLINK(\"http://evil.example\")", List.of()).then().statusCode(201).extract().path("id");
        String archived = api.createObjective(cycle, "Gone", List.of(Api.numeric("x", 0, 1))).then().statusCode(201).extract().path("id");
        api.member().header("If-Match", "\"0\"").delete("/api/v1/objectives/" + archived).then().statusCode(204);

        Response report = api.viewer().get("/api/v1/cycles/" + cycle + "/report");
        report.then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", startsWith("attachment; filename=\"cycle-q4-2026-emea-"));
        String csv = new String(report.asByteArray(), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("\uFEFFobjective_id,objective,kind,status,owner_type,owner,"), csv);
        String[] lines = csv.substring(1).split("\r\n");
        assertEquals(4, lines.length, csv); // the header, two key results of one objective, the objective without any
        String id = grow.path("id");
        assertEquals(id + ",\"Grow, \"\"fast\"\"\",COMMITTED,ACTIVE,PERSON,maria,", lines[1].substring(0, lines[1].indexOf("maria,") + 6));
        assertTrue(lines[1].contains("," + arr + ",ARR,NUMERIC,number,0,200,50,0.25,"), lines[1]);
        assertTrue(lines[1].matches(".*,[A-Z_]+,,7,\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z$"),
                lines[1]); // no score while open, the confidence, the last check-in
        assertTrue(lines[2].contains(",launch,BOOLEAN,,,,not done,0,"), lines[2]);
        assertTrue(lines[3].startsWith(formula + ",\"'=HYPERLINK(\"\"http://evil.example\"\")\""), lines[3]);
        assertTrue(csv.indexOf("Gone") < 0, "an archived objective is left out");

        new Api().viewer().get("/api/v1/cycles/" + cycle + "/report").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        api.viewer().get("/api/v1/cycles/not-an-id/report").then().statusCode(404);
    }
}
