package dev.okr.e2e;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Holds the platform to its OpenAPI document: every exchange a suite makes through RestAssured is checked against the
 * merged document the gateway serves ({@code /q/openapi}) — the operation exists, the request body is what the
 * operation takes (unless the suite sends bad input on purpose), the status is one the operation lists, the media type
 * is the one listed for it, and the body is valid against its schema (JSON Schema 2020-12 with the OpenAPI 3.1
 * dialect, by networknt's validator). What does not hold is recorded; {@link #assertNone()} fails the test with every
 * violation and how to reproduce it.
 */
final class ContractCheck implements Filter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCUMENT = "https://okr.example/openapi.json";

    private final JsonNode document;
    private final boolean requests;
    private final SchemaRegistry registry;
    private final List<Route> routes = new ArrayList<>();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private final List<String> violations = new ArrayList<>();
    private int exchanges;
    /** The check RestAssured runs now (the suites run one after the other). */
    private static volatile ContractCheck installed;

    private record Route(String template, Pattern pattern, int variables) {
    }

    private ContractCheck(String documentText, boolean requests) throws JsonProcessingException {
        this.document = JSON.readTree(documentText);
        this.requests = requests;
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), builder -> builder.schemas(Map.of(DOCUMENT, documentText)));
        for (Iterator<String> names = document.path("paths").fieldNames(); names.hasNext();) {
            String template = names.next();
            String regex = template.replaceAll("\\{[^/}]+}", "[^/]+").replace(".", "\\.");
            routes.add(new Route(template, Pattern.compile(regex), template.split("\\{", -1).length - 1));
        }
        routes.sort(Comparator.comparingInt(Route::variables));
    }

    /**
     * Checks every exchange of the suite from now on, against the document the gateway at {@code gateway} serves.
     * {@code requests}: whether request bodies are checked too (false for a suite that sends hostile input on purpose).
     */
    static ContractCheck install(String gateway, boolean requests) throws JsonProcessingException {
        ContractCheck check = of(gateway, requests);
        RestAssured.replaceFiltersWith(check);
        installed = check;
        return check;
    }

    /** A check against the document the gateway at {@code gateway} serves, for exchanges made otherwise (a proxy). */
    static ContractCheck of(String gateway, boolean requests) throws JsonProcessingException {
        String text = RestAssured.given().baseUri(gateway).queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        return new ContractCheck(text, requests);
    }

    /**
     * After each test of a suite that {@link #install installed} a check: the test's exchanges were checked, and each was
     * as the document says (else it fails with every violation).
     */
    static final class AfterEachTest implements AfterEachCallback {

        @Override
        public void afterEach(ExtensionContext context) {
            ContractCheck check = installed;
            if (check == null || check.exchanges() == 0) {
                throw new AssertionError("no exchange of " + context.getDisplayName() + " was checked against the OpenAPI document");
            }
            check.assertNone();
            System.out.printf("[e2e] %s: %d exchanges so far, each as the OpenAPI document says%n",
                    context.getRequiredTestClass().getSimpleName(), check.exchanges());
        }
    }

    /** Fails with every violation seen since the last call (and forgets them). */
    void assertNone() {
        List<String> seen;
        synchronized (violations) {
            seen = List.copyOf(violations);
            violations.clear();
        }
        if (!seen.isEmpty()) {
            throw new AssertionError(seen.size() + " answer(s) or request(s) the OpenAPI document does not promise:\n  "
                    + String.join("\n  ", seen));
        }
    }

    /** How many exchanges were checked. */
    synchronized int exchanges() {
        return exchanges;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec, FilterContext ctx) {
        Response response = ctx.next(request, responseSpec);
        check(request.getMethod(), URI.create(request.getURI()).getPath(), request.getContentType(),
                request.getBody() == null ? null : body(request.getBody()), response.statusCode(), response.contentType(),
                response.asString());
        return response;
    }

    /** Checks one exchange (the request's body as JSON, or null without one; the answer's as text). */
    void check(String requestMethod, String path, String requestType, JsonNode requestBody, int statusCode, String responseType,
            String body) {
        String method = requestMethod.toLowerCase();
        if (path.startsWith("/q/")) {
            return;
        }
        synchronized (this) {
            exchanges++;
        }
        String what = requestMethod + " " + path + " → " + statusCode;
        Route route = routes.stream().filter(r -> r.pattern().matcher(path).matches()
                && document.path("paths").path(r.template()).has(method)).findFirst().orElse(null);
        if (route == null) {
            // no such operation (a method or path probed on purpose): the answer is a 404 or 405 problem
            if ((statusCode == 404 || statusCode == 405) && "application/problem+json".equals(mediaType(responseType))) {
                validateText(what, "/components/schemas/Problem", body);
            } else {
                violation(what + ": no operation in the document, and the answer is not a 404 or 405 problem");
            }
            return;
        }
        String operation = "/paths/" + escape(route.template()) + "/" + method;
        JsonNode op = document.at(operation);
        if (requests && requestBody != null && !isJson(requestType) && requestType != null
                && !resolve(op.path("requestBody")).path("content").has(mediaType(requestType))) {
            violation(what + ": the operation takes no " + mediaType(requestType) + " body");
        }
        if (requests && requestBody != null && isJson(requestType)) {
            JsonNode content = resolve(op.path("requestBody")).path("content");
            String type = mediaType(requestType);
            if (!content.has(type)) {
                violation(what + ": the operation takes no " + type + " body");
            } else {
                validate(what + " request", operation + "/requestBody/content/" + escape(type) + "/schema", requestBody);
            }
        }
        String status = String.valueOf(statusCode);
        JsonNode answers = op.path("responses");
        String documented = answers.has(status) ? status : answers.has(status.charAt(0) + "XX") ? status.charAt(0) + "XX"
                : answers.has("default") ? "default" : null;
        if (documented == null) {
            violation(what + ": status " + status + " is not documented for " + method.toUpperCase() + " " + route.template());
            return;
        }
        if (body == null || body.isEmpty()) {
            if (!method.equals("head") && statusCode != 204 && statusCode != 304
                    && !resolve(answers.path(documented)).path("content").isEmpty()) {
                violation(what + ": no body, where the document promises " + fieldNames(resolve(answers.path(documented)).path("content")));
            }
            return;
        }
        String type = mediaType(responseType);
        JsonNode content = resolve(answers.path(documented)).path("content");
        if (!content.has(type)) {
            violation(what + ": answered " + type + ", the document lists " + fieldNames(content) + " — body " + abbreviate(body));
            return;
        }
        if (isJson(type)) {
            JsonNode answer = answers.path(documented);
            String at = answer.has("$ref") ? answer.path("$ref").asText().substring(1) : operation + "/responses/" + documented;
            validateText(what, at + "/content/" + escape(type) + "/schema", body);
        }
    }

    /** A response or request body as the document gives it, following its {@code $ref}. */
    private JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? document.at(node.path("$ref").asText().substring(1)) : node;
    }

    private void validateText(String what, String pointer, String body) {
        try {
            validate(what, pointer, JSON.readTree(body));
        } catch (JsonProcessingException e) {
            violation(what + ": the body is not JSON — " + abbreviate(body));
        }
    }

    /** The body of a request as JSON (text that is not JSON as a JSON string, so that it fails a schema that wants JSON). */
    static JsonNode body(Object body) {
        try {
            return body instanceof String text ? JSON.readTree(text)
                    : body instanceof byte[] bytes ? JSON.readTree(bytes) : JSON.valueToTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(String.valueOf(body));
        }
    }

    /** Checks one event name of the event stream against the document's {@code StreamEventName}. */
    void checkStreamEventName(String name) {
        validate("stream event name", "/components/schemas/StreamEventName", JSON.getNodeFactory().textNode(name));
    }

    /** Checks one data line of the event stream against the document's {@code StreamMessage}. */
    void checkStreamMessage(String data) {
        synchronized (this) {
            exchanges++;
        }
        try {
            validate("stream data", "/components/schemas/StreamMessage", JSON.readTree(data));
        } catch (JsonProcessingException e) {
            violation("stream data is not JSON — " + abbreviate(data));
        }
    }

    private void validate(String what, String pointer, JsonNode instance) {
        JsonNode schemaNode = document.at(pointer);
        if (schemaNode.isMissingNode()) {
            violation(what + ": no schema at " + pointer);
            return;
        }
        Schema schema = schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(DOCUMENT + "#" + p)));
        // formats (uuid, date-time, date, int32…) are asserted, not only annotations
        List<Error> errors = schema.validate(instance, context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
        for (Error error : errors) {
            violation(what + ": " + error.getInstanceLocation() + " " + error.getMessage() + " — " + abbreviate(instance.toString()));
        }
    }

    void violation(String text) {
        synchronized (violations) {
            violations.add(text);
        }
    }

    private static boolean isJson(String contentType) {
        return contentType != null && mediaType(contentType).endsWith("json");
    }

    private static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase();
    }

    private static String escape(String pointerPart) {
        return pointerPart.replace("~", "~0").replace("/", "~1");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }
}
