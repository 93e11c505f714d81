package com.ezscale.billing.jobs.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.jobs.demo.DemoData;
import com.ezscale.billing.jobs.demo.DemoDataLoader;
import com.ezscale.billing.jobs.run.JobRunner;
import com.ezscale.billing.testing.DatabaseTest;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A generate chunk numbers the drafts it has just written without locking them again, so it counts what
 * the issue statement issued: a draft it did not issue would leave its number unused. Here the database
 * itself turns one customer's new invoice into something that is no longer a draft (a test trigger), the
 * chunk holding it must fail whole, and the series keeps no gap; with the trigger gone a restart ends the run.
 */
@TestPropertySource(properties = "ezscale.billing.chunk-size=5")
class ChunkIssueCountTest extends DatabaseTest {

    static final LocalDate AS_OF = LocalDate.parse("2026-11-20");

    @Autowired
    JobRunner runner;

    @Autowired
    DemoDataLoader loader;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aChunkWhoseDraftIsNotIssuedFailsWholeAndLeavesNoGap() {
        loader.load(DemoData.generate(23, 30, AS_OF, LocalDate.parse("2026-09-01"), 1));
        long victim = jdbc.queryForObject("SELECT MIN(id) + 12 FROM customer", Long.class);
        jdbc.execute("""
                CREATE TRIGGER test_not_a_draft BEFORE INSERT ON invoice FOR EACH ROW
                BEGIN
                  IF NEW.customer_id = %d AND NEW.status = 'DRAFT' THEN
                    SET NEW.status = 'VOID', NEW.number = CONCAT('TEST-', NEW.customer_id), NEW.issue_date = NEW.due_date;
                  END IF;
                END""".formatted(victim));

        JobExecution first = runner.run(InvoiceRunJobConfig.INVOICE_RUN, AS_OF, "test");
        assertThat(first.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(first.getExitStatus().getExitDescription()).contains("drafts just written for seller");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM invoice WHERE customer_id = ?", Long.class, victim))
                .as("the chunk rolled back whole")
                .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM invoice WHERE status = 'ISSUED'", Long.class))
                .as("the chunks before it committed")
                .isPositive();
        assertThat(jdbc.queryForObject(
                        "SELECT COALESCE(MAX(sequence_value), 0) - COUNT(*) FROM invoice WHERE series_key IS NOT NULL",
                        Long.class))
                .as("no number taken for the draft that was not issued")
                .isZero();

        jdbc.execute("DROP TRIGGER test_not_a_draft");
        assertThat(runner.restart(first.getId(), "test").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM invoice WHERE customer_id = ? AND status = 'ISSUED'", Long.class, victim))
                .isPositive();
        assertThat(jdbc.queryForObject("SELECT MAX(sequence_value) - COUNT(*) FROM invoice", Long.class))
                .as("no gap")
                .isZero();
    }
}
