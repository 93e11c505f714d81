package com.ezscale.billing.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.jobs.invoice.InvoiceRunJobConfig;
import com.ezscale.billing.jobs.nightly.NightlyJobConfig;
import com.ezscale.billing.testing.TestDatabases;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Two `serve` nodes (child JVMs, each a member of the clustered Quartz store) share one database; the
 * nightly job is fired once (as "fire now" does) and the member that takes it is killed with SIGKILL in the middle of invoice generation.
 * The other member's Quartz cluster check-in finds the dead member, fires its in-progress trigger
 * again (the nightly job requests recovery), the fire finds the execution left STARTED by a process
 * that is gone, marks it FAILED (audited) and resumes it where its last chunk committed: the day
 * completes on the surviving node with every customer invoiced once, numbered without a gap, and
 * each invoice emailed once. Child JVMs here, not two contexts in one JVM ({@link TwoNodesTest}):
 * only a process of its own can be killed the way a machine dies.
 */
class NightlyFailoverTest {

    static final int CUSTOMERS = 120;

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final List<ChildJvm> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() throws InterruptedException {
        for (ChildJvm node : nodes) {
            if (node.isAlive()) {
                node.kill();
            }
        }
    }

    private ChildJvm serve(String url, String name, String cron) throws Exception {
        java.nio.file.Files.deleteIfExists(Path.of("target", "failover-test", name + ".log")); // read for "running"
        ChildJvm node = ChildJvm.start(
                Path.of("target", "failover-test", name + ".log"),
                List.of(
                        "serve",
                        "--spring.datasource.url=" + url,
                        "--ezscale.embedded-db.enabled=false",
                        "--ezscale.schedule.nightly-cron=" + cron,
                        "--ezscale.schedule.time-zone=UTC",
                        "--spring.quartz.properties.org.quartz.scheduler.instanceId=" + name,
                        // a member checks in every 2 s (15 s configured): a dead one is found ~10 s after it died
                        "--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=2000",
                        "--spring.quartz.properties.org.quartz.scheduler.idleWaitTime=1000",
                        "--ezscale.billing.chunk-size=1",
                        "--ezscale.stripe.api-base=http://127.0.0.1:9",
                        "--management.server.port=0",
                        "--spring.mail.host=127.0.0.1",
                        "--spring.mail.port=" + MAIL.getSmtp().getPort()));
        nodes.add(node);
        return node;
    }

    @Test
    void aNodeKilledDuringNightlyIsFoundByTheClusterCheckInAndTheOtherNodeCompletesTheDay() throws Exception {
        String url = TestDatabases.newDatabaseUrl();
        Flyway.configure()
                .dataSource(url, null, null)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        // one connection, kept: the watch below asks every 5 ms, and a login per question costs the nodes CPU
        JdbcTemplate db = new JdbcTemplate(new SingleConnectionDataSource(url, true));

        // the nightly's own cron is far away: it is fired now, once both nodes are up, as an admin's "fire now" does
        String cron = "0 0 2 1 1 ? 2099";
        LocalDate asOf = LocalDate.now(ZoneOffset.UTC);
        LocalDate start = asOf.plusDays(7); // within the 14 days before a period that invoicing looks ahead
        db.update("INSERT INTO product (id, code, name, kind, seller_entity_id) VALUES (1, 'vps', 'VPS', 'VPS', 1)");
        db.update("INSERT INTO plan (id, product_id, code, name) VALUES (1, 1, 'vps-s', 'VPS S')");
        db.update(
                "INSERT INTO plan_price (plan_id, currency, cycle, recurring_price, setup_fee) VALUES (1, 'USD', 'MONTHLY', 10, 0)");
        for (int id = 1; id <= CUSTOMERS; id++) {
            db.update(
                    "INSERT INTO customer (id, name, email, country, billing_currency, status, created_at) "
                            + "VALUES (?, ?, ?, 'US', 'USD', 'ACTIVE', NOW(6))",
                    id,
                    "Customer " + id,
                    "c" + id + "@example.com");
            db.update(
                    "INSERT INTO subscription (id, customer_id, plan_id, cycle, status, anchor_day, start_date, created_at) "
                            + "VALUES (?, ?, 1, 'MONTHLY', 'ACTIVE', ?, ?, NOW(6))",
                    1000 + id,
                    id,
                    start.getDayOfMonth(),
                    start);
        }

        ChildJvm a = serve(url, "node-a", cron);
        ChildJvm b = serve(url, "node-b", cron);
        long up = System.currentTimeMillis() + 180_000;
        while (!(a.log().contains("jobs node running") && b.log().contains("jobs node running"))) {
            assertThat(System.currentTimeMillis())
                    .as("both nodes start (logs " + a.logFile() + ", " + b.logFile() + ")")
                    .isLessThan(up);
            assertThat(a.isAlive() && b.isAlive()).as("both nodes alive").isTrue();
            Thread.sleep(200);
        }
        fireNightlyNow(url);

        // the member that fired it is generating invoices, a few chunks in: kill it
        long deadline = System.currentTimeMillis() + 240_000;
        Map<String, Object> running = null;
        while (running == null && System.currentTimeMillis() < deadline && a.isAlive() && b.isAlive()) {
            try {
                List<Map<String, Object>> rows = db.queryForList("""
                        SELECT n.pid, n.node_id, e.JOB_EXECUTION_ID AS execution FROM BATCH_STEP_EXECUTION s
                          JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID
                          JOIN job_execution_owner o ON o.job_execution_id = e.JOB_EXECUTION_ID
                          JOIN job_node n ON n.node_id = o.node_id
                         WHERE s.STEP_NAME = ? AND s.STATUS = 'STARTED' AND s.COMMIT_COUNT >= 10""", InvoiceRunJobConfig.GENERATE_STEP);
                running = rows.isEmpty() ? null : rows.get(0);
            } catch (DataAccessException e) {
                running = null;
            }
            if (running == null) {
                Thread.sleep(5);
            }
        }
        assertThat(running)
                .as("a node runs the nightly's invoice generation (logs " + a.logFile() + ", " + b.logFile() + ")")
                .isNotNull();
        long pid = ((Number) running.get("pid")).longValue();
        ChildJvm fired = a.pid() == pid ? a : b;
        ChildJvm survivor = fired == a ? b : a;
        assertThat(fired.pid()).as("the owner is one of the two nodes").isEqualTo(pid);
        fired.kill();
        long killedAt = System.nanoTime();
        assertThat(db.queryForObject(
                        "SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                        String.class,
                        running.get("execution")))
                .as("the killed node left its execution running")
                .isEqualTo("STARTED");

        // the survivor completes the day
        String status = null;
        long by = System.currentTimeMillis() + 240_000;
        while (System.currentTimeMillis() < by && survivor.isAlive()) {
            status = lastNightly(db, asOf);
            if ("COMPLETED".equals(status)) {
                break;
            }
            Thread.sleep(200);
        }
        double seconds = (System.nanoTime() - killedAt) / 1e9;
        System.out.printf("failover: the surviving node completed the nightly %.1f s after the kill%n", seconds);
        assertThat(status)
                .as("the nightly of " + asOf + " completed on the surviving node; log " + survivor.logFile())
                .isEqualTo("COMPLETED");
        assertThat(survivor.log())
                .as("the survivor's Quartz found the dead member and fired its trigger again")
                .contains("recovering the fire of")
                .contains("from a failed cluster member");
        assertThat(db.queryForObject("""
                        SELECT n.pid FROM BATCH_JOB_EXECUTION e
                          JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                          JOIN job_execution_owner o ON o.job_execution_id = e.JOB_EXECUTION_ID
                          JOIN job_node n ON n.node_id = o.node_id
                         WHERE i.JOB_NAME = ? AND e.STATUS = 'COMPLETED'""", Long.class, NightlyJobConfig.NIGHTLY))
                .as("the completing execution ran on the survivor")
                .isEqualTo(survivor.pid());
        assertThat(db.queryForList("""
                        SELECT e.STATUS FROM BATCH_JOB_EXECUTION e
                          JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                         WHERE i.JOB_NAME = ? ORDER BY e.JOB_EXECUTION_ID""", String.class, NightlyJobConfig.NIGHTLY))
                .as("one instance: the killed execution (recovered: FAILED), then its restart")
                .containsExactly("FAILED", "COMPLETED");
        assertThat(db.queryForObject(
                        "SELECT COUNT(*) FROM audit_log WHERE action = 'job.recover' AND actor = ?",
                        Long.class,
                        ExecutionRecovery.ACTOR))
                .isEqualTo(1);
        assertThat(db.queryForMap("""
                        SELECT COUNT(*) AS issued, COUNT(DISTINCT customer_id) AS customers, MIN(sequence_value) AS first,
                               MAX(sequence_value) AS last, SUM(total) AS total
                          FROM invoice WHERE status <> 'DRAFT'"""))
                .as("every customer invoiced once, numbered 1 to " + CUSTOMERS + " without a gap")
                .containsEntry("issued", (long) CUSTOMERS)
                .containsEntry("customers", (long) CUSTOMERS)
                .containsEntry("first", 1L)
                .containsEntry("last", (long) CUSTOMERS);
        assertThat(db.queryForObject("SELECT COUNT(*) FROM invoice WHERE status = 'DRAFT'", Long.class))
                .isZero();
        // the invoices' emails: sent once each (the outbox runs after generation, on the survivor)
        List<String> recipients = new ArrayList<>();
        for (var message : MAIL.getReceivedMessages()) {
            recipients.add(message.getAllRecipients()[0].toString() + " | " + message.getSubject());
        }
        assertThat(recipients).doesNotHaveDuplicates();
        assertThat(recipients.stream().filter(r -> r.contains("@example.com")).count())
                .as("an email per invoice")
                .isGreaterThanOrEqualTo(CUSTOMERS);
        assertThat(survivor.isAlive()).as("the survivor keeps serving").isTrue();
    }

    /**
     * Fires the stored nightly job once, now, through a Quartz client of the same JDBC store (never
     * started: it runs nothing and takes no part in the cluster); a cluster member picks it up.
     */
    private static void fireNightlyNow(String url) throws SchedulerException {
        Properties quartz = new Properties();
        quartz.put("org.quartz.scheduler.instanceName", "ezscale-billing");
        quartz.put("org.quartz.scheduler.instanceId", "test-client");
        quartz.put("org.quartz.threadPool.threadCount", "1");
        quartz.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        quartz.put("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        quartz.put("org.quartz.jobStore.isClustered", "true");
        quartz.put("org.quartz.jobStore.dataSource", "db");
        quartz.put("org.quartz.dataSource.db.provider", "hikaricp");
        quartz.put("org.quartz.dataSource.db.driver", "com.mysql.cj.jdbc.Driver");
        quartz.put("org.quartz.dataSource.db.URL", url);
        quartz.put("org.quartz.dataSource.db.maxConnections", "2");
        // Quartz hands its pool a user of its own (empty unless set): the URL's
        java.util.regex.Matcher user =
                java.util.regex.Pattern.compile("[?&]user=([^&]*)").matcher(url);
        java.util.regex.Matcher password =
                java.util.regex.Pattern.compile("[?&]password=([^&]*)").matcher(url);
        quartz.put("org.quartz.dataSource.db.user", user.find() ? user.group(1) : "root");
        quartz.put("org.quartz.dataSource.db.password", password.find() ? password.group(1) : "");
        Scheduler client = new StdSchedulerFactory(quartz).getScheduler();
        try {
            client.triggerJob(JobKey.jobKey("nightly", "billing"));
        } finally {
            client.shutdown();
        }
    }

    private static String lastNightly(JdbcTemplate db, LocalDate asOf) {
        List<String> rows = db.queryForList("""
                SELECT e.STATUS FROM BATCH_JOB_EXECUTION e
                  JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                  JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'asOf'
                 WHERE i.JOB_NAME = ? AND p.PARAMETER_VALUE = ?
                 ORDER BY e.JOB_EXECUTION_ID DESC LIMIT 1""", String.class, NightlyJobConfig.NIGHTLY, asOf.toString());
        return rows.isEmpty() ? null : rows.get(0);
    }
}
