package com.ezscale.billing.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.testing.DatabaseTest;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A {@code DATETIME(6)} keeps the microseconds of what the application writes, whichever way it is
 * bound (an {@code Instant} through MyBatis, a {@code LocalDateTime} or a {@code Timestamp} as
 * Spring Batch binds its start and end times), on MariaDB 10.x (whose handshake says 5.5.5-10.x),
 * MariaDB 11 and MySQL 8 alike.
 */
class FractionalSecondsTest extends DatabaseTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AuditMapper audit;

    @Test
    void aDatetime6ReadsBackToTheMicrosecond() {
        Instant at = Instant.parse("2026-11-30T01:02:03.456789Z");
        audit.insert(at, "test", "fractions", "instant", null);
        jdbc.update(
                "INSERT INTO audit_log (at, actor, action, target) VALUES (?, 'test', 'fractions', 'local')",
                LocalDateTime.parse("2026-11-30T01:02:03.123456"));
        jdbc.update(
                "INSERT INTO audit_log (at, actor, action, target) VALUES (?, 'test', 'fractions', 'timestamp')",
                Timestamp.valueOf("2026-11-30 01:02:03.000501"));

        assertThat(jdbc.queryForList(
                        "SELECT CONCAT(target, ' ', DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f')) FROM audit_log WHERE actor = 'test' ORDER BY id",
                        String.class))
                .containsExactly(
                        "instant 2026-11-30 01:02:03.456789",
                        "local 2026-11-30 01:02:03.123456",
                        "timestamp 2026-11-30 01:02:03.000501");
        assertThat(jdbc.queryForObject("SELECT at FROM audit_log WHERE target = 'instant'", LocalDateTime.class))
                .isEqualTo(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    @Autowired
    DataSource dataSource;

    /**
     * Instants are stored as their UTC wall time, the same text MyBatis' own handler (which binds a
     * {@code Timestamp}) wrote, and read back as the same instant, also by a JVM whose default time
     * zone is not UTC. Connector/J takes that zone when it connects, so the test opens its own
     * connection under New York's.
     */
    @Test
    void anInstantIsStoredInUtcWhateverTheJvmZone() throws Exception {
        Instant at = Instant.parse("2026-07-01T23:30:00.000123Z");
        HikariDataSource pool = (HikariDataSource) dataSource;
        Properties properties = new Properties();
        properties.putAll(pool.getDataSourceProperties());
        if (pool.getUsername() != null) {
            properties.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        try (Connection connection = DriverManager.getConnection(pool.getJdbcUrl(), properties)) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO audit_log (at, actor, action, target) VALUES (?, 'zone-test', 'zone', ?)")) {
                new org.apache.ibatis.type.InstantTypeHandler().setParameter(insert, 1, at, null);
                insert.setString(2, "mybatis");
                insert.executeUpdate();
                new InstantTypeHandler().setParameter(insert, 1, at, null);
                insert.setString(2, "ours");
                insert.executeUpdate();
            }
            assertThat(jdbc.queryForList(
                            "SELECT CONCAT(target, ' ', DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f')) FROM audit_log"
                                    + " WHERE actor = 'zone-test' ORDER BY id",
                            String.class))
                    .containsExactly("mybatis 2026-07-01 23:30:00.000123", "ours 2026-07-01 23:30:00.000123");
            try (PreparedStatement select = connection.prepareStatement(
                            "SELECT at FROM audit_log WHERE actor = 'zone-test' AND target = 'ours'");
                    ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(new InstantTypeHandler().getResult(rs, "at")).isEqualTo(at);
            }
        } finally {
            TimeZone.setDefault(before);
        }
        assertThat(audit.select("zone-test", "", null, 10))
                .filteredOn(entry -> entry.target().equals("ours"))
                .singleElement()
                .satisfies(entry -> assertThat(entry.at()).isEqualTo(at));
    }
}
