package dev.okr.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;

import dev.okr.platform.events.CloudEvent;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Publishes committed outbox rows to Kafka, in the order they were written, and marks them sent.
 *
 * <ul>
 * <li>Wakes at once after a commit that recorded events (PostgreSQL {@code LISTEN/NOTIFY} from a
 * trigger), and polls slowly as a safety net.</li>
 * <li>Several replicas may run it: one transaction-scoped advisory lock lets one relay publish at a
 * time (which keeps each aggregate's events in order), and rows are claimed {@code FOR UPDATE SKIP
 * LOCKED}. A relay that dies mid-batch rolls back, so its rows are published by the next one.</li>
 * <li>A batch is marked sent only after the broker acknowledged every record (acks=all, idempotent
 * producer). While the broker is away, nothing is marked, and the relay retries with a growing pause:
 * events are delayed, never lost. A crash between the acknowledgement and the commit publishes that
 * batch again (at-least-once), which is why consumers are idempotent.</li>
 * </ul>
 */
@ApplicationScoped
public class OutboxRelay {

    private static final String CHANNEL = "okr_outbox";
    private static final long LOCK_KEY = 0x6f6b722d6f757462L; // "okr-outb": one relay per database at a time
    private static final String CLAIM = "select id, topic, message_key, payload from outbox_event "
            + "where published_at is null order by seq limit ? for update skip locked";
    private static final String MARK = "update outbox_event set published_at = now() where id = any(?)";
    private static final String PURGE = "delete from outbox_event where id in (select id from outbox_event "
            + "where published_at < now() - make_interval(secs => ?) limit 1000)";
    private static final Duration LISTEN_SLICE = Duration.ofMillis(250);

    private final AgroalDataSource dataSource;
    private final OutboxConfig config;
    private final Map<String, Object> kafka;
    private final Counter published;
    private final Counter failures;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;
    private Thread thread;
    private Producer<String, String> producer;
    private Connection listener;
    private long lastPurge;

    /**
     * @param kafka every {@code kafka.*} setting the connector gets (bootstrap servers, and TLS or SASL where the
     *              deployment gives them), so the relay reaches the same brokers the same way
     */
    public OutboxRelay(AgroalDataSource dataSource, OutboxConfig config, MeterRegistry registry,
            @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.dataSource = dataSource;
        this.config = config;
        this.kafka = kafka;
        this.published = registry.counter("okr.outbox.published");
        this.failures = registry.counter("okr.outbox.failures");
    }

    void start(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            Log.info("Outbox relay disabled on this instance (okr.outbox.relay-enabled=false)");
            return;
        }
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        stopped.countDown();
        if (thread != null) {
            try {
                thread.join(config.sendTimeout().toMillis() + 2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeListener();
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private void run() {
        long backoff = 0;
        while (running) {
            try {
                listen();
                while (running && drainBatch() == config.batchSize()) {
                    // a full batch: more may be waiting
                }
                purgeOldRows();
                backoff = 0;
                awaitWork(config.pollInterval());
            } catch (Exception e) {
                failures.increment();
                backoff = backoff == 0 ? 250 : Math.min(backoff * 2, config.maxBackoff().toMillis());
                Log.warnf("Outbox relay could not publish (%s); retrying in %d ms", describe(e), backoff);
                closeListener();
                pause(backoff);
            }
        }
    }

    /** Publishes at most one batch; answers how many rows it published. */
    int drainBatch() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!tryLock(c)) {
                    c.rollback();
                    return 0; // another replica is publishing; it drains until empty
                }
                List<Row> rows = claim(c);
                if (!rows.isEmpty()) {
                    publish(rows);
                    mark(c, rows);
                }
                c.commit();
                published.increment(rows.size());
                return rows.size();
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }

    private boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            s.setLong(1, LOCK_KEY);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    private List<Row> claim(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(CLAIM)) {
            s.setInt(1, config.batchSize());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new Row(r.getObject(1, UUID.class), r.getString(2), r.getString(3), r.getString(4)));
                }
            }
        }
        return rows;
    }

    private void publish(List<Row> rows) throws Exception {
        Producer<String, String> p = producer();
        List<CompletableFuture<Void>> acks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            CompletableFuture<Void> ack = new CompletableFuture<>();
            RecordHeaders headers = new RecordHeaders();
            headers.add(new RecordHeader("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
            p.send(new ProducerRecord<>(row.topic(), null, row.key(), row.payload(), headers), (metadata, error) -> {
                if (error == null) {
                    ack.complete(null);
                } else {
                    ack.completeExceptionally(error);
                }
            });
            acks.add(ack);
        }
        p.flush();
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                .get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void mark(Connection c, List<Row> rows) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(MARK)) {
            Array ids = c.createArrayOf("uuid", rows.stream().map(Row::id).toArray());
            s.setArray(1, ids);
            s.executeUpdate();
        }
    }

    private void purgeOldRows() throws SQLException {
        long now = System.currentTimeMillis();
        if (now - lastPurge < Duration.ofMinutes(1).toMillis()) {
            return;
        }
        lastPurge = now;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(PURGE)) {
            s.setLong(1, config.retention().toSeconds());
            s.executeUpdate();
        }
    }

    private void listen() throws SQLException {
        if (listener != null) {
            return;
        }
        listener = dataSource.getConnection();
        listener.setAutoCommit(true);
        try (Statement s = listener.createStatement()) {
            s.execute("LISTEN " + CHANNEL);
        }
    }

    /** Returns when a commit recorded events, when {@code max} has passed, or when the service stops. */
    private void awaitWork(Duration max) throws SQLException {
        PGConnection pg = listener.unwrap(PGConnection.class);
        long deadline = System.nanoTime() + max.toNanos();
        while (running && System.nanoTime() < deadline) {
            var notifications = pg.getNotifications((int) LISTEN_SLICE.toMillis());
            if (notifications != null && notifications.length > 0) {
                return;
            }
        }
    }

    private void pause(long millis) {
        try {
            stopped.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void closeListener() {
        if (listener != null) {
            try {
                listener.close();
            } catch (SQLException ignored) {
                // the connection is being discarded anyway
            }
            listener = null;
        }
    }

    private synchronized Producer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerProperties(kafka, "outbox-relay-" + config.source().replace("/", ""),
                    config.sendTimeout()), new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    /**
     * The relay's producer: the connection (brokers, TLS, SASL) as configured for the connector, with the relay's own
     * delivery guarantees (acks=all, idempotent) and timeouts on top.
     */
    static Properties producerProperties(Map<String, Object> kafka, String clientId, Duration sendTimeout) {
        Properties p = new Properties();
        kafka.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key) || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                p.put(key, value);
            }
        });
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        int timeout = (int) sendTimeout.toMillis();
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeout));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(1000, timeout / 3)));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(timeout));
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "2000");
        return p;
    }

    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private record Row(UUID id, String topic, String key, String payload) {
    }
}
