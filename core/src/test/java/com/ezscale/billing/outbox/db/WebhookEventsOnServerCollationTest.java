package com.ezscale.billing.outbox.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.testing.TestDatabases;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.jdbc.Sql;

/**
 * The webhook statement in a database created without a collation, as the embedded default's is:
 * its default is the server's ({@code utf8mb4_general_ci}) while the tables are
 * {@code utf8mb4_unicode_ci}, and {@code JSON_TABLE}'s columns take the database's. Comparing them
 * unnamed failed with "Illegal mix of collations" (the demo's nightly stopped on it).
 */
@SpringBootTest(properties = "ezscale.embedded-db.enabled=false")
@Sql("/mapper-fixture.sql")
class WebhookEventsOnServerCollationTest {

    private static final String URL = TestDatabases.newDatabaseUrl("");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> URL);
    }

    @Autowired
    OutboxMapper outbox;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void eventsAreQueuedForTheEndpointsThatTakeTheirType() {
        assertThat(jdbc.queryForObject("SELECT @@collation_database", String.class))
                .isEqualTo("utf8mb4_general_ci");
        jdbc.update(
                "INSERT INTO webhook_endpoint (id, customer_id, url, secret, events, enabled, created_by, created_at)"
                        + " VALUES (1, 1, 'https://a.example/hook', 'whsec_a', 'invoice.paid,invoice.created', TRUE, 'ada', NOW())");
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        assertThat(outbox.insertWebhookEventsOf(
                        List.of(
                                new OutboxMapper.WebhookEvent(1, "invoice.created", "evt_1", "{}"),
                                new OutboxMapper.WebhookEvent(1, "payment.failed", "evt_2", "{}")),
                        at))
                .as("the endpoint takes invoice.created, not payment.failed")
                .isEqualTo(1);
    }
}
