package dev.okr.platform.openapi;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import dev.okr.contracts.auth.IngestionRoutes;
import dev.okr.platform.web.Page;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * What the HTTP layer of every service does, said in its OpenAPI document once for all: an {@code If-Match} is
 * required where an operation takes one (without it the answer is 428); a creation names the new thing in
 * {@code Location}; an answer about one thing carries its {@code ETag}; the ingestion operations take an
 * integration's API key ({@code X-Api-Key}, the {@code ApiKey} scheme) as well as a token; and query parameters say
 * what they take; an operation that takes an {@code Idempotency-Key} says when its answer is a replay
 * ({@code Idempotency-Replayed}).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class HttpSemantics implements OASFilter {

    static final String API_KEY = "ApiKey";
    static final String TOKEN = "SecurityScheme";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        components.addSecurityScheme(API_KEY, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name(IngestionRoutes.API_KEY_HEADER)
                .description("An integration's API key (POST /api/v1/integrations shows it once): opens the ingestion "
                        + "operations only"));
        openAPI.setComponents(components);
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            boolean oneThing = path.getKey().endsWith("}");
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().getOperations().entrySet()) {
                describe(path.getKey(), entry.getKey(), entry.getValue(), oneThing);
            }
        }
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation, boolean oneThing) {
        boolean conditional = false;
        if (operation.getParameters() != null) {
            for (Parameter p : operation.getParameters()) {
                typeQuery(p);
                if (p.getIn() == Parameter.In.HEADER && "If-Match".equalsIgnoreCase(p.getName())) {
                    p.setRequired(true);
                    if (p.getDescription() == null) {
                        p.setDescription("The ETag read (a stale one answers 412; \"*\" matches any version)");
                    }
                    conditional = true;
                }
            }
        }
        boolean idempotent = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> p.getIn() == Parameter.In.HEADER && IDEMPOTENCY_KEY.equalsIgnoreCase(p.getName()));
        if (operation.getResponses() != null && idempotent) {
            operation.getResponses().getAPIResponses().forEach((status, response) -> {
                if (status.startsWith("2")) {
                    header(response, "Idempotency-Replayed", "\"true\" when this is the kept answer to an earlier request "
                            + "with the same Idempotency-Key (nothing was stored again); absent otherwise");
                }
            });
        }
        if (operation.getResponses() != null) {
            APIResponse created = operation.getResponses().getAPIResponse("201");
            if (created != null) {
                header(created, "Location", "Where the new thing lives: its URL through the gateway");
            }
            APIResponse ok = operation.getResponses().getAPIResponse("200");
            if (ok != null && (conditional || (method == PathItem.HttpMethod.GET && oneThing))) {
                header(ok, "ETag", "Its version: send it back as If-Match to change it, or as If-None-Match to read it again");
            }
        }
        if (IngestionRoutes.accepts(method.name(), path)) {
            operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(TOKEN),
                    OASFactory.createSecurityRequirement().addScheme(API_KEY)));
        }
    }

    /**
     * Query parameters are read as text (so that a bad one is a 400 naming it, not a 404), which the scanner documents
     * as any string: say what they take — a page size and a depth are integers, the ids of things are UUIDs.
     */
    private static void typeQuery(Parameter p) {
        if (p.getIn() != Parameter.In.QUERY || p.getSchema() == null || p.getSchema().getRef() != null) {
            return;
        }
        switch (p.getName()) {
            case "limit" -> p.setSchema(OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                    .minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(Page.MAX_LIMIT)));
            case "depth" -> p.setSchema(OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                    .minimum(BigDecimal.ONE));
            case "cycleId", "unitId", "objectiveId", "kpiId", "parentId" -> {
                if (p.getSchema().getFormat() == null) {
                    p.getSchema().setFormat("uuid");
                }
            }
            default -> {
                // as declared
            }
        }
    }

    private static void header(APIResponse response, String name, String description) {
        if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
            response.addHeader(name, OASFactory.createHeader().description(description)
                    .schema(OASFactory.createSchema().addType(SchemaType.STRING)));
        }
    }
}
