package dev.okr.platform.openapi;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Every field of an answer is there, said once for all services. The services write each component of their answer
 * records, null included (no answer leaves nulls out), so every property of a schema that only answers is
 * {@code required}; whether it may be {@code null} is said where the field is declared
 * ({@code @Schema(nullable = true)}, which the document gives as OpenAPI 3.1's {@code type: [..., "null"]}). Schemas
 * that are request bodies as well keep what the request requires; the {@code Problem} schema keeps RFC 9457's optional
 * members.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class AnswerFields implements OASFilter {

    private static final String COMPONENT = "#/components/schemas/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null || openAPI.getComponents() == null
                || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> components = openAPI.getComponents().getSchemas();
        List<Schema> requests = new ArrayList<>();
        List<Schema> answers = new ArrayList<>();
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                if (operation.getRequestBody() != null) {
                    requests.addAll(schemas(operation.getRequestBody().getContent()));
                }
                if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
                    for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
                        answers.addAll(schemas(response.getContent()));
                    }
                }
            }
        }
        Set<String> requested = reachable(requests, components);
        for (String name : reachable(answers, components)) {
            if (!requested.contains(name) && !name.equals(ProblemResponses.SCHEMA)) {
                requireAll(components.get(name));
            }
        }
        for (Schema inline : answers) {
            requireAll(inline);
        }
    }

    /** Marks every property of an object schema required, and of the objects it holds inline. */
    static void requireAll(Schema schema) {
        if (schema == null || schema.getRef() != null) {
            return;
        }
        if (schema.getProperties() != null && !schema.getProperties().isEmpty()) {
            schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
            schema.getProperties().values().forEach(AnswerFields::nullableReference);
            schema.getProperties().values().forEach(AnswerFields::requireAll);
        }
        requireAll(schema.getItems());
        for (List<Schema> each : alternatives(schema)) {
            each.forEach(AnswerFields::requireAll);
        }
    }

    /**
     * A nullable field declared as one of another schema's values ({@code @Schema(nullable = true, anyOf = X.class)})
     * comes out of the scanner as {@code type: [string, null], anyOf: [X]}, which no null satisfies: it is written
     * {@code anyOf: [X, {type: null}]}. A nullable object with a description comes out as {@code type: object, anyOf: [X,
     * {type: null}]}, whose {@code type} no null satisfies either: it loses the {@code type}.
     */
    static void nullableReference(Schema property) {
        if (property != null && property.getAnyOf() != null && property.getType() != null
                && !property.getType().contains(Schema.SchemaType.NULL)
                && property.getAnyOf().stream().anyMatch(a -> a.getType() != null && a.getType().contains(Schema.SchemaType.NULL))) {
            property.setType(null);
            return;
        }
        if (property == null || property.getAnyOf() == null || property.getType() == null
                || !property.getType().contains(Schema.SchemaType.NULL)
                || property.getAnyOf().stream().anyMatch(a -> a.getType() != null && a.getType().contains(Schema.SchemaType.NULL))) {
            return;
        }
        property.setType(null);
        property.addAnyOf(OASFactory.createSchema().addType(Schema.SchemaType.NULL));
    }

    private static List<Schema> schemas(Content content) {
        List<Schema> found = new ArrayList<>();
        if (content != null && content.getMediaTypes() != null) {
            for (MediaType type : content.getMediaTypes().values()) {
                if (type.getSchema() != null) {
                    found.add(type.getSchema());
                }
            }
        }
        return found;
    }

    /** The names of the component schemas these schemas use, directly or through others. */
    private static Set<String> reachable(List<Schema> roots, Map<String, Schema> components) {
        Set<String> names = new HashSet<>();
        Deque<Schema> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            Schema schema = todo.pop();
            if (schema.getRef() != null) {
                String name = schema.getRef().startsWith(COMPONENT) ? schema.getRef().substring(COMPONENT.length()) : schema.getRef();
                if (names.add(name) && components.get(name) != null) {
                    todo.push(components.get(name));
                }
            }
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(todo::push);
            }
            if (schema.getItems() != null) {
                todo.push(schema.getItems());
            }
            if (schema.getAdditionalPropertiesSchema() != null) {
                todo.push(schema.getAdditionalPropertiesSchema());
            }
            alternatives(schema).forEach(todo::addAll);
        }
        return names;
    }

    private static List<List<Schema>> alternatives(Schema schema) {
        return Stream.of(schema.getAnyOf(), schema.getAllOf(), schema.getOneOf()).filter(Objects::nonNull).toList();
    }
}
