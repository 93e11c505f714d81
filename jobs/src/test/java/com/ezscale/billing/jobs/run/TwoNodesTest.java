package com.ezscale.billing.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.app.outbox.OutboxWriter;
import com.ezscale.billing.jobs.invoice.InvoiceRunJobConfig;
import com.ezscale.billing.jobs.outbox.OutboxProcessor;
import com.ezscale.billing.jobs.testing.Nodes;
import com.ezscale.billing.notice.Notices;
import com.ezscale.billing.testing.TestDatabases;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two jobs nodes on one database, as `serve` runs them: two application contexts in this JVM, each
 * with its own connection pool and its own member of the clustered Quartz store (instance ids
 * differ, the scheduler name is the cluster's). Two contexts rather than two child JVMs because
 * what is shared between nodes is only the database, which this shares exactly, and it takes
 * seconds instead of a minute; killing a node is what the child-JVM tests do ({@link
 * NightlyCrashTest}). Across the two nodes: 1,000 one-shot triggers fire exactly once; invoice runs
 * for disjoint sets of customers, issuing at the same time, leave the number series gapless; the
 * outbox carried out by both at once sends each row once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesTest {

    @RegisterExtension
    static final GreenMailExtension MAIL =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    ConfigurableApplicationContext a;
    ConfigurableApplicationContext b;
    JdbcTemplate jdbc;

    /** A Quartz job that records which cluster member fired which trigger (no unique key: a double fire would show). */
    public static class RecordFire implements Job {
        @Autowired
        JdbcTemplate jdbc;

        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            try {
                jdbc.update(
                        "INSERT INTO test_fire (trigger_name, instance_id) VALUES (?, ?)",
                        context.getTrigger().getKey().getName(),
                        context.getScheduler().getSchedulerInstanceId());
            } catch (SchedulerException e) {
                throw new JobExecutionException(e);
            }
        }
    }

    private ConfigurableApplicationContext node(String url, String name) {
        return Nodes.start(
                url,
                "--spring.quartz.properties.org.quartz.scheduler.instanceId=" + name,
                // a member polls for triggers every second (30 s by default): both members see new triggers at once
                "--spring.quartz.properties.org.quartz.scheduler.idleWaitTime=1000",
                "--spring.quartz.properties.org.quartz.threadPool.threadCount=4",
                "--ezscale.schedule.nightly-cron=0 0 2 1 1 ? 2099",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + MAIL.getSmtp().getPort());
    }

    @BeforeAll
    void startTwoNodes() {
        String url = TestDatabases.newDatabaseUrl();
        a = node(url, "node-a");
        b = node(url, "node-b");
        jdbc = a.getBean(JdbcTemplate.class);
    }

    @AfterAll
    void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    /** Runs the two nodes' work at once and waits for both. */
    private static <T> List<T> atOnce(Callable<T> onA, Callable<T> onB) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CyclicBarrier start = new CyclicBarrier(2); // neither begins before the other's thread is there
        try {
            Future<T> first = pool.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return onA.call();
            });
            Future<T> second = pool.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return onB.call();
            });
            return List.of(first.get(), second.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(1)
    void aThousandOneShotTriggersFireExactlyOnceAcrossTheTwoNodes() throws Exception {
        jdbc.execute("CREATE TABLE test_fire (id BIGINT AUTO_INCREMENT PRIMARY KEY, trigger_name VARCHAR(64) NOT NULL,"
                + " instance_id VARCHAR(64) NOT NULL)");
        Scheduler onA = a.getBean(Scheduler.class);
        Scheduler onB = b.getBean(Scheduler.class);
        assertThat(onA.getSchedulerName()).isEqualTo(onB.getSchedulerName());
        assertThat(onA.getSchedulerInstanceId()).isNotEqualTo(onB.getSchedulerInstanceId());
        onA.start();
        onB.start();
        var job = JobBuilder.newJob(RecordFire.class)
                .withIdentity("record-fire", "test")
                .storeDurably()
                .build();
        onA.addJob(job, true);
        Date at = new Date(System.currentTimeMillis() + 2_000);
        for (int i = 0; i < 1000; i++) {
            onA.scheduleJob(TriggerBuilder.newTrigger()
                    .withIdentity("once-" + i, "test")
                    .forJob(job)
                    .startAt(at)
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                    .build());
        }
        long by = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < by
                && jdbc.queryForObject("SELECT COUNT(*) FROM test_fire", Long.class) < 1000) {
            Thread.sleep(200);
        }
        Thread.sleep(1_000); // a second fire of anything would land by now
        onA.standby();
        onB.standby();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM test_fire", Long.class))
                .as("every trigger fired, none twice")
                .isEqualTo(1000);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT trigger_name) FROM test_fire", Long.class))
                .isEqualTo(1000);
        Map<String, Long> byNode = new java.util.TreeMap<>();
        jdbc.query("SELECT instance_id, COUNT(*) AS n FROM test_fire GROUP BY instance_id", rs -> {
            byNode.put(rs.getString(1), rs.getLong(2));
        });
        assertThat(byNode).as("both members fired some: " + byNode).containsOnlyKeys("node-a", "node-b");
    }

    @Test
    @Order(2)
    void invoiceRunsForDisjointCustomersIssuingAtOnceLeaveTheSeriesGapless() throws Exception {
        jdbc.update("INSERT INTO product (id, code, name, kind, seller_entity_id) VALUES (1, 'vps', 'VPS', 'VPS', 1)");
        jdbc.update("INSERT INTO plan (id, product_id, code, name) VALUES (1, 1, 'vps-s', 'VPS S')");
        jdbc.update(
                "INSERT INTO plan_price (plan_id, currency, cycle, recurring_price, setup_fee) VALUES (1, 'USD', 'MONTHLY', 10, 0)");
        int customers = 40;
        for (int id = 1; id <= customers; id++) {
            jdbc.update(
                    "INSERT INTO customer (id, name, email, country, billing_currency, status, created_at) "
                            + "VALUES (?, ?, ?, 'US', 'USD', 'ACTIVE', NOW(6))",
                    id,
                    "Customer " + id,
                    "c" + id + "@example.com");
            jdbc.update(
                    "INSERT INTO subscription (id, customer_id, plan_id, cycle, status, anchor_day, start_date, created_at) "
                            + "VALUES (?, ?, 1, 'MONTHLY', 'ACTIVE', 1, '2026-11-01', NOW(6))",
                    100 + id,
                    id);
        }
        LocalDate asOf = LocalDate.parse("2026-10-20");
        List<List<String>> runs = atOnce(
                () -> invoiceRuns(a, asOf, 1, customers), // node A: the odd customers
                () -> invoiceRuns(b, asOf, 2, customers)); // node B: the even ones, at the same time
        runs.forEach(statuses -> assertThat(statuses).containsOnly("COMPLETED"));
        assertThat(jdbc.queryForMap(
                        "SELECT COUNT(*) AS issued, MIN(sequence_value) AS first, MAX(sequence_value) AS last,"
                                + " COUNT(DISTINCT number) AS numbers FROM invoice WHERE status <> 'DRAFT'"))
                .as("one invoice each, numbered 1 to 40 without a gap or a repeat")
                .containsEntry("issued", (long) customers)
                .containsEntry("first", 1L)
                .containsEntry("last", (long) customers)
                .containsEntry("numbers", (long) customers);
    }

    private static List<String> invoiceRuns(ConfigurableApplicationContext node, LocalDate asOf, int first, int last) {
        JobRunner runner = node.getBean(JobRunner.class);
        List<String> statuses = new ArrayList<>();
        for (long id = first; id <= last; id += 2) {
            BatchStatus status = runner.runForCustomer(InvoiceRunJobConfig.INVOICE_RUN, asOf, id, "test")
                    .getStatus();
            statuses.add(status.name());
        }
        return statuses;
    }

    @Test
    @Order(3)
    void theOutboxCarriedOutByBothNodesAtOnceSendsEachRowOnce() throws Exception {
        OutboxWriter writer = a.getBean(OutboxWriter.class);
        for (int i = 0; i < 200; i++) {
            writer.email(
                    "EMAIL:TWO-NODES:" + i,
                    null,
                    null,
                    "n" + i + "@example.com",
                    new Notices.Unsuspended("Customer " + i, "vps-" + i));
        }
        long rows = jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE channel = 'EMAIL'", Long.class);
        assertThat(rows).isGreaterThanOrEqualTo(200);
        List<OutboxProcessor.Result> results = atOnce(
                () -> a.getBean(OutboxProcessor.class).processDue(),
                () -> b.getBean(OutboxProcessor.class).processDue());
        assertThat(results.get(0).done() + results.get(1).done())
                .as("the rows shared between the nodes: " + results + " "
                        + jdbc.queryForList(
                                "SELECT CONCAT(id, ' ', status, ' ', attempts, ' ', COALESCE(last_error, '')) FROM outbox WHERE status <> 'DONE'",
                                String.class))
                .isEqualTo((int) rows);
        assertThat(results).allSatisfy(r -> assertThat(r.done()).isPositive());
        List<String> sent = new ArrayList<>();
        for (var m : MAIL.getReceivedMessages()) {
            sent.add(m.getAllRecipients()[0] + " | " + m.getSubject());
        }
        assertThat(sent)
                .as("each row sent once; " + results)
                .doesNotHaveDuplicates()
                .hasSize((int) rows);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM outbox WHERE channel = 'EMAIL' AND status = 'DONE' AND attempts = 1",
                        Long.class))
                .isEqualTo(rows);
    }
}
