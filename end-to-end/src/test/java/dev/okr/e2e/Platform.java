package dev.okr.e2e;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import dev.okr.testsupport.EmbeddedKafka;
import dev.okr.testsupport.InfrastructureResource;
import dev.okr.testsupport.TestPostgres;

/**
 * The whole platform for a test: a Kafka broker of its own, a fresh database per service on the test PostgreSQL,
 * and the four packaged services started as processes on free ports (as {@code ./stack up} starts them), each
 * checking tokens signed by the test's key. Logs go to {@code target/e2e-logs/}.
 */
final class Platform implements AutoCloseable {

    static final List<String> SERVICES = List.of("objectives", "kpi", "alignment");
    /**
     * Each instance's pools here: smaller than a replica's budget (10 + 3), so that the shared platform and FaultsIT's
     * two replicas of each (54 connections) fit beside a running ./stack (39) in PostgreSQL's default 100.
     */
    private static final int REACTIVE_POOL = 4;
    private static final int JDBC_POOL = 2;

    private final EmbeddedKafka kafka = new EmbeddedKafka();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    /** Each instance's management port: health and metrics, never routed by the gateway. */
    private final Map<String, Integer> managementPorts = new LinkedHashMap<>();
    private final String prefix;
    private final int replicas;

    /** One instance of each app. */
    Platform(String prefix) {
        this(prefix, 1);
    }

    /**
     * {@code replicas} instances of each service (named {@code kpi}, {@code kpi#2}, …: one database and one consumer
     * group per service, each instance with its outbox relay), and one gateway, routed to the first instances.
     */
    Platform(String prefix, int replicas) {
        this.prefix = prefix;
        this.replicas = replicas;
    }

    /** The broker of this platform, which a test may stop and start again (topics and offsets survive). */
    EmbeddedKafka broker() {
        return kafka;
    }

    String database(String service) {
        return prefix + "_" + service;
    }

    String url(String instance) {
        return "http://127.0.0.1:" + ports.get(instance);
    }

    String kafka() {
        return kafka.bootstrapServers();
    }

    int port(String app) {
        return ports.get(app);
    }

    String gateway() {
        return "http://127.0.0.1:" + ports.get("gateway");
    }

    Platform start() throws Exception {
        kafka.start();
        Map<String, String> jwt = InfrastructureResource.jwtConfig();
        for (String app : List.of("objectives", "kpi", "alignment", "gateway")) {
            ports.put(app, freePort());
        }
        for (int r = 2; r <= replicas; r++) {
            for (String service : SERVICES) {
                ports.put(service + "#" + r, freePort());
            }
        }
        for (String instance : ports.keySet()) {
            managementPorts.put(instance, freePort());
        }
        int instances = SERVICES.size() * replicas;
        TestPostgres.requireRoom(instances * (REACTIVE_POOL + JDBC_POOL), "the end-to-end platform " + prefix + " (" + instances
                + " service instances × " + (REACTIVE_POOL + JDBC_POOL) + ")");
        for (String service : SERVICES) {
            TestPostgres.recreateDatabase(prefix + "_" + service);
        }
        for (String app : ports.keySet()) {
            launch(app, jwt);
        }
        for (String app : ports.keySet()) {
            awaitReady(app, Duration.ofSeconds(180));
        }
        return this;
    }

    /** Starts (or starts again, after {@link #kill}) one instance of an app ({@code kpi}, {@code kpi#2}, {@code gateway}). */
    void launch(String instance, Map<String, String> jwt) throws IOException {
        String app = instance.contains("#") ? instance.substring(0, instance.indexOf('#')) : instance;
        Path jar = Path.of("..", app.equals("gateway") ? "gateway" : app + "-service", "target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: the services are packaged earlier in the same build (./mvnw verify)");
        }
        Path logs = Files.createDirectories(Path.of("target", "e2e-logs"));
        // the Java that runs the suite (the build's, Java 25), not whichever java the PATH holds
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(prefix + "-" + instance.replace('#', '-') + ".log").toFile()));
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(ports.get(instance)));
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPorts.get(instance)));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("MP_JWT_VERIFY_PUBLICKEY", jwt.get("mp.jwt.verify.publickey"));
        env.put("MP_JWT_VERIFY_ISSUER", jwt.get("mp.jwt.verify.issuer"));
        env.put("MP_JWT_VERIFY_AUDIENCES", jwt.get("mp.jwt.verify.audiences"));
        if (app.equals("gateway")) {
            for (String service : SERVICES) {
                env.put("GATEWAY_UPSTREAMS_" + service.toUpperCase() + "_URL", "http://127.0.0.1:" + ports.get(service));
            }
            env.put("GATEWAY_RATE_LIMIT_CAPACITY", "100000");
            env.put("GATEWAY_RATE_LIMIT_PER_SECOND", "100000");
            // the hostile suite fails to authenticate on purpose, all from 127.0.0.1
            env.put("GATEWAY_RATE_LIMIT_FAILED_CAPACITY", "100000");
            env.put("GATEWAY_RATE_LIMIT_FAILED_PER_SECOND", "100000");
        } else {
            String database = prefix + "_" + app;
            env.put("QUARKUS_DATASOURCE_JDBC_URL", TestPostgres.jdbcUrl(database));
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", TestPostgres.reactiveUrl(database));
            env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
            env.put("QUARKUS_DATASOURCE_PASSWORD", "");
            // the suite's share of the machine's PostgreSQL (which ./stack and the other suites share too)
            env.put("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE", String.valueOf(REACTIVE_POOL));
            env.put("QUARKUS_DATASOURCE_JDBC_MAX_SIZE", String.valueOf(JDBC_POOL));
        }
        processes.put(instance, builder.start());
    }

    void relaunch(String app) throws Exception {
        launch(app, InfrastructureResource.jwtConfig());
        awaitReady(app, Duration.ofSeconds(120));
    }

    /** Kills an app at once ({@code kill -9}): no shutdown hook, no graceful close. */
    void kill(String app) throws InterruptedException {
        Process process = processes.remove(app);
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    void awaitReady(String app, Duration timeout) throws Exception {
        Instant until = Instant.now().plus(timeout);
        URI ready = URI.create("http://127.0.0.1:" + managementPorts.get(app) + "/q/health/ready");
        while (Instant.now().isBefore(until)) {
            Process process = processes.get(app);
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(app + " exited with " + process.exitValue() + ": see " + log(app));
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) ready.toURL().openConnection();
                connection.setConnectTimeout(1000);
                connection.setReadTimeout(3000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(app + " was not ready within " + timeout + ": see " + log(app));
    }

    private File log(String instance) {
        return Path.of("target", "e2e-logs", prefix + "-" + instance.replace('#', '-') + ".log").toAbsolutePath().toFile();
    }

    @Override
    public void close() {
        List<Process> all = new ArrayList<>(processes.values());
        all.forEach(Process::destroy);
        for (Process process : all) {
            try {
                if (!process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(20), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        kafka.stop();
    }

    /** Ports handed out in this JVM: two instances never get the same one. */
    private static final Set<Integer> TAKEN = ConcurrentHashMap.newKeySet();

    /**
     * A port free now, below the ephemeral range (32768 and up on Linux) that the outgoing connections of the other
     * instances (to Kafka, PostgreSQL, each other) draw from: a port from there can be taken by a client socket in the
     * seconds between choosing it and the instance binding it.
     */
    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
            if (!TAKEN.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException inUse) {
                // taken by something else: try another
            }
        }
        throw new IOException("no free port between 20000 and 32000");
    }
}
