package com.ezscale.billing.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.testing.DatabaseTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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
                        "SELECT CONCAT(target, ' ', DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f')) FROM audit_log ORDER BY id",
                        String.class))
                .containsExactly(
                        "instant 2026-11-30 01:02:03.456789",
                        "local 2026-11-30 01:02:03.123456",
                        "timestamp 2026-11-30 01:02:03.000501");
        assertThat(jdbc.queryForObject("SELECT at FROM audit_log WHERE target = 'instant'", LocalDateTime.class))
                .isEqualTo(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
    }
}
