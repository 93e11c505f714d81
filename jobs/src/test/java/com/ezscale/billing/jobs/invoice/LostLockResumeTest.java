package com.ezscale.billing.jobs.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.jobs.demo.DemoData;
import com.ezscale.billing.jobs.demo.DemoDataLoader;
import com.ezscale.billing.jobs.run.JobRunner;
import com.ezscale.billing.testing.DatabaseTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A real deadlock against the invoice run: another transaction (a second node issuing, say) holds the number
 * series while a chunk that has written its drafts waits for it, then asks for one of those drafts. MariaDB
 * breaks the cycle by rolling the chunk back (the lighter of the two) and asks for it again. The run is resumed
 * where its last chunk committed, by itself: it ends COMPLETED with one invoice per customer and no gap, and
 * the resume is in the audit log. Without the resume the run ends FAILED and the night waits for an admin.
 */
// two ranges: a partitioned step's manager fails with a summary of its failed range, which must not stop the resume
@TestPropertySource(properties = {"ezscale.billing.chunk-size=5", "ezscale.billing.partitions=2"})
class LostLockResumeTest extends DatabaseTest {

    static final LocalDate AS_OF = LocalDate.parse("2026-11-20");

    @Autowired
    JobRunner runner;

    @Autowired
    DemoDataLoader loader;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void aChunkChosenAsADeadlocksVictimIsResumedAndTheRunCompletes() throws Exception {
        loader.load(DemoData.generate(29, 30, AS_OF, LocalDate.parse("2026-09-01"), 1));
        jdbc.execute("CREATE TABLE test_weight (id INT PRIMARY KEY)");
        CompletableFuture<JobExecution> run;
        try (Connection other = dataSource.getConnection();
                Statement st = other.createStatement()) {
            other.setAutoCommit(false);
            // heavier than any chunk, so that MariaDB rolls the chunk back, not this transaction
            st.execute("INSERT INTO test_weight (id) SELECT seq FROM seq_1_to_5000");
            // holds the series (and the gap where it would be created) as an issuer does
            st.executeQuery("SELECT * FROM number_series FOR UPDATE").close();

            run = CompletableFuture.supplyAsync(() -> runner.run(InvoiceRunJobConfig.INVOICE_RUN, AS_OF, "test"));
            waitForAChunkWaitingOnTheSeries();
            // the cycle: this transaction now wants the drafts the waiting chunk has written
            try (ResultSet drafts = st.executeQuery("SELECT id FROM invoice WHERE status = 'DRAFT' FOR UPDATE")) {
                while (drafts.next()) {
                    // read through: the chunk's drafts are gone once it is rolled back
                }
            }
            other.rollback();
        }

        JobExecution last = run.get(120, TimeUnit.SECONDS);
        assertThat(last.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<String> executions = jdbc.queryForList(
                "SELECT CONCAT(e.JOB_EXECUTION_ID, ' ', e.STATUS) FROM BATCH_JOB_EXECUTION e"
                        + " WHERE e.JOB_INSTANCE_ID = (SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE"
                        + " JOB_EXECUTION_ID = ?) ORDER BY e.JOB_EXECUTION_ID",
                String.class,
                last.getId());
        assertThat(executions)
                .as("the run failed on the deadlock once, then was resumed")
                .containsExactly(last.getId() - 1 + " FAILED", last.getId() + " COMPLETED");
        assertThat(jdbc.queryForList(
                        "SELECT CONCAT(actor, ' ', action, ' ', target, ' ', detail) FROM audit_log WHERE action = 'job.resume'",
                        String.class))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("job-recovery job.resume invoiceRun execution=" + (last.getId() - 1) + " after a lost lock")
                .contains("Deadlock found");

        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM invoice WHERE status = 'DRAFT' AND NOT on_hold", Long.class))
                .as("no draft left waiting")
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM (SELECT customer_id FROM invoice WHERE run_id IS NOT NULL"
                                + " GROUP BY customer_id, currency HAVING COUNT(*) > 1) twice",
                        Long.class))
                .as("no customer billed twice")
                .isZero();
        long invoices = jdbc.queryForObject("SELECT COUNT(*) FROM invoice", Long.class);
        assertThat(invoices).isGreaterThan(5);
        assertThat(runner.run(InvoiceRunJobConfig.INVOICE_RUN, AS_OF, "test").getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM invoice", Long.class))
                .as("a second run finds nothing the resumed run left to bill")
                .isEqualTo(invoices);
        assertThat(jdbc.queryForObject(
                        "SELECT MAX(sequence_value) - COUNT(*) FROM invoice WHERE series_key IS NOT NULL", Long.class))
                .as("no gap")
                .isZero();
    }

    /** Until a transaction of the run waits for a lock: only the series is held, so it waits for the series. */
    private void waitForAChunkWaitingOnTheSeries() throws InterruptedException {
        long by = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < by) {
            Long waiting = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM information_schema.innodb_trx WHERE trx_state = 'LOCK WAIT'", Long.class);
            if (waiting > 0) {
                return;
            }
            // InnoDB refreshes what innodb_trx shows only when it has not been read for 100 ms
            Thread.sleep(250);
        }
        throw new AssertionError("no chunk came to wait for the number series");
    }
}
