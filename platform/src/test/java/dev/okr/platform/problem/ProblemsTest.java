package dev.okr.platform.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.okr.platform.testapp.Notes;
import dev.okr.platform.testapp.PlatformInfra;
import dev.okr.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(PlatformInfra.class)
class ProblemsTest {

    private static final String PROBLEM = "application/problem+json";
    private final String org = Notes.newOrg();

    private RequestSpecification member() {
        return given().auth().oauth2(TestTokens.member(org)).contentType(ContentType.JSON);
    }

    @Test
    void shouldNameEveryInvalidField() {
        member().body("{\"text\":\"\",\"weight\":0}").post("/test/notes")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://okr.dev/problems/validation"))
                .body("status", equalTo(400))
                .body("errors.field", hasItem("text"))
                .body("errors.field", hasItem("weight"))
                .body("detail", equalTo("2 fields are invalid: see errors."));
    }

    @Test
    void shouldRejectMalformedJsonWithItsPosition() {
        member().body("{\"text\": \"a\",").post("/test/notes")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://okr.dev/problems/malformed-json"))
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void shouldRejectAnUnknownFieldByName() {
        member().body("{\"text\":\"a\",\"weight\":1,\"colour\":\"red\"}").post("/test/notes")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("colour"))
                .body("errors[0].message", containsString("unknown field"));
    }

    @Test
    void shouldRejectAValueOfTheWrongType() {
        member().body("{\"text\":\"a\",\"weight\":\"heavy\"}").post("/test/notes")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("weight"))
                .body("errors[0].message", containsString("a number"));
    }

    @Test
    void shouldRejectAMissingBody() {
        member().post("/test/notes")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void shouldRejectAnotherMediaType() {
        given().auth().oauth2(TestTokens.member(org)).contentType(ContentType.TEXT).body("text=a")
                .post("/test/notes")
                .then().statusCode(415).contentType(PROBLEM)
                .body("detail", containsString("application/json"));
    }

    @Test
    void shouldAnswerAnUnknownIdWithNotFound() {
        UUID id = UUID.randomUUID();
        given().auth().oauth2(TestTokens.viewer(org)).get("/test/notes/" + id)
                .then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("https://okr.dev/problems/not-found"))
                .body("detail", containsString(id.toString()));
    }

    @Test
    void shouldHideAnotherOrganisationsResourceAsNotFound() {
        String id = Notes.create(org, "mine");
        given().auth().oauth2(TestTokens.viewer(Notes.newOrg())).get("/test/notes/" + id)
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void shouldAnswerAnUnknownRouteWithNotFound() {
        given().auth().oauth2(TestTokens.viewer(org)).get("/test/nothing-here")
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void shouldRefuseACallWithoutToken() {
        given().contentType(ContentType.JSON).body("{\"text\":\"a\",\"weight\":1}").post("/test/notes")
                .then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void shouldRefuseATokenSignedByAnUnknownKey() {
        given().auth().oauth2(TestTokens.signedByAStranger(org)).get("/test/notes/" + UUID.randomUUID())
                .then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void shouldRefuseAWriteByAViewer() {
        given().auth().oauth2(TestTokens.viewer(org)).contentType(ContentType.JSON)
                .body("{\"text\":\"a\",\"weight\":1}").post("/test/notes")
                .then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void shouldLetAnAdminDoWhatAMemberMay() {
        given().auth().oauth2(TestTokens.admin(org)).contentType(ContentType.JSON)
                .body("{\"text\":\"a\",\"weight\":1}").post("/test/notes")
                .then().statusCode(200).body("organisationId", equalTo(org));
    }

    @Test
    void shouldRefuseATokenWithoutOrganisation() {
        given().auth().oauth2(TestTokens.token("not-a-uuid", "member", "someone")).get("/test/notes/" + UUID.randomUUID())
                .then().statusCode(403).contentType(PROBLEM)
                .body("detail", containsString("organisation"));
    }

    @Test
    void shouldAnswerAnUnexpectedFailureWithoutInternals() {
        member().body("{\"text\":\"boom\",\"weight\":1}").queryParam("failAfterRecording", true).post("/test/notes")
                .then().statusCode(500).contentType(PROBLEM)
                .body("detail", containsString("reference"))
                .body("detail", not(containsString("IllegalStateException")))
                .body("errors", nullValue());
    }
}
