package com.ezscale.billing.jobs.bench;

import com.ezscale.billing.jobs.collection.CollectJobConfig;
import com.ezscale.billing.jobs.collection.StripeStub;
import com.ezscale.billing.jobs.run.JobRunner;
import com.ezscale.billing.testing.TestDatabases;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import mockwebserver3.MockWebServer;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The collection benchmark: N issued invoices due today, each customer with a saved card, charged
 * by {@code collect} through stripe-java against the Stripe stub, which allows R requests a second
 * (answering 429 beyond, as Stripe does). Prints charges/s, the stub's 429s and the JVM's CPU use:
 * a run held to the gateway's limit runs at R/s with most of a core idle.
 *
 * <pre>EZSCALE_TEST_DB_URL=... ./mvnw -q -pl jobs exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.ezscale.billing.jobs.bench.CollectionBenchmark -Dexec.args="10000 100 8"</pre>
 * (invoices, the gateway's requests per second, charges at once)
 */
public final class CollectionBenchmark {

    public static void main(String[] args) throws Exception {
        int invoices = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int perSecond = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        String concurrency = args.length > 2 ? args[2] : "4";
        LocalDate asOf = LocalDate.parse("2026-12-01");
        StripeStub stripe = new StripeStub();
        stripe.limitPerSecond(perSecond);
        try (MockWebServer server = stripe.start()) {
            String url = TestDatabases.newDatabaseUrl();
            try (ConfigurableApplicationContext context = Benchmarks.context(
                    url,
                    "--ezscale.stripe.api-key=sk_test_stub",
                    "--ezscale.stripe.api-base=" + StripeStub.apiBase(server),
                    "--ezscale.stripe.requests-per-second=" + perSecond,
                    "--ezscale.stripe.concurrency=" + concurrency,
                    "--spring.datasource.hikari.maximum-pool-size=" + (Integer.parseInt(concurrency) + 4))) {
                JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
                String digits =
                        "(SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 "
                                + "UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";
                jdbc.execute("CREATE TABLE bench_n (n INT NOT NULL PRIMARY KEY)");
                jdbc.update(
                        "INSERT INTO bench_n SELECT a.n + 10 * b.n + 100 * c.n + 1000 * d.n + 10000 * e.n + 100000 * f.n AS n FROM "
                                + digits + " a, " + digits + " b, " + digits + " c, " + digits + " d, " + digits
                                + " e, " + digits + " f "
                                + "HAVING n < ?",
                        invoices);
                jdbc.update(
                        "INSERT INTO customer (id, name, email, country, billing_currency, status, created_at) "
                                + "SELECT n + 1, CONCAT('Bench ', n), CONCAT('b', n, '@example.com'), 'US', 'USD', 'ACTIVE', NOW(6) FROM bench_n");
                jdbc.update(
                        "INSERT INTO gateway_customer (customer_id, gateway, gateway_customer_id, payment_method_id, updated_at) "
                                + "SELECT n + 1, 'STRIPE', CONCAT('cus_', n), 'pm_card_visa', NOW(6) FROM bench_n");
                jdbc.update(
                        "INSERT INTO invoice (id, seller_entity_id, customer_id, currency, status, number, series_key, sequence_value, due_date, "
                                + "issue_date, subtotal, tax_total, total, created_at) SELECT n + 1, 1, n + 1, 'USD', 'ISSUED', CONCAT('B-', n), 'B', n, ?, "
                                + "DATE_SUB(?, INTERVAL 14 DAY), 40, 0, 40, NOW(6) FROM bench_n",
                        asOf,
                        asOf);

                OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                long cpuStart = os.getProcessCpuTime();
                long start = System.nanoTime();
                JobExecution run = context.getBean(JobRunner.class).run(CollectJobConfig.COLLECT, asOf, "bench");
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
                String summary = run.getStepExecutions().stream()
                        .filter(s -> s.getStepName().equals(CollectJobConfig.COLLECT_STEP))
                        .findFirst()
                        .orElseThrow()
                        .getExecutionContext()
                        .getString("summary");
                long paid = jdbc.queryForObject("SELECT COUNT(*) FROM invoice WHERE status = 'PAID'", Long.class);
                System.out.printf("collect %s (%s charges at once): %s%n", run.getStatus(), concurrency, summary);
                System.out.printf(
                        "%,d invoices paid in %.1f s = %.1f charges/s against a limit of %d/s; stub: %,d requests, %,d answered 429; "
                                + "JVM CPU %.1f s = %.0f%% of one core (the stub runs in this JVM too)%n",
                        paid,
                        seconds,
                        paid / seconds,
                        perSecond,
                        stripe.requests.get(),
                        stripe.rateLimited.get(),
                        cpu,
                        100 * cpu / seconds);
            }
        }
    }
}
