package com.ezscale.billing.jobs.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.jobs.BillingAssertions;
import com.ezscale.billing.jobs.demo.DemoData;
import com.ezscale.billing.jobs.demo.DemoDataLoader;
import com.ezscale.billing.jobs.run.JobRunner;
import com.ezscale.billing.jobs.testing.Nodes;
import com.ezscale.billing.testing.DatabaseTest;
import com.ezscale.billing.testing.TestDatabases;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A run that crashes mid-way (the database refuses a write in the middle of generation, then in
 * the middle of issuing) and is restarted ends with exactly the invoices, lines and numbers of an
 * uninterrupted run of the same book on another database.
 */
@TestPropertySource(properties = "ezscale.billing.chunk-size=5")
class InvoiceRunRestartTest extends DatabaseTest {

    static final LocalDate WINDOW_START = LocalDate.parse("2026-09-01");
    static final LocalDate AS_OF = LocalDate.parse("2026-11-20");
    static final long SEED = 23;
    static final int CUSTOMERS = 80;

    @Autowired
    JobRunner runner;

    @Autowired
    DemoDataLoader loader;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRestartedRunEndsWithTheInvoicesOfAnUninterruptedRun() {
        loader.load(book());
        loader.loadRules(jdbc);
        jdbc.execute("""
                CREATE TRIGGER test_crash_generation BEFORE INSERT ON invoice_line FOR EACH ROW
                BEGIN
                  IF (SELECT customer_id FROM invoice WHERE id = NEW.invoice_id) >= 40 THEN
                    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected failure while generating';
                  END IF;
                END""");
        jdbc.execute("""
                CREATE TRIGGER test_crash_issue BEFORE UPDATE ON invoice FOR EACH ROW
                BEGIN
                  IF OLD.status = 'DRAFT' AND NEW.status = 'ISSUED' AND NEW.customer_id >= 60 THEN
                    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected failure while issuing';
                  END IF;
                END""");

        JobExecution first = runner.run(InvoiceRunJobConfig.INVOICE_RUN, AS_OF, "test");
        assertThat(first.getStatus()).isEqualTo(BatchStatus.FAILED);
        long draftsBeforeCrash = jdbc.queryForObject("SELECT COUNT(*) FROM invoice", Long.class);
        assertThat(draftsBeforeCrash)
                .as("chunks before the crash stay committed")
                .isPositive();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM invoice WHERE customer_id >= 40", Long.class))
                .isZero();

        jdbc.execute("DROP TRIGGER test_crash_generation");
        JobExecution second = runner.restart(first.getId(), "test");
        assertThat(second.getStatus())
                .as("generation goes on from customer 40, issuing crashes at customer 60")
                .isEqualTo(BatchStatus.FAILED);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM invoice WHERE status = 'ISSUED' AND customer_id >= 40", Long.class))
                .as("the chunks of the restart before the crash committed, issued")
                .isPositive();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM invoice WHERE customer_id >= 60", Long.class))
                .as("a chunk's drafts are issued in its own transaction: the chunk that could not issue left nothing,"
                        + " no draft waits unissued and no number was taken")
                .isZero();
        assertThat(jdbc.queryForObject("SELECT MAX(sequence_value) - COUNT(*) FROM invoice", Long.class))
                .as("no gap after the crash either")
                .isZero();

        jdbc.execute("DROP TRIGGER test_crash_issue");
        JobExecution third = runner.restart(second.getId(), "test");
        assertThat(third.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.queryForList("SELECT dedupe_key FROM outbox WHERE channel = 'ALERT' ORDER BY id", String.class))
                .as("each failed execution alerted the admins, once")
                .containsExactly("ALERT:JOB_FAILED:" + first.getId(), "ALERT:JOB_FAILED:" + second.getId());
        assertThat(jdbc.queryForObject(
                        "SELECT payload FROM outbox WHERE dedupe_key = ?",
                        String.class,
                        "ALERT:JOB_FAILED:" + second.getId()))
                .contains("job invoiceRun failed")
                .contains("restart " + second.getId())
                .contains("injected failure while issuing");

        List<String> restarted = BillingAssertions.issuedInvoices(jdbc);
        assertThat(restarted).hasSizeGreaterThan(50);
        List<String> ledger = BillingAssertions.ledger(jdbc);
        assertThat(restarted).isEqualTo(uninterruptedRunOfTheSameBook(ledger));
        assertThat(ledger).as("credit was applied at issue").anyMatch(e -> e.contains(" APPLIED "));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM invoice WHERE status = 'DRAFT'", Long.class))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT MAX(sequence_value) - COUNT(*) FROM invoice", Long.class))
                .as("no gap")
                .isZero();
    }

    private DemoData book() {
        return DemoData.generate(SEED, CUSTOMERS, AS_OF, WINDOW_START, 1);
    }

    /** The invoices of an uninterrupted run of the same book; its credit ledger must equal {@code ledger}. */
    private List<String> uninterruptedRunOfTheSameBook(List<String> ledger) {
        try (ConfigurableApplicationContext reference =
                Nodes.start(TestDatabases.newDatabaseUrl(), "--ezscale.billing.chunk-size=5")) {
            reference.getBean(DemoDataLoader.class).load(book());
            reference.getBean(DemoDataLoader.class).loadRules(reference.getBean(JdbcTemplate.class));
            JobExecution run = reference.getBean(JobRunner.class).run(InvoiceRunJobConfig.INVOICE_RUN, AS_OF, "test");
            assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(BillingAssertions.ledger(reference.getBean(JdbcTemplate.class)))
                    .as("credit applied once across the restarts")
                    .isEqualTo(ledger);
            return BillingAssertions.issuedInvoices(reference.getBean(JdbcTemplate.class));
        }
    }
}
