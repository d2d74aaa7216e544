package dev.okr.testsupport;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL server the tests use: the one on 127.0.0.1:5432 when it answers (the machines
 * and CI run one, trust auth, user {@code postgres}), otherwise an embedded server started once per JVM.
 */
public final class TestPostgres {

    private static final String HOST = "127.0.0.1";
    private static String host;
    private static int port;
    private static EmbeddedPostgres embedded;

    private TestPostgres() {
    }

    public static synchronized void ensureRunning() {
        if (host != null) {
            return;
        }
        int configuredPort = Integer.parseInt(System.getenv().getOrDefault("OKR_TEST_PG_PORT", "5432"));
        if (Ports.answers(HOST, configuredPort)) {
            host = HOST;
            port = configuredPort;
            return;
        }
        try {
            embedded = EmbeddedPostgres.builder().setPort(Ports.free()).start();
            host = HOST;
            port = embedded.getPort();
        } catch (IOException e) {
            throw new IllegalStateException("no PostgreSQL on " + HOST + ":" + configuredPort
                    + " and the embedded one did not start", e);
        }
    }

    public static String host() {
        ensureRunning();
        return host;
    }

    public static int port() {
        ensureRunning();
        return port;
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    public static String reactiveUrl(String database) {
        return "postgresql://" + host() + ":" + port() + "/" + database;
    }

    /**
     * Fails at once, saying why and what to do, when the server has fewer free connections than {@code connections}:
     * better than "too many clients" in the middle of a test. Free: max_connections less the superusers' reserve and
     * the connections open now.
     */
    public static void requireRoom(int connections, String forWhat) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select current_setting('max_connections')::int"
                        + " - current_setting('superuser_reserved_connections')::int"
                        + " - (select count(*) from pg_stat_activity where backend_type = 'client backend')")) {
            r.next();
            int free = r.getInt(1);
            if (free < connections) {
                throw new IllegalStateException("PostgreSQL on " + host() + ":" + port() + " has " + free + " free connections; "
                        + forWhat + " needs " + connections + ". Stop what else holds them (./stack down) or raise max_connections.");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot ask PostgreSQL how many connections are free", e);
        }
    }

    /** Drops and re-creates {@code database}, so each test run starts from an empty schema. */
    public static void recreateDatabase(String database) {
        if (!database.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + database, e);
        }
    }
}
