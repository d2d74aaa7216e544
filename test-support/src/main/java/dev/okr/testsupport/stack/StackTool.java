package dev.okr.testsupport.stack;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The Java half of {@code ./stack}: what bash cannot do by itself.
 * <ul>
 * <li>{@code postgres PORT DATA_DIR}: runs an embedded PostgreSQL (binaries from a Maven Central jar)
 * until this process is stopped; the data directory survives restarts.</li>
 * <li>{@code databases HOST PORT NAME...}: creates the databases that do not exist yet.</li>
 * </ul>
 */
public final class StackTool {

    private StackTool() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        switch (args[0]) {
            case "postgres" -> postgres(Integer.parseInt(args[1]), Path.of(args[2]));
            case "databases" -> databases(args[1], Integer.parseInt(args[2]), Arrays.copyOfRange(args, 3, args.length));
            default -> usage();
        }
    }

    private static void postgres(int port, Path dataDir) throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .start();
        System.out.println("embedded PostgreSQL ready on 127.0.0.1:" + pg.getPort());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (Exception e) {
                System.err.println("stopping PostgreSQL: " + e.getMessage());
            }
            stopped.countDown();
        }));
        stopped.await();
    }

    private static void databases(String host, int port, String[] names) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", "postgres", "")) {
            for (String name : names) {
                if (!name.matches("[a-z][a-z0-9_]*")) {
                    throw new IllegalArgumentException("not a plain database name: " + name);
                }
                try (PreparedStatement q = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                    q.setString(1, name);
                    try (ResultSet r = q.executeQuery()) {
                        if (r.next()) {
                            System.out.println("database " + name + " exists");
                            continue;
                        }
                    }
                }
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + name);
                    System.out.println("database " + name + " created");
                }
            }
        }
    }

    private static void usage() {
        System.err.println("usage: StackTool postgres PORT DATA_DIR | databases HOST PORT NAME...");
        System.exit(2);
    }
}
