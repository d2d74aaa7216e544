package dev.okr.platform.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.junit.jupiter.api.Test;

class AnswerFieldsTest {

    private static Schema ref(String name) {
        return OASFactory.createSchema().ref(name);
    }

    private static Schema text() {
        return OASFactory.createSchema().addType(SchemaType.STRING);
    }

    private static OpenAPI document() {
        Schema view = OASFactory.createSchema().addType(SchemaType.OBJECT)
                .addProperty("id", text())
                .addProperty("note", OASFactory.createSchema().type(List.of(SchemaType.STRING, SchemaType.NULL)))
                .addProperty("health", OASFactory.createSchema().type(List.of(SchemaType.STRING, SchemaType.NULL)).addAnyOf(ref("Health")))
                .addProperty("owner", ref("Owner"))
                .addProperty("period", OASFactory.createSchema().addType(SchemaType.OBJECT).description("a nullable object, described")
                        .addAnyOf(ref("Owner")).addAnyOf(OASFactory.createSchema().addType(SchemaType.NULL)))
                .addProperty("inline", OASFactory.createSchema().addType(SchemaType.OBJECT).addProperty("a", text()));
        Schema request = OASFactory.createSchema().addType(SchemaType.OBJECT).addProperty("title", text()).addProperty("owner", ref("Owner"))
                .required(List.of("title"));
        Schema owner = OASFactory.createSchema().addType(SchemaType.OBJECT).addProperty("type", text()).addProperty("id", text())
                .required(List.of("type"));
        Schema page = OASFactory.createSchema().addType(SchemaType.OBJECT)
                .addProperty("items", OASFactory.createSchema().addType(SchemaType.ARRAY).items(ref("View")))
                .addProperty("nextCursor", OASFactory.createSchema().type(List.of(SchemaType.STRING, SchemaType.NULL)));
        Schema health = OASFactory.createSchema().addType(SchemaType.STRING).enumeration(List.of("ON_TRACK", "AT_RISK"));
        Schema problem = OASFactory.createSchema().addType(SchemaType.OBJECT).addProperty("type", text()).addProperty("detail", text())
                .required(List.of("type"));
        return OASFactory.createOpenAPI()
                .components(OASFactory.createComponents().addSchema("View", view).addSchema("Request", request)
                        .addSchema("Owner", owner).addSchema("PageView", page).addSchema("Health", health)
                        .addSchema(ProblemResponses.SCHEMA, problem))
                .paths(OASFactory.createPaths().addPathItem("/things", OASFactory.createPathItem()
                        .POST(OASFactory.createOperation()
                                .requestBody(OASFactory.createRequestBody().content(OASFactory.createContent().addMediaType("application/json",
                                        OASFactory.createMediaType().schema(ref("Request")))))
                                .responses(OASFactory.createAPIResponses()
                                        .addAPIResponse("200", OASFactory.createAPIResponse().content(OASFactory.createContent()
                                                .addMediaType("application/json", OASFactory.createMediaType().schema(ref("PageView")))))
                                        .addAPIResponse("400", OASFactory.createAPIResponse().content(OASFactory.createContent()
                                                .addMediaType("application/problem+json",
                                                        OASFactory.createMediaType().schema(ref(ProblemResponses.SCHEMA)))))))));
    }

    @Test
    void everyFieldOfAnAnswerIsRequiredAndANullableReferenceAdmitsNull() {
        OpenAPI openAPI = document();
        new AnswerFields().filterOpenAPI(openAPI);
        var schemas = openAPI.getComponents().getSchemas();
        assertEquals(List.of("items", "nextCursor"), schemas.get("PageView").getRequired());
        assertEquals(List.of("id", "note", "health", "owner", "period", "inline"), schemas.get("View").getRequired());
        assertEquals(List.of("a"), schemas.get("View").getProperties().get("inline").getRequired(), "objects held inline too");
        Schema health = schemas.get("View").getProperties().get("health");
        assertNull(health.getType(), "a type beside anyOf no null could pass");
        assertEquals(2, health.getAnyOf().size());
        assertEquals(List.of(SchemaType.NULL), health.getAnyOf().get(1).getType());
        Schema period = schemas.get("View").getProperties().get("period");
        assertNull(period.getType(), "type: object beside anyOf [X, null] refuses the null");
        assertEquals(2, period.getAnyOf().size());
        // what a request also uses keeps what the request requires; the problem keeps its optional members
        assertEquals(List.of("type"), schemas.get("Owner").getRequired());
        assertEquals(List.of("title"), schemas.get("Request").getRequired());
        assertEquals(List.of("type"), schemas.get(ProblemResponses.SCHEMA).getRequired());
    }
}
