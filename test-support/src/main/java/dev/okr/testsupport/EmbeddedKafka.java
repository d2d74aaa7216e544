package dev.okr.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A single-node KRaft Kafka broker (broker and controller in one) running inside the test JVM.
 * The log directory and ports survive {@link #stop()}, so {@link #start()} brings the same broker
 * back with its topics and offsets, which is how the outage tests take the broker away and return it.
 */
public final class EmbeddedKafka {

    private final Path logDir;
    private final int brokerPort;
    private final int controllerPort;
    private final String clusterId = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
    private KafkaRaftServer server;
    private boolean formatted;

    public EmbeddedKafka() {
        try {
            this.logDir = Files.createTempDirectory("okr-kafka-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a Kafka log directory", e);
        }
        this.brokerPort = Ports.free();
        this.controllerPort = Ports.free();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        Map<String, String> config = config();
        if (!formatted) {
            format(config);
            formatted = true;
        }
        server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        server.startup();
        awaitReady();
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    private Map<String, String> config() {
        Map<String, String> c = new HashMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", "1");
        c.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        c.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        c.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        c.put("controller.listener.names", "CONTROLLER");
        c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        c.put("inter.broker.listener.name", "PLAINTEXT");
        c.put("log.dirs", logDir.toString());
        c.put("num.partitions", "3");
        c.put("offsets.topic.replication.factor", "1");
        c.put("offsets.topic.num.partitions", "3");
        c.put("transaction.state.log.replication.factor", "1");
        c.put("transaction.state.log.min.isr", "1");
        c.put("group.initial.rebalance.delay.ms", "0");
        c.put("auto.create.topics.enable", "true");
        c.put("log.flush.interval.messages", "1");
        return c;
    }

    private void format(Map<String, String> config) {
        try {
            Path properties = logDir.resolveSibling(logDir.getFileName() + ".properties");
            Properties p = new Properties();
            p.putAll(config);
            try (var out = Files.newOutputStream(properties)) {
                p.store(out, "embedded test broker");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int rc = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", properties.toString()},
                    new PrintStream(output, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException("formatting the Kafka log directory failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot format the Kafka log directory", e);
        }
    }

    private void awaitReady() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the embedded Kafka broker did not become ready", e);
        }
    }
}
