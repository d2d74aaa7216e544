package dev.okr.platform.openapi;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import dev.okr.contracts.problem.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Every failure answer of every operation, said once for all services: each 4xx and 5xx response is
 * {@code application/problem+json} with the one {@code Problem} schema, and each operation lists the refusals the
 * platform gives it whatever the resource says — 400 (a malformed request or an invalid field), 401, 403, 404 (a path
 * naming something), 412 and 428 (an {@code If-Match}), 413 and 415 (a body). Resources describe only what is
 * particular to them (a 409, a more precise 400).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponses implements OASFilter {

    static final String SCHEMA = "Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        components.addSchema("FieldError", fieldError());
        components.addSchema(SCHEMA, problem());
        openAPI.setComponents(components);
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            boolean namesSomething = path.getKey().contains("{");
            for (Operation operation : path.getValue().getOperations().values()) {
                describe(operation, namesSomething, path.getValue().getParameters());
            }
        }
    }

    private static void describe(Operation operation, boolean namesSomething, List<Parameter> pathParameters) {
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        operation.setResponses(responses);
        add(responses, "400", "The request is malformed, or a field is invalid (each named in errors)");
        add(responses, "401", "No valid token (or, on the ingestion endpoints, API key)");
        add(responses, "403", "The caller's role may not do this");
        if (namesSomething) {
            add(responses, "404", "Nothing with this id (or key) in the caller's organisation");
        }
        if (hasIfMatch(operation.getParameters()) || hasIfMatch(pathParameters)) {
            add(responses, "412", "Changed since it was read: read it again and send its new ETag");
            add(responses, "428", "If-Match is missing: send the ETag that was read");
        }
        if (operation.getRequestBody() != null) {
            add(responses, "413", "The body is larger than the limit");
            add(responses, "415", "The body is not of a media type this operation takes");
        }
        for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
            if (isFailure(response.getKey()) && (response.getValue().getContent() == null
                    || response.getValue().getContent().getMediaTypes() == null
                    || response.getValue().getContent().getMediaTypes().isEmpty())) {
                response.getValue().setContent(problemContent());
            }
        }
    }

    private static void add(APIResponses responses, String status, String description) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }

    private static boolean hasIfMatch(List<Parameter> parameters) {
        return parameters != null && parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.HEADER
                && "If-Match".equalsIgnoreCase(p.getName()));
    }

    private static boolean isFailure(String status) {
        return status.length() == 3 && (status.charAt(0) == '4' || status.charAt(0) == '5');
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMA)));
    }

    private static Schema problem() {
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("RFC 9457 problem details: type is stable and documented, detail tells a person what to do")
                .addProperty("type", text("A URI naming the kind of problem", Problem.TYPE_BASE + "validation"))
                .addProperty("title", text("The kind of problem, for people", "Invalid request"))
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32").example(400))
                .addProperty("detail", text("What went wrong with this request, and what to do", "2 fields are invalid: see errors"))
                .addProperty("instance", text("The request this answers (its id)", null))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .description("Each invalid field, on a 400 that names fields")
                        .items(OASFactory.createSchema().ref("FieldError")))
                .required(List.of("type", "title", "status"));
    }

    private static Schema fieldError() {
        return OASFactory.createSchema().addType(SchemaType.OBJECT).description("One invalid field")
                .addProperty("field", text("Its JSON path in the request", "keyResults[2].weight"))
                .addProperty("message", text("Why it is invalid", "must be greater than 0"))
                .required(List.of("field", "message"));
    }

    private static Schema text(String description, String example) {
        Schema s = OASFactory.createSchema().addType(SchemaType.STRING).description(description);
        return example == null ? s : s.example(example);
    }
}
