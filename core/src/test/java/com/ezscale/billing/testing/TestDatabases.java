package com.ezscale.billing.testing;

import com.ezscale.billing.persistence.EmbeddedMariaDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh, empty database for each test context: on the server named by {@code EZSCALE_TEST_DB_URL}
 * (e.g. {@code jdbc:mysql://127.0.0.1:3306/?user=root}, as CI sets it), otherwise on one embedded
 * MariaDB shared by the whole test JVM (under {@code target/}).
 */
public final class TestDatabases {

    public static final String SERVER_ENV = "EZSCALE_TEST_DB_URL";

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile String serverUrl;
    private static final List<String> CREATED = new CopyOnWriteArrayList<>();

    private TestDatabases() {}

    /** Creates a new database and returns its JDBC URL (credentials included as URL parameters). */
    public static String newDatabaseUrl() {
        return newDatabaseUrl("COLLATE utf8mb4_unicode_ci");
    }

    /**
     * A new database created with {@code defaults} (e.g. {@code ""}: the server's own default
     * collation, as the embedded default's database and one an operator creates plainly get).
     */
    public static String newDatabaseUrl(String defaults) {
        String server = server();
        String name = "ezb_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet() + "_"
                + System.nanoTime() % 100000;
        try (Connection c = DriverManager.getConnection(server);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 " + defaults);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + server + ": " + e.getMessage(), e);
        }
        CREATED.add(name);
        return withDatabase(server, name);
    }

    /** Drops the databases this JVM created, when it exits. */
    private static void dropCreatedOnExit(String server) {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try (Connection c = DriverManager.getConnection(server);
                                    Statement s = c.createStatement()) {
                                for (String name : CREATED) {
                                    s.execute("DROP DATABASE IF EXISTS " + name);
                                }
                            } catch (SQLException e) {
                                System.err.println("could not drop test databases: " + e.getMessage());
                            }
                        },
                        "drop-test-databases"));
    }

    /**
     * A database kept across runs (created if absent, never dropped): for a benchmark that fills a
     * large book once and measures again on it.
     */
    public static String keptDatabaseUrl(String name) {
        String server = server();
        try (Connection c = DriverManager.getConnection(server);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot create database " + name + " on " + server + ": " + e.getMessage(), e);
        }
        return withDatabase(server, name);
    }

    static String withDatabase(String server, String name) {
        int q = server.indexOf('?');
        String base = q < 0 ? server : server.substring(0, q);
        String params = q < 0 ? "" : server.substring(q);
        if (!base.endsWith("/")) {
            base = base.substring(0, base.lastIndexOf('/') + 1);
        }
        return base + name + params;
    }

    private static synchronized String server() {
        if (serverUrl == null) {
            String configured = System.getenv(SERVER_ENV);
            if (configured != null && !configured.isBlank()) {
                serverUrl = configured;
                dropCreatedOnExit(configured);
            } else {
                EmbeddedMariaDb db = EmbeddedMariaDb.start(Path.of("target", "mariadb-test"), 0);
                serverUrl = db.serverUrl() + "?user=root&password=";
            }
        }
        return serverUrl;
    }
}
