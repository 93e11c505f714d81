package com.ezscale.billing.persistence.replica;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * The read replica and whether reads may go to it now. Every {@code check-every} it writes the
 * primary's time into {@code db_heartbeat} on the primary and reads the replicated copy back on the
 * replica: the replica's time minus that copy is its lag (what pt-heartbeat measures; it needs no
 * replication privilege and sees a stalled replica that still reports itself connected). While the
 * lag is within {@code max-lag} the reads that {@link ReplicaReads} marks go to the replica; a
 * replica further behind, not yet measured, or down (a failed check, or a connection it refuses)
 * sends them to the primary until a check finds it good again.
 */
public final class ReadReplica implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReadReplica.class);

    /** Where reads go now, and why. {@code lag} is null when it could not be measured. */
    public record Status(boolean usable, Duration lag, String reason, Instant checkedAt) {}

    private final ReplicaProperties properties;
    private final DataSource primary;
    private final HikariDataSource pool;
    private final Clock clock;
    private final ScheduledExecutorService checker;
    private final AtomicLong readsOnReplica = new AtomicLong();
    private final AtomicLong readsOnPrimary = new AtomicLong();
    private volatile Status status;

    public ReadReplica(
            ReplicaProperties properties,
            DataSource primary,
            String defaultUser,
            String defaultPassword,
            Properties dataSourceProperties,
            Clock clock) {
        this.properties = properties;
        this.primary = primary;
        this.clock = clock;
        this.status = new Status(false, null, "not measured yet", null);
        HikariConfig config = new HikariConfig();
        config.setPoolName("replica");
        config.setJdbcUrl(properties.url());
        config.setUsername(properties.username().isBlank() ? defaultUser : properties.username());
        config.setPassword(properties.username().isBlank() ? defaultPassword : properties.password());
        config.setMaximumPoolSize(properties.poolSize());
        config.setMinimumIdle(Math.min(2, properties.poolSize()));
        config.setReadOnly(true);
        // a replica that is down must not hold a read for long, nor stop the node from starting
        config.setConnectionTimeout(2_000);
        config.setValidationTimeout(1_000);
        config.setInitializationFailTimeout(-1);
        config.setDataSourceProperties(dataSourceProperties);
        this.pool = new HikariDataSource(config);
        this.checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ezscale-replica-check");
            t.setDaemon(true);
            return t;
        });
    }

    /** Measures once now, then every {@code check-every}. */
    public void start() {
        check();
        long every = properties.checkEvery().toMillis();
        checker.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
    }

    public Status status() {
        return status;
    }

    public long readsOnReplica() {
        return readsOnReplica.get();
    }

    public long readsOnPrimary() {
        return readsOnPrimary.get();
    }

    public ReplicaProperties properties() {
        return properties;
    }

    /** Writes the heartbeat on the primary and measures the replica's lag; what it finds decides the reads. */
    public Status check() {
        Instant now = clock.instant();
        try (Connection c = primary.getConnection();
                Statement s = c.createStatement()) {
            s.setQueryTimeout(5);
            s.executeUpdate("INSERT INTO db_heartbeat (id, beat_at) VALUES (1, UTC_TIMESTAMP(6)) "
                    + "ON DUPLICATE KEY UPDATE beat_at = VALUES(beat_at)");
        } catch (SQLException e) {
            // the primary's own trouble (or its schema not migrated yet): the replica's copy still tells its lag
            log.debug("could not write the replica heartbeat on the primary: {}", e.getMessage());
        }
        Status next;
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.setQueryTimeout(5);
            try (ResultSet rs = s.executeQuery(
                    "SELECT TIMESTAMPDIFF(MICROSECOND, beat_at, UTC_TIMESTAMP(6)) FROM db_heartbeat WHERE id = 1")) {
                if (!rs.next()) {
                    next = new Status(false, null, "no heartbeat has reached the replica yet", now);
                } else {
                    Duration lag = Duration.ofNanos(Math.max(0, rs.getLong(1)) * 1_000);
                    next = lag.compareTo(properties.maxLag()) <= 0
                            ? new Status(
                                    true, lag, "lag " + seconds(lag) + " within " + seconds(properties.maxLag()), now)
                            : new Status(
                                    false, lag, "lag " + seconds(lag) + " beyond " + seconds(properties.maxLag()), now);
                }
            }
        } catch (SQLException e) {
            next = new Status(false, null, "replica unreachable: " + e.getMessage(), now);
        }
        change(next);
        return next;
    }

    private void change(Status next) {
        Status before = status;
        status = next;
        if (before.usable() != next.usable()) {
            if (next.usable()) {
                log.info("read replica in use again ({})", next.reason());
            } else if (before.checkedAt() != null) {
                log.warn("read replica not used, reads go to the primary: {}", next.reason());
            }
        }
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /**
     * The data source that read-only transactions get their connection from: the replica when
     * {@link ReplicaReads} marked the work and the replica is usable, else the primary.
     */
    DataSource readOnlyDataSource() {
        return new AbstractDataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                if (ReplicaReads.marked() && status.usable()) {
                    try {
                        Connection c = pool.getConnection();
                        readsOnReplica.incrementAndGet();
                        return c;
                    } catch (SQLException e) {
                        change(new Status(false, null, "replica unreachable: " + e.getMessage(), clock.instant()));
                    }
                }
                readsOnPrimary.incrementAndGet();
                return primary.getConnection();
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                return getConnection();
            }
        };
    }

    @Override
    public void close() {
        checker.shutdownNow();
        pool.close();
    }
}
