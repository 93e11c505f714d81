package com.ezscale.billing.jobs.gdpr;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.jobs.run.JobRunner;
import com.ezscale.billing.testing.DatabaseTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The nightly's last step: an erased customer's invoices whose ten years of retention have ended
 * lose their bill-to snapshot and PDFs, two invoices a transaction here; the others keep theirs, a
 * rerun writes nothing, and the totals finance reports on do not move.
 */
@TestPropertySource(properties = "ezscale.gdpr.erase-page=2")
class RetentionJobTest extends DatabaseTest {

    static final LocalDate AS_OF = LocalDate.parse("2026-12-01");

    @Autowired
    JobRunner runner;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anErasedCustomersInvoicesPastRetentionAreAnonymisedOnceAndTheRestKept() {
        jdbc.update(
                "INSERT INTO customer (id, name, email, country, billing_currency, status, created_at, erased_at) VALUES"
                        + " (1, 'Erased customer 1', 'erased-1@erased.invalid', 'DE', 'EUR', 'CLOSED', '2012-01-01', '2026-01-15'),"
                        + " (2, 'Carla Rossi', 'carla@example.it', 'IT', 'EUR', 'ACTIVE', '2012-01-01', NULL)");
        String invoice = "INSERT INTO invoice (id, seller_entity_id, customer_id, currency, status, series_key,"
                + " sequence_value, number, due_date, issue_date, issued_at, subtotal, tax_total, total, bill_to_name,"
                + " bill_to_email, bill_to_address, bill_to_country, created_at)"
                + " VALUES (?, 1, ?, 'EUR', 'PAID', 'OLD', ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, 'Via Roma 1', 'IT', ?)";
        Object[][] rows = {
            {1, 1, "OLD-1", "2013-05-01", "10.00", "Anna Bauer", "anna@example.de"},
            {2, 1, "OLD-2", "2014-05-01", "20.00", "Anna Bauer", "anna@example.de"},
            {3, 1, "OLD-3", "2015-05-01", "30.00", "Anna Bauer", "anna@example.de"},
            {4, 1, "OLD-4", "2020-05-01", "40.00", "Anna Bauer", "anna@example.de"},
            {5, 2, "OLD-5", "2013-05-01", "50.00", "Carla Rossi", "carla@example.it"}
        };
        for (Object[] r : rows) {
            jdbc.update(invoice, r[0], r[1], r[0], r[2], r[3], r[3], r[3], r[4], r[4], r[5], r[6], r[3]);
            // A row at a time: INSERT … SELECT of several rows into document fails on MariaDB 11.4.5 (README,
            // "MariaDB 11.4.5 and INSERT … SELECT").
            jdbc.update(
                    "INSERT INTO document (kind, source_id, number, content_type, sha256, size_bytes, content, rendered_at)"
                            + " VALUES ('INVOICE', ?, ?, 'application/pdf', REPEAT('a', 64), 3, 'pdf', NOW())",
                    r[0],
                    r[2]);
        }
        BigDecimal totalBefore = jdbc.queryForObject("SELECT SUM(total) FROM invoice", BigDecimal.class);

        JobExecution first = runner.run(RetentionJobConfig.ERASE_AFTER_RETENTION, AS_OF, "test");

        assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        StepExecution step = first.getStepExecutions().iterator().next();
        assertThat(step.getWriteCount()).isEqualTo(3);
        assertThat(step.getCommitCount()).as("two invoices a transaction").isGreaterThanOrEqualTo(2);
        assertThat(jdbc.queryForList(
                        "SELECT CONCAT(number, ' ', bill_to_name, ' ', COALESCE(bill_to_email, '-'), ' ',"
                                + " COALESCE(bill_to_address, '-'), ' ', bill_to_country) FROM invoice ORDER BY id",
                        String.class))
                .containsExactly(
                        "OLD-1 Erased customer 1 - - IT",
                        "OLD-2 Erased customer 1 - - IT",
                        "OLD-3 Erased customer 1 - - IT",
                        "OLD-4 Anna Bauer anna@example.de Via Roma 1 IT",
                        "OLD-5 Carla Rossi carla@example.it Via Roma 1 IT");
        assertThat(jdbc.queryForList("SELECT number FROM document ORDER BY number", String.class))
                .containsExactly("OLD-4", "OLD-5");
        assertThat(jdbc.queryForObject("SELECT SUM(total) FROM invoice", BigDecimal.class))
                .isEqualByComparingTo(totalBefore);
        assertThat(jdbc.queryForList(
                        "SELECT CONCAT(actor, ' ', action, ' ', target, ': ', detail) FROM audit_log"
                                + " WHERE action = 'customer.retention-erase' ORDER BY id",
                        String.class))
                .containsExactly(
                        "system:retention customer.retention-erase customer 1: 2 invoice(s) past 10 years' retention"
                                + " as of 2026-12-01: bill-to anonymised, PDFs deleted",
                        "system:retention customer.retention-erase customer 1: 1 invoice(s) past 10 years' retention"
                                + " as of 2026-12-01: bill-to anonymised, PDFs deleted");

        JobExecution rerun = runner.run(RetentionJobConfig.ERASE_AFTER_RETENTION, AS_OF.plusDays(1), "test");
        assertThat(rerun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(rerun.getStepExecutions().iterator().next().getWriteCount())
                .as("nothing left")
                .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM retention_erasure", Long.class))
                .isEqualTo(3);
    }
}
