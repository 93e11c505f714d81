package com.ezscale.billing.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.jobs.demo.DemoData;
import com.ezscale.billing.jobs.demo.DemoDataLoader;
import com.ezscale.billing.testing.DatabaseTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Quartz, from its JDBC store, fires the nightly trigger; each fire starts the nightly Batch job
 * with asOf = the fire date, and the fires after the first on the same day do nothing.
 */
@TestPropertySource(properties = "ezscale.schedule.nightly-cron=* * * * * ?")
class NightlyScheduleTest extends DatabaseTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DemoDataLoader loader;

    @Autowired
    Scheduler scheduler;

    @Test
    void theTriggerFiresTheNightlyRunOncePerDay() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        loader.load(DemoData.generate(5, 10, today, today.minusMonths(1), 1));

        assertThat(jdbc.queryForMap(
                        "SELECT CRON_EXPRESSION, TIME_ZONE_ID FROM QRTZ_CRON_TRIGGERS WHERE TRIGGER_NAME = 'nightly'"))
                .containsEntry("CRON_EXPRESSION", "* * * * * ?")
                .containsEntry("TIME_ZONE_ID", "UTC");

        scheduler.start(); // what `serve` does (spring.quartz.auto-startup=true)
        long deadline = System.currentTimeMillis() + 30_000;
        while (completedNightlies() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        Thread.sleep(3_000); // let a few more fires happen
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE", Long.class))
                .as("the node checked in to the cluster")
                .isPositive();
        List<Map<String, Object>> instances = jdbc.queryForList("""
                SELECT p.PARAMETER_VALUE AS as_of, COUNT(DISTINCT i.JOB_INSTANCE_ID) AS instances
                  FROM BATCH_JOB_INSTANCE i
                  JOIN BATCH_JOB_EXECUTION e ON e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID
                  JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'asOf'
                 WHERE i.JOB_NAME = 'nightly'
                 GROUP BY p.PARAMETER_VALUE""");
        assertThat(instances).isNotEmpty();
        assertThat(instances).allSatisfy(row -> {
            assertThat(LocalDate.parse((String) row.get("as_of"))).isBetween(today, today.plusDays(1));
            assertThat(((Number) row.get("instances")).longValue())
                    .as("one nightly per day")
                    .isEqualTo(1);
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM invoice WHERE status = 'ISSUED'", Long.class))
                .isPositive();
        scheduler.standby();
    }

    private long completedNightlies() {
        return jdbc.queryForObject("""
                SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                 WHERE i.JOB_NAME = 'nightly' AND e.STATUS = 'COMPLETED'""", Long.class);
    }
}
