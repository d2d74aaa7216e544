package dev.okr.alignment.orgunit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.okr.alignment.AlignmentInfra;
import dev.okr.contracts.Topics;
import dev.okr.testsupport.KafkaRecords;
import dev.okr.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(AlignmentInfra.class)
class OrgUnitResourceTest {

    private static final String PROBLEM = "application/problem+json";

    private Response create(String org, String name, String type, String parentId) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("type", type);
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        return given().auth().oauth2(TestTokens.admin(org)).contentType(ContentType.JSON).body(body).post("/api/v1/org-units");
    }

    @Test
    void shouldBuildTheStructureAndListItAsATree() {
        String org = UUID.randomUUID().toString();
        String company = create(org, "Acme SaaS", "COMPANY", null).then().statusCode(201).extract().path("id");
        String marketing = create(org, "Marketing", "DEPARTMENT", company).then().statusCode(201).extract().path("id");
        create(org, "Product", "DEPARTMENT", company).then().statusCode(201);
        create(org, "Growth team", "TEAM", marketing).then().statusCode(201);

        given().auth().oauth2(TestTokens.viewer(org)).get("/api/v1/org-units/tree").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].name", equalTo("Acme SaaS"))
                .body("[0].children.name", contains("Marketing", "Product"))
                .body("[0].children[0].children[0].name", equalTo("Growth team"));
        given().auth().oauth2(TestTokens.viewer(org)).get("/api/v1/org-units/" + marketing).then().statusCode(200)
                .body("parentId", equalTo(company)).body("type", equalTo("DEPARTMENT"));
    }

    @Test
    void shouldRefuseASecondCompany() {
        String org = UUID.randomUUID().toString();
        create(org, "First", "COMPANY", null).then().statusCode(201);
        create(org, "Second", "COMPANY", null).then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void shouldRefuseAMisplacedUnitNamingTheParent() {
        String org = UUID.randomUUID().toString();
        String company = create(org, "Acme", "COMPANY", null).path("id");
        create(org, "Team at the top", "TEAM", company).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("parentId"));
        create(org, "Orphan", "DEPARTMENT", null).then().statusCode(400).body("errors[0].field", equalTo("parentId"));
        create(org, "Nowhere", "TEAM", UUID.randomUUID().toString()).then().statusCode(400)
                .body("detail", containsString("no org unit"));
        create(org, "Odd", "DIVISION", company).then().statusCode(400).body("errors[0].field", equalTo("type"));
    }

    @Test
    void shouldNotPlaceAUnitUnderAnotherOrganisationsUnit() {
        String theirs = create(UUID.randomUUID().toString(), "Other Co", "COMPANY", null).path("id");
        String org = UUID.randomUUID().toString();
        create(org, "Sneaky", "DEPARTMENT", theirs).then().statusCode(400).body("errors[0].field", equalTo("parentId"));
        given().auth().oauth2(TestTokens.viewer(org)).get("/api/v1/org-units/" + theirs).then().statusCode(404);
    }

    @Test
    void shouldLetOnlyAdminsShapeTheOrganisation() {
        String org = UUID.randomUUID().toString();
        given().auth().oauth2(TestTokens.member(org)).contentType(ContentType.JSON)
                .body(Map.of("name", "Acme", "type", "COMPANY")).post("/api/v1/org-units")
                .then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void shouldPublishTheNewUnit() {
        String org = UUID.randomUUID().toString();
        String company = create(org, "Evented", "COMPANY", null).path("id");
        String bootstrap = ConfigProvider.getConfig().getValue("okr.test.kafka.bootstrap", String.class);
        var events = KafkaRecords.await(bootstrap, Topics.ALIGNMENT, r -> company.equals(r.key()), 1, Duration.ofSeconds(30));
        assertEquals(1, events.size());
        assertEquals(true, events.get(0).value().contains("\"type\":\"dev.okr.orgunit.created\""));
    }
}
