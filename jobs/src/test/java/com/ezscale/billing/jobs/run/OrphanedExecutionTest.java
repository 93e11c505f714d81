package com.ezscale.billing.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.jobs.demo.DemoData;
import com.ezscale.billing.jobs.demo.DemoDataLoader;
import com.ezscale.billing.jobs.invoice.InvoiceRunJobConfig;
import com.ezscale.billing.jobs.nightly.NightlyJobConfig;
import com.ezscale.billing.testing.DatabaseTest;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A job's JVM killed with SIGKILL leaves its execution STARTED. {@code restart ID} recovers it
 * (marked FAILED with the reason, audited, the admins alerted) and resumes it where its chunks
 * stopped; a scheduled day ({@code runForDay}: the Quartz trigger, the demo) is recovered and resumed
 * by its next trigger instead of being skipped; restarting a completed execution says so.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrphanedExecutionTest extends DatabaseTest {

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final LocalDate AS_OF = TODAY.minusDays(14);

    @Autowired
    JobRunner runner;

    @Autowired
    DemoDataLoader loader;

    @Autowired
    JdbcTemplate jdbc;

    @Value("${spring.datasource.url}")
    String databaseUrl;

    private ChildJvm child(String name, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of(
                "--spring.datasource.url=" + databaseUrl,
                "--ezscale.embedded-db.enabled=false",
                "--ezscale.billing.chunk-size=1",
                "--ezscale.collection.chunk-size=1"));
        return ChildJvm.start(Path.of("target", "orphan-test", name + ".log"), args);
    }

    /** Kills the child once {@code step} has committed a chunk (it is mid-way), and returns the execution it left. */
    private long killInside(ChildJvm child, String step) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            List<Long> running = jdbc.queryForList(
                    "SELECT s.JOB_EXECUTION_ID FROM BATCH_STEP_EXECUTION s WHERE s.STEP_NAME = ? "
                            + "AND s.STATUS = 'STARTED' AND s.COMMIT_COUNT >= 1",
                    Long.class,
                    step);
            if (!running.isEmpty()) {
                child.kill();
                return running.get(0);
            }
            assertThat(child.isAlive())
                    .as("the child ended before " + step + " was under way; log " + child.logFile())
                    .isTrue();
            Thread.sleep(5);
        }
        throw new AssertionError(step + " never started; log " + child.logFile());
    }

    private String status(long execution) {
        return jdbc.queryForObject(
                "SELECT CONCAT(STATUS, ' ', EXIT_CODE) FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                String.class,
                execution);
    }

    @Test
    @Order(1)
    void restartRecoversAnExecutionWhoseProcessWasKilledAndResumesIt() throws Exception {
        loader.load(DemoData.generate(5, 30, AS_OF, AS_OF.minusMonths(1), 1));
        ChildJvm run = child("run", "run", "invoiceRun", "--as-of", AS_OF.toString());
        long killed = killInside(run, InvoiceRunJobConfig.GENERATE_STEP);
        assertThat(status(killed)).as("left behind by the dead process").startsWith("STARTED");
        long committed = jdbc.queryForObject("SELECT COUNT(*) FROM invoice", Long.class);
        assertThat(committed).as("its committed chunks stay").isPositive();

        JobExecution resumed = runner.restart(killed, "test");
        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(status(killed)).isEqualTo("FAILED FAILED");
        assertThat(jdbc.queryForObject(
                        "SELECT EXIT_MESSAGE FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                        String.class,
                        killed))
                .contains("left STARTED: its process (")
                .contains("pid " + run.pid() + ") is gone");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STATUS IN ('STARTING', 'STARTED')",
                        Long.class))
                .isZero();
        assertThat(jdbc.queryForList(
                        "SELECT CONCAT(actor, ' ', action) FROM audit_log WHERE action IN ('job.recover', 'job.restart') ORDER BY id",
                        String.class))
                .containsExactly("job-recovery job.recover", "test job.restart");
        assertThat(jdbc.queryForObject(
                        "SELECT payload FROM outbox WHERE dedupe_key = ?",
                        String.class,
                        "ALERT:JOB_ORPHANED:" + killed))
                .contains("job invoiceRun was interrupted")
                .contains("restart " + killed);
        assertThat(jdbc.queryForObject(
                        "SELECT MAX(sequence_value) - COUNT(*) FROM invoice WHERE number IS NOT NULL", Long.class))
                .as("no gap")
                .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM invoice WHERE status = 'DRAFT'", Long.class))
                .isZero();

        assertThatThrownBy(() -> runner.restart(resumed.getId(), "test"))
                .hasMessage("execution " + resumed.getId() + " of invoiceRun (asOf " + AS_OF
                        + ") completed: there is nothing to restart");
    }

    @Test
    @Order(2)
    void theNextTriggerOfADayWhoseProcessWasKilledResumesItInsteadOfSkippingIt() throws Exception {
        LocalDate day = TODAY; // the invoices issued 14 days ago: those due 5 days ago or more get late fees today
        // demo (the same runForDay as the Quartz trigger) for one day, killed in the middle of its dunning
        ChildJvm demo = child("demo", "demo", "--as-of", day.toString(), "--months", "0", "--flows", "0");
        long killed = killInside(demo, "dunningLadder");
        assertThat(status(killed)).startsWith("STARTED");

        Optional<JobExecution> trigger = runner.runForDay(NightlyJobConfig.NIGHTLY, day);
        assertThat(trigger).as("not skipped as 'already running'").isPresent();
        assertThat(trigger.get().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(trigger.get().getJobInstance().getInstanceId())
                .as("the same day, resumed")
                .isEqualTo(jdbc.queryForObject(
                        "SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                        Long.class,
                        killed));
        assertThat(status(killed)).isEqualTo("FAILED FAILED");
        assertThat(runner.runForDay(NightlyJobConfig.NIGHTLY, day))
                .as("a later trigger of a completed day does nothing")
                .isEmpty();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS IN ('STARTING', 'STARTED', 'STOPPING')",
                        Long.class))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dunning_step WHERE kind = 'LATE_FEE'", Long.class))
                .isPositive();
    }

    @Test
    @Order(3)
    void anExecutionWhoseProcessIsAliveIsNotTakenFromIt() throws Exception {
        ChildJvm run = child("alive", "run", "dunning", "--as-of", TODAY.toString());
        long execution = -1;
        long deadline = System.currentTimeMillis() + 120_000;
        while (execution < 0 && System.currentTimeMillis() < deadline) {
            List<Long> running = jdbc.queryForList(
                    "SELECT s.JOB_EXECUTION_ID FROM BATCH_STEP_EXECUTION s JOIN BATCH_JOB_INSTANCE i "
                            + "ON i.JOB_INSTANCE_ID = (SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION e WHERE e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID) "
                            + "WHERE i.JOB_NAME = 'dunning' AND s.STATUS = 'STARTED'",
                    Long.class);
            execution = running.isEmpty() ? -1 : running.get(0);
            Thread.sleep(5);
        }
        assertThat(execution)
                .as("the dunning run started; log " + run.logFile())
                .isPositive();
        long id = execution;
        assertThatThrownBy(() -> runner.restart(id, "test"))
                .hasMessageContaining("is running on node ")
                .hasMessageContaining("pid " + run.pid() + " (heartbeat ");
        assertThat(runner.recoverOrphans()).isEmpty();
        assertThat(run.await(120))
                .as("it finishes undisturbed; log " + run.logFile())
                .isZero();
        assertThat(status(id)).isEqualTo("COMPLETED COMPLETED");
    }
}
