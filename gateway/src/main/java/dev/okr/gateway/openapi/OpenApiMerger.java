package dev.okr.gateway.openapi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.okr.gateway.routing.RouteTable;

/**
 * Merges the services' OpenAPI documents into the gateway's one document: the public paths each
 * service owns, every component (renamed {@code Service_Name} where two services define the same name
 * differently, with their {@code $ref}s rewritten), the security schemes, and a tag per service.
 */
public final class OpenApiMerger {

    /** The name under which the gateway's own operations (the stream, the composite views) are merged: all its paths count. */
    public static final String OWN = "gateway";
    private static final String COMPONENTS_REF = "#/components/";

    private final ObjectMapper json;
    private final RouteTable routes;

    public OpenApiMerger(ObjectMapper json, RouteTable routes) {
        this.json = json;
        this.routes = routes;
    }

    /** The gateway's own part of the document (a resource of this module). */
    public static JsonNode ownDocument() {
        try (var in = OpenApiMerger.class.getResourceAsStream("/openapi/gateway.yaml")) {
            return new YAMLMapper().readTree(in);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The gateway's own OpenAPI part (openapi/gateway.yaml) cannot be read", e);
        }
    }

    /** @param documents each service's document by service name, in a stable order */
    public ObjectNode merge(Map<String, JsonNode> documents, String title, String version) {
        ObjectNode merged = json.createObjectNode();
        merged.put("openapi", documents.values().stream().map(d -> d.path("openapi").asText(""))
                .filter(v -> !v.isEmpty()).findFirst().orElse("3.0.3"));
        ObjectNode info = merged.putObject("info");
        info.put("title", title);
        info.put("version", version);
        info.put("description", "The one public API of the OKR and KPI platform. Every path is served by the gateway, "
                + "which routes it to the service that owns it.");
        // the document is served by the gateway itself: its paths are relative to wherever it was fetched from
        merged.putArray("servers").addObject().put("url", "/").put("description", "This gateway");
        ArrayNode tags = merged.putArray("tags");
        Map<String, ObjectNode> declared = new LinkedHashMap<>();
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        ArrayNode security = null;

        Map<String, JsonNode> renamed = renameClashes(documents);
        for (Map.Entry<String, JsonNode> entry : renamed.entrySet()) {
            String service = entry.getKey();
            JsonNode doc = entry.getValue();
            doc.path("tags").forEach(tag -> declare(declared, tag.path("name").asText(), tag.path("description").asText("")));
            // operations a service left untagged go under the service, described as the service describes itself
            declare(declared, service, doc.path("info").path("title").asText(service) + ": "
                    + doc.path("info").path("description").asText(""));
            for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> path = it.next();
                if (!OWN.equals(service) && !routes.owns(service, path.getKey())) {
                    continue;
                }
                ObjectNode item = path.getValue().deepCopy();
                tagOperations(item, service);
                paths.set(path.getKey(), item);
            }
            for (Iterator<Map.Entry<String, JsonNode>> kinds = doc.path("components").fields(); kinds.hasNext();) {
                Map.Entry<String, JsonNode> kind = kinds.next();
                ObjectNode target = components.has(kind.getKey()) ? (ObjectNode) components.get(kind.getKey())
                        : components.putObject(kind.getKey());
                kind.getValue().fields().forEachRemaining(c -> target.set(c.getKey(), c.getValue().deepCopy()));
            }
            if (security == null && doc.has("security")) {
                security = (ArrayNode) doc.get("security").deepCopy();
            }
        }
        if (security != null) {
            merged.set("security", security);
        }
        paths.elements().forEachRemaining(OpenApiMerger::edgeAnswers);
        // every tag an operation uses is declared once, with its description; none is declared that no operation uses
        Set<String> used = new LinkedHashSet<>();
        paths.elements().forEachRemaining(item -> item.elements().forEachRemaining(op -> op.path("tags")
                .forEach(t -> used.add(t.asText()))));
        declared.forEach((name, tag) -> {
            if (used.contains(name)) {
                tags.add(tag);
            }
        });
        return merged;
    }

    /**
     * What the gateway adds to every operation: a 429 with {@code Retry-After} when the caller has used up its
     * allowance, a 502, 503 or 504 when the service behind it fails to answer, and the {@code X-Request-Id} it gives
     * every answer.
     */
    private static void edgeAnswers(JsonNode pathItem) {
        pathItem.elements().forEachRemaining(op -> {
            if (!(op.path("responses") instanceof ObjectNode responses)) {
                return;
            }
            if (!responses.has("429")) {
                ObjectNode limited = responses.putObject("429");
                limited.put("description", "Too many requests from this caller: retry after the seconds Retry-After says");
                limited.putObject("headers").putObject("Retry-After").put("description", "Seconds to wait")
                        .putObject("schema").put("type", "integer");
                limited.putObject("content").putObject("application/problem+json").putObject("schema")
                        .put("$ref", COMPONENTS_REF + "schemas/Problem");
            }
            edgeProblem(responses, "502", "The service behind this operation broke the connection off: try again");
            edgeProblem(responses, "503", "The service behind this operation cannot be reached just now: try again shortly");
            edgeProblem(responses, "504", "The service behind this operation did not answer in time: try again");
            responses.elements().forEachRemaining(response -> {
                if (response instanceof ObjectNode r && !r.has("$ref")) {
                    ObjectNode headers = r.has("headers") ? (ObjectNode) r.get("headers") : r.putObject("headers");
                    if (!headers.has("X-Request-Id")) {
                        headers.putObject("X-Request-Id").put("description", "The request's id, as in the logs: the caller's "
                                + "own when it sent one").putObject("schema").put("type", "string");
                    }
                }
            });
        });
    }

    private static void edgeProblem(ObjectNode responses, String status, String description) {
        if (!responses.has(status)) {
            ObjectNode response = responses.putObject(status);
            response.put("description", description);
            response.putObject("content").putObject("application/problem+json").putObject("schema")
                    .put("$ref", COMPONENTS_REF + "schemas/Problem");
        }
    }

    /** The first non-empty description of a tag wins. */
    private void declare(Map<String, ObjectNode> declared, String name, String description) {
        if (name.isEmpty()) {
            return;
        }
        ObjectNode tag = declared.computeIfAbsent(name, n -> json.createObjectNode().put("name", n));
        if (!tag.hasNonNull("description") && !description.isBlank()) {
            tag.put("description", description);
        }
    }

    /** Where two services define a component of the same kind and name differently, both get prefixed. */
    private Map<String, JsonNode> renameClashes(Map<String, JsonNode> documents) {
        Map<String, Map<String, List<String>>> owners = new LinkedHashMap<>(); // kind/name -> definition text -> services
        documents.forEach((service, doc) -> doc.path("components").fields().forEachRemaining(kind ->
                kind.getValue().fields().forEachRemaining(c -> owners
                        .computeIfAbsent(kind.getKey() + "/" + c.getKey(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(c.getValue().toString(), k -> new ArrayList<>()).add(service))));
        Map<String, JsonNode> result = new LinkedHashMap<>();
        documents.forEach((service, doc) -> {
            Map<String, String> renames = new LinkedHashMap<>();
            owners.forEach((key, definitions) -> {
                if (definitions.size() > 1 && definitions.values().stream().anyMatch(s -> s.contains(service))) {
                    String kind = key.substring(0, key.indexOf('/'));
                    String name = key.substring(key.indexOf('/') + 1);
                    renames.put(COMPONENTS_REF + kind + "/" + name, COMPONENTS_REF + kind + "/" + prefix(service) + "_" + name);
                }
            });
            if (renames.isEmpty()) {
                result.put(service, doc);
                return;
            }
            JsonNode copy = doc.deepCopy();
            rewriteRefs(copy, renames);
            ObjectNode comps = (ObjectNode) copy.path("components");
            renames.forEach((from, to) -> {
                String[] f = from.substring(COMPONENTS_REF.length()).split("/", 2);
                String[] t = to.substring(COMPONENTS_REF.length()).split("/", 2);
                ObjectNode kind = (ObjectNode) comps.get(f[0]);
                kind.set(t[1], kind.remove(f[1]));
            });
            result.put(service, copy);
        });
        return result;
    }

    private static void rewriteRefs(JsonNode node, Map<String, String> renames) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && renames.containsKey(ref.asText())) {
                object.set("$ref", TextNode.valueOf(renames.get(ref.asText())));
            }
            object.elements().forEachRemaining(child -> rewriteRefs(child, renames));
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(child -> rewriteRefs(child, renames));
        }
    }

    private static void tagOperations(ObjectNode pathItem, String service) {
        for (String method : List.of("get", "put", "post", "delete", "patch", "head", "options")) {
            JsonNode op = pathItem.get(method);
            if (op instanceof ObjectNode operation) {
                ArrayNode tags = operation.has("tags") ? (ArrayNode) operation.get("tags") : operation.putArray("tags");
                if (tags.isEmpty()) {
                    tags.add(service);
                }
            }
        }
    }

    private static String prefix(String service) {
        return Character.toUpperCase(service.charAt(0)) + service.substring(1);
    }
}
