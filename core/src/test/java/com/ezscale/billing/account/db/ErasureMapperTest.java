package com.ezscale.billing.account.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.testing.MapperTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Each erasure statement anonymises its customer's rows and no one else's. */
class ErasureMapperTest extends MapperTest {

    static final Instant AT = Instant.parse("2026-11-30T16:00:00Z");

    @Autowired
    ErasureMapper erasure;

    @Test
    void aCustomersPersonalDataIsAnonymisedAndNoOneElses() {
        update(
                "INSERT INTO customer_user (id, customer_id, email, name, role, password_hash, enabled, created_at) VALUES"
                        + " (1, 1, 'ada@example.com', 'Ada', 'OWNER', '$2a$hash', TRUE, NOW()),"
                        + " (2, 2, 'bruno@example.de', 'Bruno', 'OWNER', '$2a$hash', TRUE, NOW())");
        update(
                "INSERT INTO customer_login (email, remote_address, at, outcome) VALUES"
                        + " ('ada@example.com', '203.0.113.7', NOW(), 'PASSWORD_OK'), ('bruno@example.de', '198.51.100.1', NOW(), 'PASSWORD_OK')");
        update("INSERT INTO customer_password_token (token_hash, customer_user_id, created_at, expires_at) VALUES"
                + " (REPEAT('a', 64), 1, NOW(), NOW()), (REPEAT('b', 64), 2, NOW(), NOW())");
        update(
                "INSERT INTO api_token (customer_id, name, token_hash, scopes, created_by, created_at) VALUES"
                        + " (1, 'ci', REPEAT('c', 64), 'read', 'ada', NOW()), (2, 'erp', REPEAT('d', 64), 'read', 'bruno', NOW())");
        update("INSERT INTO webhook_endpoint (customer_id, url, secret, events, enabled, created_by, created_at) VALUES"
                + " (1, 'https://ada.example/hook', 'whsec_a', '*', TRUE, 'ada', NOW()),"
                + " (2, 'https://bruno.example/hook', 'whsec_b', '*', TRUE, 'bruno', NOW())");
        update(
                "INSERT INTO outbox (dedupe_key, channel, action, customer_id, payload, status, attempts, next_attempt_at, created_at)"
                        + " VALUES ('E1', 'EMAIL', 'reminder', 1, '{\"to\":\"ada@example.com\"}', 'DONE', 1, NOW(), NOW()),"
                        + " ('E2', 'EMAIL', 'overdue', 1, '{\"to\":\"ada@example.com\"}', 'PENDING', 0, NOW(), NOW()),"
                        + " ('E3', 'EMAIL', 'reminder', 2, '{\"to\":\"bruno@example.de\"}', 'PENDING', 0, NOW(), NOW())");
        update("INSERT INTO audit_log (at, actor, action, target, detail) VALUES"
                + " (NOW(), 'customer:ada@example.com', 'api-token.create', 'customer 1', 'ci (read)'),"
                + " (NOW(), 'adam', 'customer-user.add', 'customer 1', 'ada@example.com, OWNER'),"
                + " (NOW(), 'adam', 'customer.edit', 'customer 1', 'name Ada Lovelace'),"
                + " (NOW(), 'adam', 'customer-user.add', 'customer 2', 'bruno@example.de, OWNER')");

        assertThat(erasure.anonymiseCustomer(1, AT)).isEqualTo(1);
        assertThat(erasure.anonymiseCustomer(1, AT)).as("once").isZero();
        assertThat(erasure.anonymiseLoginHistory(1)).isEqualTo(1);
        assertThat(erasure.deletePasswordTokens(1)).isEqualTo(1);
        assertThat(erasure.anonymiseLogins(1)).isEqualTo(1);
        assertThat(erasure.revokeTokens(1, AT)).isEqualTo(1);
        assertThat(erasure.anonymiseWebhooks(1)).isEqualTo(1);
        assertThat(erasure.scrubEmails(1)).isEqualTo(2);
        assertThat(erasure.scrubAudit("ada@example.com", "Ada Lovelace", "erased customer 1"))
                .isEqualTo(3);

        assertThat(
                        sql(
                                String.class,
                                "SELECT CONCAT(name, ' ', email, ' ', status, ' ', erased_at IS NOT NULL) FROM customer WHERE id = 1"))
                .isEqualTo("Erased customer 1 erased-1@erased.invalid CLOSED 1");
        assertThat(sql(String.class, "SELECT CONCAT(name, ' ', email) FROM customer WHERE id = 2"))
                .isEqualTo("Bruno Weber bruno@example.de");
        assertThat(sql(Long.class, "SELECT COUNT(*) FROM customer_login WHERE email = 'ada@example.com'"))
                .isZero();
        assertThat(sql(Long.class, "SELECT COUNT(*) FROM customer_login WHERE email = 'bruno@example.de'"))
                .isEqualTo(1);
        assertThat(
                        sql(
                                String.class,
                                "SELECT CONCAT(email, ' ', enabled, ' ', password_hash IS NULL) FROM customer_user WHERE id = 1"))
                .isEqualTo("erased-1@erased.invalid 0 1");
        assertThat(sql(Long.class, "SELECT COUNT(*) FROM customer_password_token"))
                .isEqualTo(1);
        assertThat(sql(Long.class, "SELECT COUNT(*) FROM api_token WHERE revoked_at IS NULL"))
                .isEqualTo(1);
        assertThat(sql(Long.class, "SELECT COUNT(*) FROM webhook_endpoint WHERE enabled"))
                .isEqualTo(1);
        assertThat(
                        sql(
                                String.class,
                                "SELECT GROUP_CONCAT(CONCAT(dedupe_key, ' ', status, ' ', payload) ORDER BY dedupe_key SEPARATOR '; ') FROM outbox"))
                .isEqualTo(
                        "E1 DONE {\"erased\": true}; E2 CANCELLED {\"erased\": true}; E3 PENDING {\"to\":\"bruno@example.de\"}");
        assertThat(sql(
                        Long.class,
                        "SELECT COUNT(*) FROM audit_log WHERE CONCAT(actor, target, detail) LIKE '%ada@example.com%'"
                                + " OR detail LIKE '%Ada Lovelace%'"))
                .isZero();
        assertThat(sql(Long.class, "SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%bruno@example.de%'"))
                .isEqualTo(1);
    }
}
