package dev.okr.platform.testapp;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import dev.okr.testsupport.InfrastructureResource;
import dev.okr.testsupport.TestPostgres;

/**
 * A database server with little room: the app connects as a role that may hold 4 connections, fewer than its pools
 * would open (2 JDBC for migrations and the outbox relay, up to 8 reactive), as when others share the server beyond the
 * budget.
 */
public class CrowdedDatabaseInfra extends InfrastructureResource {

    static final String DATABASE = "okr_test_platform_crowded";
    static final String ROLE = "okr_test_crowded";

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(Map.of("database", DATABASE));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        try (Connection c = DriverManager.getConnection(TestPostgres.jdbcUrl("postgres"), "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + ROLE + "') THEN CREATE ROLE "
                    + ROLE + " LOGIN; END IF; END $$");
            s.execute("ALTER ROLE " + ROLE + " CONNECTION LIMIT 4");
            s.execute("ALTER DATABASE " + DATABASE + " OWNER TO " + ROLE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the crowded database", e);
        }
        config.put("quarkus.datasource.username", ROLE);
        config.put("quarkus.datasource.jdbc.max-size", "2");
        config.put("quarkus.datasource.reactive.max-size", "8");
        return config;
    }
}
