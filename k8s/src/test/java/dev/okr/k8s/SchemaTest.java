package dev.okr.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every rendered object read into the model of its kind — fabric8's for Kubernetes' own kinds, Strimzi's own
 * ({@code io.strimzi:api}) for Kafka, node pools and topics — and refused if any field is one the model does not
 * know (a typo such as {@code readOnlyRootFilesytem} would otherwise be dropped silently by the API server).
 * CloudNativePG publishes no Java model: its {@code Cluster}s are checked against the fields we use here, and against
 * the CRD's schema (types, required fields) by {@code validate/run.sh}.
 */
class SchemaTest {

    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/ServiceAccount", io.fabric8.kubernetes.api.model.ServiceAccount.class),
            Map.entry("v1/Service", io.fabric8.kubernetes.api.model.Service.class),
            Map.entry("v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class),
            Map.entry("apps/v1/Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", io.fabric8.kubernetes.api.model.networking.v1.Ingress.class),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", io.strimzi.api.kafka.model.kafka.Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", io.strimzi.api.kafka.model.topic.KafkaTopic.class));

    /** The fields of a CloudNativePG Cluster we use (postgresql.cnpg.io/v1, operator 1.25), by path. */
    private static final Set<String> CNPG_FIELDS = Set.of("apiVersion", "kind", "metadata", "spec", "spec.instances", "spec.imageName",
            "spec.primaryUpdateStrategy", "spec.bootstrap", "spec.bootstrap.initdb", "spec.bootstrap.initdb.database",
            "spec.bootstrap.initdb.owner", "spec.storage", "spec.storage.size", "spec.postgresql", "spec.postgresql.parameters",
            "spec.resources", "spec.resources.requests", "spec.resources.limits");

    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectIsOneItsModelKnowsFieldForField(String overlay) throws Exception {
        List<String> problems = new ArrayList<>();
        for (JsonNode doc : Rendered.overlay(overlay)) {
            String type = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
            String name = type + " " + doc.path("metadata").path("name").asText();
            if (type.equals("postgresql.cnpg.io/v1/Cluster")) {
                fields(doc, "", problems, name);
                continue;
            }
            Class<?> model = MODELS.get(type);
            if (model == null) {
                problems.add(name + ": no model to check it against");
                continue;
            }
            Object object;
            try {
                object = json.treeToValue(doc, model);
            } catch (Exception e) {
                problems.add(name + ": " + e.getMessage().lines().findFirst().orElse(""));
                continue;
            }
            unknown(object, name, problems, new IdentityHashMap<>());
        }
        assertEquals(List.of(), problems, "objects of the " + overlay + " overlay that their schema refuses");
        assertTrue(Rendered.overlay(overlay).size() >= 40, "every object rendered");
    }

    /** Fields a model kept aside as unknown (fabric8's and Strimzi's models keep them in additionalProperties). */
    private static void unknown(Object object, String path, List<String> problems, IdentityHashMap<Object, Boolean> seen) throws Exception {
        if (object == null || seen.containsKey(object)) {
            return;
        }
        if (object instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknown(item, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (object instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                unknown(e.getValue(), path + "." + e.getKey(), problems, seen);
            }
            return;
        }
        String pkg = object.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8") && !pkg.startsWith("io.strimzi")) {
            return;
        }
        seen.put(object, true);
        for (Method getter : object.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = getter.invoke(object);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet());
                }
                continue;
            }
            unknown(value, path + "." + getter.getName().substring(3, 4).toLowerCase() + getter.getName().substring(4), problems, seen);
        }
    }

    private static void fields(JsonNode node, String path, List<String> problems, String name) {
        node.fields().forEachRemaining(field -> {
            String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            if (at.startsWith("metadata") || at.startsWith("spec.postgresql.parameters.") || at.startsWith("spec.resources.")) {
                return;
            }
            if (!CNPG_FIELDS.contains(at)) {
                problems.add(name + ": field " + at + " is not one this project checked in CloudNativePG's Cluster schema");
            } else if (field.getValue().isObject()) {
                fields(field.getValue(), at, problems, name);
            }
        });
    }
}
