package com.ezscale.billing.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.app.migration.ParallelRun;
import com.ezscale.billing.jobs.collection.CollectionProperties;
import com.ezscale.billing.jobs.migration.WhmcsFixture;
import com.ezscale.billing.testing.DatabaseTest;
import com.ezscale.billing.testing.TestDatabases;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Quartz fires the parallel run's night from its JDBC store while a run is open, with asOf = the
 * fire date and the WHMCS source the run was started with; without an open run the fire does nothing.
 */
@TestPropertySource(
        properties = {"ezscale.schedule.parallel-run-cron=* * * * * ?", "ezscale.schedule.nightly-cron=0 0 2 1 1 ? 2099"
        })
class ParallelRunScheduleTest extends DatabaseTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Scheduler scheduler;

    @Autowired
    ParallelRun parallelRun;

    @Autowired
    CollectionProperties collection;

    /**
     * Standby stops new fires, but not one already running, nor one the scheduler thread acquired
     * before it (it waits for the trigger's time, up to a second ahead with this cron, and fires it
     * anyway): let those start, then wait for them to end, or one races the test's own night.
     */
    private void standby() throws Exception {
        scheduler.standby();
        Thread.sleep(2_000);
        while (!scheduler.getCurrentlyExecutingJobs().isEmpty()) {
            Thread.sleep(50);
        }
    }

    @Test
    void theTriggerRunsTheOpenParallelRunsNightAndNothingWithoutOne() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String whmcs = TestDatabases.newDatabaseUrl();
        WhmcsFixture.create(whmcs, 10, today.minusDays(1), 5);
        assertThat(jdbc.queryForObject(
                        "SELECT CRON_EXPRESSION FROM QRTZ_CRON_TRIGGERS WHERE TRIGGER_NAME = 'parallel-run'",
                        String.class))
                .isEqualTo("* * * * * ?");

        scheduler.start(); // what `serve` does
        Thread.sleep(2_500);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM migration_run", Long.class))
                .as("no parallel run open: the fires do nothing")
                .isZero();
        standby();

        parallelRun.night(whmcs, today.minusDays(1), null, "finance", collection.schedule());

        // WHMCS's database unreachable: the admins are told, once for the night
        jdbc.update("UPDATE parallel_run SET source = 'jdbc:mysql://127.0.0.1:1/whmcs'");
        scheduler.start();
        long alertBy = System.currentTimeMillis() + 30_000;
        while (alerts() == 0 && System.currentTimeMillis() < alertBy) {
            Thread.sleep(250);
        }
        standby();
        Thread.sleep(1_500);
        assertThat(alerts()).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT payload FROM outbox WHERE dedupe_key LIKE 'ALERT:PARALLEL_RUN_FAILED:%'", String.class))
                .contains("cannot read the WHMCS database")
                .contains("parallel-run --as-of");
        assertThat(nights()).isZero();

        // the credentials stay out of the stored URL; this machine's WHMCS needs them in it
        jdbc.update("UPDATE parallel_run SET source = ?", whmcs);
        scheduler.start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (nights() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        standby();

        assertThat(nights()).as("a night run by the schedule").isPositive();
        assertThat(jdbc.queryForObject("SELECT last_as_of FROM parallel_run", LocalDate.class))
                .isBetween(today, today.plusDays(1));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer WHERE NOT shadow", Long.class))
                .isZero();
    }

    private long alerts() {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'ALERT:PARALLEL_RUN_FAILED:%'", Long.class);
    }

    private long nights() {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'migration.parallel-run' AND actor = 'schedule'",
                Long.class);
    }
}
