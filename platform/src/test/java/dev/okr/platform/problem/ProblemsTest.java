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
                .then().statusCode(403).contentType(PROBLEM)
                .body("detail", equalTo("This operation needs the role member (or admin); your token does not carry it."));
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

    @Test
    void shouldRefuseANulCharacterNamingTheField() {
        member().body("{\"text\":\"a\\u0000b\",\"weight\":1}").post("/test/notes")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("text"))
                .body("errors[0].message", containsString("NUL"));
    }

    @Test
    void shouldRefuseAnUnpairedSurrogateNamingTheField() {
        member().body("{\"text\":\"a\\ud800b\",\"weight\":1}").post("/test/notes")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("text"))
                .body("errors[0].message", containsString("surrogate"));
        // a pair is a character like any other
        member().body("{\"text\":\"a\\ud83d\\ude00b\",\"weight\":1}").post("/test/notes")
                .then().statusCode(200).body("text", equalTo("a\ud83d\ude00b"));
    }

    @Test
    void shouldRefuseANumberBeyondTheBounds() {
        member().body("{\"text\":\"a\",\"weight\":1e16}").post("/test/notes")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("weight"))
                .body("errors[0].message", containsString("1e15"));
        member().body("{\"text\":\"a\",\"weight\":1e15}").post("/test/notes").then().statusCode(200);
    }

    @Test
    void shouldRefuseAKeyGivenTwice() {
        member().body("{\"text\":\"a\",\"weight\":1,\"text\":\"b\"}").post("/test/notes")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://okr.dev/problems/malformed-json"))
                .body("detail", containsString("Duplicate field 'text'"));
    }

    @Test
    void shouldRefuseContentAfterTheDocument() {
        member().body("{\"text\":\"a\",\"weight\":1} {\"text\":\"b\",\"weight\":1}").post("/test/notes")
                .then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("more after its JSON document"));
        member().body("{\"text\":\"a\",\"weight\":1} garbage").post("/test/notes")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void shouldRefuseADocumentNestedTooDeeplyInPlainWords() {
        String deep = "[".repeat(1001) + "]".repeat(1001);
        member().body("{\"text\":\"a\",\"weight\":1,\"x\":" + deep + "}").post("/test/notes")
                .then().statusCode(400).contentType(PROBLEM)
                .body("detail", not(containsString("Bad Request")))
                .body("detail", not(containsString("StreamReadConstraints")));
    }

    @Test
    void shouldRefuseBytesThatAreNotUtf8WithoutInternals() {
        byte[] latin1 = "{\"text\":\"caf\u00e9\",\"weight\":1}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        member().body(latin1).post("/test/notes")
                .then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("UTF-8"))
                .body("detail", not(containsString("jackson")))
                .body("detail", not(containsString("Source")));
    }

    @Test
    void shouldRefuseANulInAQueryParameterOrPathSegment() {
        member().urlEncodingEnabled(false).get("/test/notes/" + UUID.randomUUID() + "?cursor=a%00b")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("cursor"));
        member().urlEncodingEnabled(false).get("/test/notes/a%00b/tally")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("id"));
    }

    @Test
    void shouldRefuseATokenThatLivesTooLongOrWasIssuedInTheFuture() {
        long now = java.time.Instant.now().getEpochSecond();
        String forever = TestTokens.issued(org, "member", now, 101_000_000_000L);
        given().auth().oauth2(forever).get("/test/notes/" + UUID.randomUUID())
                .then().statusCode(401).contentType(PROBLEM).body("detail", containsString("longer than the 24 h"));
        String fromTheFuture = TestTokens.issued(org, "member", now + 3600, now + 7200);
        given().auth().oauth2(fromTheFuture).get("/test/notes/" + UUID.randomUUID())
                .then().statusCode(401).contentType(PROBLEM).body("detail", containsString("issued in the future"));
        String aDay = TestTokens.issued(org, "member", now - 60, now + 23 * 3600);
        given().auth().oauth2(aDay).get("/test/notes/" + UUID.randomUUID()).then().statusCode(404);
    }
}
