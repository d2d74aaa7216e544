package dev.okr.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The manifests agree with the code: each container listens where the service does and is probed where Quarkus
 * answers; every topic the services use is declared; every setting a service needs is given, each variable the
 * manifests set is one the code reads, and the gateway's upstream URLs name the services' Services and ports.
 */
class AgreesWithCodeTest {

    /** app name → module directory */
    private static final Map<String, String> APPS = Map.of("objectives-service", "objectives-service", "kpi-service", "kpi-service",
            "alignment-service", "alignment-service", "gateway", "gateway");
    /** What Quarkus reads without our properties naming it, and what the container image reads. */
    private static final Set<String> READ_BY_QUARKUS_OR_THE_IMAGE = Set.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
            "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_SHUTDOWN_TIMEOUT", "QUARKUS_HTTP_CORS_ORIGINS",
            "MP_JWT_VERIFY_ISSUER", "MP_JWT_VERIFY_AUDIENCES", "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "JAVA_OPTS_APPEND",
            "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES");
    private static final Set<String> NEEDED_BY_ALL = Set.of("KAFKA_BOOTSTRAP_SERVERS", "MP_JWT_VERIFY_ISSUER", "MP_JWT_VERIFY_AUDIENCES",
            "MP_JWT_VERIFY_PUBLICKEY_LOCATION");
    private static final Set<String> NEEDED_BY_SERVICES = Set.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_REACTIVE_URL",
            "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");

    private static Properties properties(String module) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("..", module, "src", "main", "resources", "application.properties"))) {
            p.load(in);
        }
        return p;
    }

    private static Properties platformDefaults() throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("..", "platform", "src", "main", "resources", "META-INF",
                "microprofile-config.properties"))) {
            p.load(in);
        }
        return p;
    }

    private static String env(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void containersListenAndAreProbedWhereTheServicesAnswer(String overlay) throws IOException {
        for (var app : APPS.entrySet()) {
            int port = Integer.parseInt(properties(app.getValue()).getProperty("quarkus.http.port"));
            int management = Integer.parseInt(properties(app.getValue()).getProperty("quarkus.management.port"));
            String pom = Files.readString(Path.of("..", app.getValue(), "pom.xml"));
            String platform = Files.readString(Path.of("..", "platform", "pom.xml"));
            assertTrue(pom.contains("quarkus-smallrye-health")
                    || (pom.contains("<artifactId>platform</artifactId>") && platform.contains("quarkus-smallrye-health")),
                    app.getKey() + " serves /q/health (SmallRye Health, its own or the platform library's)");
            JsonNode container = Rendered.named(overlay, "Deployment", app.getKey()).at("/spec/template/spec/containers/0");
            assertEquals(port, container.at("/ports/0/containerPort").asInt(), app.getKey() + " container port");
            assertEquals("http", container.at("/ports/0/name").asText());
            assertEquals("/q/health/started", container.at("/startupProbe/httpGet/path").asText());
            assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
            assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
            // health and metrics live on the management interface, which no Service exposes
            assertEquals(management, container.at("/ports/1/containerPort").asInt(), app.getKey() + " management port");
            assertEquals("management", container.at("/ports/1/name").asText());
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                assertEquals("management", container.at("/" + probe + "/httpGet/port").asText());
            }
            assertEquals(String.valueOf(management), Rendered.named(overlay, "Deployment", app.getKey())
                    .at("/spec/template/metadata/annotations/prometheus.io~1port").asText(), app.getKey() + " is scraped on its management port");
            JsonNode service = Rendered.named(overlay, "Service", app.getKey());
            assertEquals(port, service.at("/spec/ports/0/port").asInt(), app.getKey() + " Service port");
            assertEquals(1, service.at("/spec/ports").size(), app.getKey() + "'s Service exposes the API port only");
            assertTrue(Rendered.named(overlay, "NetworkPolicy", app.getKey()).toString().contains("\"port\":" + port),
                    app.getKey() + "'s NetworkPolicy lets its port in");
        }
    }

    /**
     * Each service's database takes every connection its replicas may hold: (the HPA's most replicas + the rolling
     * update's surge) × the per-replica budget (reactive + JDBC pool, as the platform sets them), plus 10 for the
     * operator, backups and a person with psql.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachDatabaseHasRoomForEveryReplicasConnections(String overlay) throws IOException {
        Properties defaults = platformDefaults();
        int perReplica = Integer.parseInt(defaults.getProperty("quarkus.datasource.reactive.max-size"))
                + Integer.parseInt(defaults.getProperty("quarkus.datasource.jdbc.max-size"));
        for (String service : List.of("objectives-service", "kpi-service", "alignment-service")) {
            int replicas = Rendered.named(overlay, "HorizontalPodAutoscaler", service).at("/spec/maxReplicas").asInt();
            int surge = Rendered.named(overlay, "Deployment", service).at("/spec/strategy/rollingUpdate/maxSurge").asInt();
            String database = service.replace("-service", "") + "-db";
            int maxConnections = Integer.parseInt(Rendered.named(overlay, "Cluster", database)
                    .at("/spec/postgresql/parameters/max_connections").asText());
            int needed = (replicas + surge) * perReplica + 10;
            assertTrue(maxConnections >= needed, overlay + ": " + database + " takes " + maxConnections + " connections, "
                    + service + " may hold " + needed + " ((" + replicas + " + " + surge + ") × " + perReplica + " + 10)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyTopicTheServicesUseIsDeclared(String overlay) throws IOException {
        Set<String> used = new TreeSet<>();
        for (String module : APPS.values()) {
            properties(module).forEach((key, value) -> {
                String k = key.toString();
                if (k.startsWith("mp.messaging.") && (k.endsWith(".topic") || k.endsWith(".topics"))) {
                    for (String topic : value.toString().split(",")) {
                        used.add(topic.trim());
                    }
                }
            });
        }
        String topics = Files.readString(Path.of("..", "contracts", "src", "main", "java", "dev", "okr", "contracts", "Topics.java"));
        Matcher constants = Pattern.compile("= \"(okr\\.[^\"]+)\"").matcher(topics);
        while (constants.find()) {
            used.add(constants.group(1));
        }
        Set<String> declared = new TreeSet<>();
        Rendered.ofKind(overlay, "KafkaTopic").forEach(t -> declared.add(t.at("/spec/topicName").asText()));
        assertTrue(used.size() >= 7, "the three topics and four dead-letter topics are found in the code: " + used);
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(declared);
        assertEquals(Set.of(), missing, "topics the code uses that no KafkaTopic declares");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everySettingNeededIsGivenAndEveryOneGivenIsRead(String overlay) throws IOException {
        Set<String> known = new TreeSet<>(READ_BY_QUARKUS_OR_THE_IMAGE);
        platformDefaults().keySet().forEach(k -> known.add(env(k.toString())));
        List<String> problems = new ArrayList<>();
        for (var app : APPS.entrySet()) {
            Set<String> readHere = new TreeSet<>(known);
            Properties props = properties(app.getValue());
            props.keySet().forEach(k -> readHere.add(env(k.toString())));
            Map<String, String> given = given(overlay, app.getKey());
            Set<String> needed = new TreeSet<>(NEEDED_BY_ALL);
            if (!app.getKey().equals("gateway")) {
                needed.addAll(NEEDED_BY_SERVICES);
            } else {
                props.stringPropertyNames().stream().filter(k -> k.startsWith("gateway.upstreams.") && k.endsWith(".url"))
                        .forEach(k -> needed.add(env(k)));
            }
            for (String name : needed) {
                if (!given.containsKey(name)) {
                    problems.add(app.getKey() + " needs " + name + " and the manifests do not set it");
                }
            }
            for (String name : given.keySet()) {
                if (!readHere.contains(name)) {
                    problems.add(app.getKey() + " is given " + name + ", which it does not read");
                }
            }
            if (app.getKey().equals("gateway")) {
                for (var entry : given.entrySet()) {
                    if (entry.getKey().startsWith("GATEWAY_UPSTREAMS_") && entry.getKey().endsWith("_URL")) {
                        URI url = URI.create(entry.getValue());
                        JsonNode service = Rendered.named(overlay, "Service", url.getHost());
                        if (service.at("/spec/ports/0/port").asInt() != url.getPort()) {
                            problems.add("gateway's " + entry.getKey() + " names port " + url.getPort() + " of " + url.getHost());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** The environment an app's container gets: its env entries and the ConfigMaps it takes whole. */
    private static Map<String, String> given(String overlay, String app) {
        Map<String, String> env = new HashMap<>();
        JsonNode container = Rendered.named(overlay, "Deployment", app).at("/spec/template/spec/containers/0");
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText("(from a Secret)")));
        container.path("envFrom").forEach(from -> {
            String name = from.at("/configMapRef/name").asText();
            JsonNode map = Rendered.named(overlay, "ConfigMap", name);
            map.path("data").fields().forEachRemaining(f -> env.put(f.getKey(), f.getValue().asText()));
        });
        return env;
    }
}
