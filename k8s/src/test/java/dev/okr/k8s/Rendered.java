package dev.okr.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/** An overlay as Kubernetes would receive it: {@code kubectl kustomize k8s/overlays/<name>}, parsed. */
final class Rendered {

    static final List<String> OVERLAYS = List.of("dev", "prod");
    private static final Map<String, List<JsonNode>> CACHE = new ConcurrentHashMap<>();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Rendered() {
    }

    static List<JsonNode> overlay(String name) {
        return CACHE.computeIfAbsent(name, Rendered::render);
    }

    static List<JsonNode> ofKind(String overlay, String kind) {
        return overlay(overlay).stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    static JsonNode named(String overlay, String kind, String name) {
        return ofKind(overlay, kind).stream().filter(d -> name.equals(d.path("metadata").path("name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in the " + overlay + " overlay"));
    }

    private static List<JsonNode> render(String overlay) {
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", Path.of("overlays", overlay).toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize overlays/" + overlay + " failed");
            }
            List<JsonNode> documents = new ArrayList<>();
            try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(text)) {
                YAML.readValues(parser, JsonNode.class).forEachRemaining(d -> {
                    if (d != null && !d.isNull() && !d.isEmpty()) {
                        documents.add(d);
                    }
                });
            }
            return documents;
        } catch (IOException e) {
            throw new AssertionError("kubectl is needed to render the overlays (kustomize is built in): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
