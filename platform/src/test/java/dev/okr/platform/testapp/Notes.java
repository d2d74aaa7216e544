package dev.okr.platform.testapp;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.okr.testsupport.TestTokens;
import io.restassured.http.ContentType;

/** Test helpers over the notes API and the test broker. */
public final class Notes {

    public static final String TOPIC = NoteResource.TOPIC;

    private Notes() {
    }

    public static String bootstrap() {
        return ConfigProvider.getConfig().getValue("okr.test.kafka.bootstrap", String.class);
    }

    /** Creates a note through the API (a committed transaction that records one event); returns its id. */
    public static String create(String org, String text) {
        return given().auth().oauth2(TestTokens.member(org)).contentType(ContentType.JSON)
                .body(Map.of("text", text, "weight", 1))
                .when().post("/test/notes")
                .then().statusCode(200)
                .extract().path("id");
    }

    public static String newOrg() {
        return UUID.randomUUID().toString();
    }
}
