package com.ezscale.billing.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.app.run.JobControl;
import com.ezscale.billing.audit.AuditOrigin;
import com.ezscale.billing.run.JobRequests;
import com.ezscale.billing.testing.DatabaseTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * What the portal asks for, a serve node runs: the request row and its one-shot trigger go into
 * Quartz's JDBC store, the node's scheduler fires it, the run is audited as the admin who asked,
 * from where they asked, and the request shows its execution. A refused request keeps the reason;
 * the same request fired again (a recovery after a crash) runs nothing twice.
 */
@TestPropertySource(properties = "ezscale.schedule.nightly-cron=0 0 2 1 1 ? 2099")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OnDemandJobTest extends DatabaseTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Scheduler scheduler;

    @Autowired
    JobControl control;

    private Map<String, Object> awaitFinished(long id) throws Exception {
        long by = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < by) {
            Map<String, Object> row = jdbc.queryForMap("SELECT * FROM job_request WHERE id = ?", id);
            if (!row.get("status").equals("REQUESTED") && !row.get("status").equals("STARTED")) {
                return row;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("request " + id + " did not finish");
    }

    @Test
    @Order(1)
    void aServeNodeRunsWhatThePortalAskedForOnceAndSaysWhatBecameOfIt() throws Exception {
        assertThat(control.jobs()).as("the node registered its jobs").contains("invoiceRun", "nightly");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        AuditOrigin.set("portal 203.0.113.7");
        long run;
        long refused;
        try {
            run = control.run("invoiceRun", today, "adam");
            refused = control.run("invoiceRun", today.plusYears(5), "adam");
        } finally {
            AuditOrigin.clear();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class))
                .as("the asking runs nothing")
                .isZero();

        scheduler.start(); // what `serve` does
        Map<String, Object> done = awaitFinished(run);
        assertThat(done).containsEntry("status", "DONE").containsEntry("message", "invoiceRun COMPLETED");
        assertThat(jdbc.queryForObject(
                        "SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                        String.class,
                        done.get("result_execution")))
                .isEqualTo("COMPLETED");
        assertThat(jdbc.queryForMap("SELECT actor, target, origin FROM audit_log WHERE action = 'job.run'"))
                .containsEntry("actor", "adam")
                .containsEntry("target", "invoiceRun")
                .containsEntry("origin", "portal 203.0.113.7");
        Map<String, Object> no = awaitFinished(refused);
        assertThat(no.get("status")).isEqualTo("REFUSED");
        assertThat((String) no.get("message")).contains("--as-of");

        // the same request fired again: taken already, nothing runs twice
        long executions = jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class);
        scheduler.scheduleJob(TriggerBuilder.newTrigger()
                .withIdentity("request-" + run + "-again", JobRequests.GROUP)
                .forJob(JobKey.jobKey(JobRequests.NAME, JobRequests.GROUP))
                .usingJobData(JobRequests.REQUEST, run)
                .startNow()
                .build());
        long by = System.currentTimeMillis() + 20_000;
        while (jdbc.queryForObject("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME LIKE 'request-%'", Long.class)
                        > 0
                && System.currentTimeMillis() < by) {
            Thread.sleep(200);
        }
        scheduler.standby();
        while (!scheduler.getCurrentlyExecutingJobs().isEmpty()) {
            Thread.sleep(50);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class))
                .isEqualTo(executions);
        assertThat(jdbc.queryForObject("SELECT status FROM job_request WHERE id = ?", String.class, run))
                .isEqualTo("DONE");
    }

    @Test
    @Order(2)
    void aReportAskedForInThePortalIsWrittenByAServeNodeWithItsCountsAndKeptInTheDatabase() throws Exception {
        assertThat(control.jobs()).contains(JobRequests.FINANCE_REPORT);
        assertThat(control.dayJobs()).as("not offered as a day's run").doesNotContain(JobRequests.FINANCE_REPORT);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        java.util.Set<String> names = com.ezscale.billing.reports.finance.FinanceReports.NAMES.keySet();
        long aging = control.runReport("aging", null, null, today, null, "xlsx", names, "fiona");
        long broken = control.runReport("revenue", null, null, today, null, "pdf", names, "fiona");
        scheduler.start();
        Map<String, Object> done = awaitFinished(aging);
        assertThat(done).containsEntry("status", "DONE").containsEntry("message", "financeReport COMPLETED");
        Map<String, Object> output = jdbc.queryForMap(
                "SELECT * FROM report_output WHERE job_execution_id = ?", done.get("result_execution"));
        assertThat(output)
                .containsEntry("report", "aging")
                .containsEntry("file_name", "aging-" + today + ".xlsx")
                .containsEntry("requested_by", "fiona");
        try (XSSFWorkbook book = new XSSFWorkbook(new java.io.ByteArrayInputStream((byte[]) output.get("content")))) {
            assertThat(book.getNumberOfSheets()).isPositive();
        }
        assertThat(jdbc.queryForMap(
                        "SELECT STATUS, READ_COUNT, WRITE_COUNT FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                        done.get("result_execution")))
                .containsEntry("STATUS", "COMPLETED")
                .satisfies(m -> assertThat(m.get("WRITE_COUNT"))
                        .as("every row read was written")
                        .isEqualTo(m.get("READ_COUNT")));

        Map<String, Object> failed = awaitFinished(broken);
        assertThat((String) failed.get("message"))
                .as("the failure's cause, for finance to read")
                .startsWith("financeReport FAILED: ");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM report_output WHERE job_execution_id = ?",
                        Long.class,
                        failed.get("result_execution")))
                .isZero();
        scheduler.standby();
        while (!scheduler.getCurrentlyExecutingJobs().isEmpty()) {
            Thread.sleep(50);
        }
    }
}
