package com.ezscale.billing.account.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.testing.MapperTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
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

        assertThat(erasure.selectErasureRequest(1)).isNull();
        assertThat(erasure.requestErasure(1, AT, "customer:ada@example.com")).isEqualTo(1);
        assertThat(erasure.requestErasure(1, AT.plusSeconds(60), "customer:ada@example.com"))
                .as("the first request counts")
                .isZero();
        assertThat(erasure.selectErasureRequest(1)).isEqualTo(new ErasureRequest(AT, "customer:ada@example.com"));
        assertThat(erasure.selectErasureRequest(2)).isNull();
        assertThat(erasure.anonymiseCustomer(1, AT)).isEqualTo(1);
        assertThat(erasure.anonymiseCustomer(1, AT)).as("once").isZero();
        assertThat(erasure.selectErasureRequest(1))
                .as("when it was asked stays; who asked is personal data")
                .isEqualTo(new ErasureRequest(AT, null));
        assertThat(erasure.requestErasure(1, AT, "x"))
                .as("an erased customer asks nothing")
                .isZero();
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

    /**
     * Bruno (customer 2) erased; his invoices: 2014 (past ten years' retention in 2026), 2016 (not
     * yet: kept until the end of 2026), 2015 credited in 2017 (kept for the credit note). Ada's 2014
     * invoice: she is not erased.
     */
    @Test
    void anErasedCustomersInvoicesPastRetentionLoseTheirSnapshotAndPdfsAndOnlyThey() {
        LocalDate asOf = LocalDate.parse("2026-12-01");
        update("UPDATE customer SET erased_at = NOW(), name = 'Erased customer 2' WHERE id = 2");
        String invoice = "INSERT INTO invoice (id, seller_entity_id, customer_id, currency, status, series_key,"
                + " sequence_value, number, due_date, issue_date, issued_at, subtotal, tax_total, total, bill_to_name,"
                + " bill_to_company, bill_to_email, bill_to_address, bill_to_country, bill_to_vat_number, created_at)"
                + " VALUES (?, 1, ?, 'EUR', 'PAID', 'OLD', ?, ?, ?, ?, ?, 40, 0, 40, 'Bruno Weber', 'Weber GmbH',"
                + " 'bruno@example.de', 'Hauptstr. 1, Berlin', 'DE', 'DE123456789', ?)";
        for (Object[] row : new Object[][] {
            {101, 2, 1, "OLD-2014", "2014-06-15"},
            {102, 2, 2, "OLD-2016", "2016-03-01"},
            {103, 2, 3, "OLD-2015", "2015-02-01"},
            {104, 1, 4, "OLD-2014-ADA", "2014-07-01"}
        }) {
            update(invoice, row[0], row[1], row[2], row[3], row[4], row[4], row[4], row[4]);
        }
        update(
                "INSERT INTO credit_note (id, seller_entity_id, customer_id, invoice_id, currency, series_key, sequence_value,"
                        + " number, kind, reason, settlement, balance_reduction, issue_date, subtotal, tax_total, total, issued_by, issued_at)"
                        + " VALUES (31, 1, 2, 101, 'EUR', 'CN-OLD', 1, 'CN-OLD-1', 'AMOUNT', 'goodwill', 'ACCOUNT_CREDIT', 0,"
                        + " '2014-08-01', 5, 0, 5, 'finance', '2014-08-01 09:00:00'),"
                        + " (32, 1, 2, 103, 'EUR', 'CN-OLD', 2, 'CN-OLD-2', 'AMOUNT', 'goodwill', 'ACCOUNT_CREDIT', 0,"
                        + " '2017-01-10', 5, 0, 5, 'finance', '2017-01-10 09:00:00')");
        update(
                "INSERT INTO document (kind, source_id, number, content_type, sha256, size_bytes, content, rendered_at) VALUES"
                        + " ('INVOICE', 101, 'OLD-2014', 'application/pdf', REPEAT('1', 64), 3, 'pdf', NOW()),"
                        + " ('CREDIT_NOTE', 31, 'CN-OLD-1', 'application/pdf', REPEAT('2', 64), 3, 'pdf', NOW()),"
                        + " ('INVOICE', 102, 'OLD-2016', 'application/pdf', REPEAT('3', 64), 3, 'pdf', NOW()),"
                        + " ('INVOICE', 104, 'OLD-2014-ADA', 'application/pdf', REPEAT('4', 64), 3, 'pdf', NOW())");

        assertThatThrownBy(() -> update("UPDATE invoice SET bill_to_name = 'Erased customer 2', bill_to_company = NULL,"
                        + " bill_to_email = NULL, bill_to_address = NULL, bill_to_vat_number = NULL WHERE id = 101"))
                .as("no record of its erasure: the snapshot is frozen")
                .hasMessageContaining("invoice is issued and immutable");
        assertThatThrownBy(() -> update("DELETE FROM document WHERE number = 'OLD-2014'"))
                .hasMessageContaining("a stored document is immutable");

        List<RetentionCandidate> due = erasure.selectPastRetention(asOf, 10, 0, 10);
        assertThat(due).containsExactly(new RetentionCandidate(101, 2));
        assertThat(erasure.selectPastRetention(asOf, 10, 101, 10)).isEmpty();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        update(invoice, 105, 2, 5, "NEW-TODAY", today, today, today, today);
        assertThat(erasure.selectPastRetention(today.plusYears(20), 10, 0, 10))
                .as("a date ahead of the database's own counts as its own")
                .extracting(RetentionCandidate::invoiceId)
                .doesNotContain(105L);
        assertThatThrownBy(() -> erasure.insertRetentionErasures(
                        List.of(new RetentionCandidate(105, 2)), today.plusYears(20), 10, AT))
                .hasMessageContaining("retention period has ended");
        assertThatThrownBy(() -> erasure.insertRetentionErasures(List.of(new RetentionCandidate(102, 2)), asOf, 10, AT))
                .as("the database refuses an invoice still within retention")
                .hasMessageContaining("retention period has ended");
        assertThatThrownBy(() -> erasure.insertRetentionErasures(List.of(new RetentionCandidate(103, 2)), asOf, 10, AT))
                .as("or whose credit note is")
                .hasMessageContaining("retention period has ended");
        assertThatThrownBy(() -> erasure.insertRetentionErasures(List.of(new RetentionCandidate(104, 1)), asOf, 10, AT))
                .as("or a customer not erased")
                .hasMessageContaining("retention period has ended");

        assertThat(erasure.insertRetentionErasures(due, asOf, 10, AT)).isEqualTo(1);
        assertThat(erasure.anonymiseInvoiceSnapshots(List.of(101L))).isEqualTo(1);
        assertThat(erasure.deleteInvoiceDocuments(List.of(101L))).isEqualTo(2);

        assertThat(jdbc.queryForMap("SELECT bill_to_name, bill_to_company, bill_to_email, bill_to_address,"
                        + " bill_to_vat_number, bill_to_country, number, total FROM invoice WHERE id = 101"))
                .containsEntry("bill_to_name", "Erased customer 2")
                .containsEntry("bill_to_company", null)
                .containsEntry("bill_to_email", null)
                .containsEntry("bill_to_address", null)
                .containsEntry("bill_to_vat_number", null)
                .containsEntry("bill_to_country", "DE")
                .containsEntry("number", "OLD-2014")
                .hasEntrySatisfying("total", t -> assertThat((BigDecimal) t).isEqualByComparingTo("40"));
        assertThat(jdbc.queryForList("SELECT number FROM document ORDER BY number", String.class))
                .containsExactly("OLD-2014-ADA", "OLD-2016");
        assertThat(sql(Long.class, "SELECT COUNT(*) FROM invoice WHERE bill_to_email = 'bruno@example.de'"))
                .as("the invoices still within retention, and Ada's, keep theirs")
                .isEqualTo(4);
        assertThat(erasure.selectPastRetention(asOf, 10, 0, 10))
                .as("a rerun finds nothing")
                .isEmpty();
        assertThatThrownBy(() -> update("UPDATE invoice SET total = 41 WHERE id = 101"))
                .as("amounts stay frozen")
                .hasMessageContaining("invoice is issued and immutable");
        assertThatThrownBy(() -> update("UPDATE invoice SET bill_to_name = 'Someone else' WHERE id = 101"))
                .as("the snapshot may only become the anonymised one")
                .hasMessageContaining("invoice is issued and immutable");
        assertThatThrownBy(() -> update("DELETE FROM retention_erasure"))
                .hasMessageContaining("a retention erasure is a record");
    }

    /**
     * Several invoices recorded in one statement. Found 2026-12-04: as {@code INSERT … SELECT}, two rows into this
     * table (it has a {@code BEFORE UPDATE} trigger) failed on MariaDB 11.4.5 with "Column 'invoice_id' cannot be
     * null". And the customer a row names must be the invoice's own.
     */
    @Test
    void severalInvoicesPastRetentionAreRecordedInOneStatementEachUnderItsOwnCustomer() {
        LocalDate asOf = LocalDate.parse("2026-12-01");
        update("UPDATE customer SET erased_at = NOW(), name = 'Erased customer 2' WHERE id = 2");
        for (Object[] row : new Object[][] {{111, 1, "OLD-2013", "2013-05-01"}, {112, 2, "OLD-2014-B", "2014-09-01"}}) {
            update(
                    "INSERT INTO invoice (id, seller_entity_id, customer_id, currency, status, series_key, sequence_value,"
                            + " number, due_date, issue_date, issued_at, subtotal, tax_total, total, bill_to_name, created_at)"
                            + " VALUES (?, 1, 2, 'EUR', 'PAID', 'OLD', ?, ?, ?, ?, ?, 40, 0, 40, 'Bruno Weber', ?)",
                    row[0],
                    row[1],
                    row[2],
                    row[3],
                    row[3],
                    row[3],
                    row[3]);
        }
        List<RetentionCandidate> due = erasure.selectPastRetention(asOf, 10, 0, 10);
        assertThat(due).containsExactly(new RetentionCandidate(111, 2), new RetentionCandidate(112, 2));

        assertThatThrownBy(() -> erasure.insertRetentionErasures(
                        List.of(new RetentionCandidate(111, 2), new RetentionCandidate(112, 1)), asOf, 10, AT))
                .as("a row naming another customer than the invoice's is refused, and the statement with it")
                .hasMessageContaining("retention period has ended");
        assertThat(sql(Long.class, "SELECT COUNT(*) FROM retention_erasure")).isZero();

        assertThat(erasure.insertRetentionErasures(due, asOf, 10, AT)).isEqualTo(2);
        assertThat(jdbc.queryForList(
                        "SELECT CONCAT(invoice_id, ' ', customer_id, ' ', as_of, ' ', retention_years)"
                                + " FROM retention_erasure ORDER BY invoice_id",
                        String.class))
                .containsExactly("111 2 2026-12-01 10", "112 2 2026-12-01 10");
        assertThat(erasure.selectPastRetention(asOf, 10, 0, 10))
                .as("a rerun finds nothing")
                .isEmpty();
    }
}
