package com.ezscale.billing.jobs.bench;

import com.ezscale.billing.jobs.collection.CollectJobConfig;
import com.ezscale.billing.jobs.collection.StripeStub;
import com.ezscale.billing.jobs.run.JobRunner;
import com.ezscale.billing.jobs.testing.Nodes;
import com.ezscale.billing.testing.PayPalStub;
import com.ezscale.billing.testing.TestDatabases;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import mockwebserver3.MockWebServer;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The collection benchmark: N issued invoices due today, a mixed book (P % of the customers pay
 * through PayPal with a vaulted wallet, the others with a card at Stripe), charged by {@code
 * collect} through stripe-java and PayPal's SDK against their stubs, each limited to its gateway's
 * rate (answering 429 beyond, as both do). Prints charges/s per gateway, the stubs' 429s, the
 * duplicates (charges or captures sent twice for one attempt: 0) and the JVM's CPU use: a run held
 * to the gateways' limits runs at about their rates at once with most of a core idle.
 *
 * <pre>EZSCALE_TEST_DB_URL=... ./mvnw -q -pl jobs exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.ezscale.billing.jobs.bench.CollectionBenchmark -Dexec.args="10000 100 8 20 30 4"</pre>
 * (invoices, Stripe's requests per second, Stripe's charges at once, the PayPal share in %, PayPal's
 * requests per second, PayPal's charges at once)
 */
public final class CollectionBenchmark {

    public static void main(String[] args) throws Exception {
        int invoices = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int perSecond = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        String concurrency = args.length > 2 ? args[2] : "4";
        int paypalShare = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int paypalPerSecond = args.length > 4 ? Integer.parseInt(args[4]) : 30;
        String paypalConcurrency = args.length > 5 ? args[5] : "4";
        LocalDate asOf = LocalDate.parse("2026-12-01");
        StripeStub stripe = new StripeStub();
        stripe.limitPerSecond(perSecond);
        PayPalStub paypal = new PayPalStub();
        paypal.limitPerSecond(paypalPerSecond);
        try (MockWebServer server = stripe.start();
                MockWebServer paypalServer = paypal.start()) {
            String url = TestDatabases.newDatabaseUrl();
            try (ConfigurableApplicationContext context = Nodes.start(
                    url,
                    "--ezscale.stripe.api-key=sk_test_stub",
                    "--ezscale.stripe.api-base=" + StripeStub.apiBase(server),
                    "--ezscale.stripe.requests-per-second=" + perSecond,
                    "--ezscale.stripe.concurrency=" + concurrency,
                    "--ezscale.paypal.client-id=" + PayPalStub.CLIENT_ID,
                    "--ezscale.paypal.client-secret=" + PayPalStub.CLIENT_SECRET,
                    "--ezscale.paypal.api-base=" + paypal.apiBase(),
                    "--ezscale.paypal.requests-per-second=" + paypalPerSecond,
                    "--ezscale.paypal.concurrency=" + paypalConcurrency,
                    "--spring.datasource.hikari.maximum-pool-size="
                            + (Integer.parseInt(concurrency) + Integer.parseInt(paypalConcurrency) + 4))) {
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
                // paypalShare customers of each hundred pay through PayPal, the others by card at Stripe
                jdbc.update("UPDATE customer SET preferred_gateway = 'PAYPAL' WHERE MOD(id - 1, 100) < ?", paypalShare);
                jdbc.update(
                        "INSERT INTO gateway_customer (customer_id, gateway, gateway_customer_id, payment_method_id, updated_at) "
                                + "SELECT n + 1, 'STRIPE', CONCAT('cus_', n), 'pm_card_visa', NOW(6) FROM bench_n WHERE MOD(n, 100) >= ?",
                        paypalShare);
                jdbc.update(
                        "INSERT INTO gateway_customer (customer_id, gateway, gateway_customer_id, payment_method_id, updated_at) "
                                + "SELECT n + 1, 'PAYPAL', CONCAT('PPCUS-', n), CONCAT('tok-', n), NOW(6) FROM bench_n WHERE MOD(n, 100) < ?",
                        paypalShare);
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
                long byCard = jdbc.queryForObject("SELECT COUNT(*) FROM payment WHERE method = 'CARD'", Long.class);
                long byPayPal = jdbc.queryForObject("SELECT COUNT(*) FROM payment WHERE method = 'PAYPAL'", Long.class);
                // each gateway's own rate: its payments over the span from its first to its last
                String span =
                        "SELECT GREATEST(TIMESTAMPDIFF(MICROSECOND, MIN(created_at), MAX(created_at)), 1) / 1e6 FROM payment WHERE method = ?";
                double cardSeconds = jdbc.queryForObject(span, Double.class, "CARD");
                double paypalSeconds = jdbc.queryForObject(span, Double.class, "PAYPAL");
                long stripeDuplicates = stripe.charges.size()
                        - stripe.charges.stream()
                                .map(StripeStub.Charge::idempotencyKey)
                                .distinct()
                                .count();
                long paypalDuplicates = paypal.captures.size()
                        - paypal.captures.stream()
                                .map(PayPalStub.Capture::invoiceId)
                                .distinct()
                                .count();
                System.out.printf(
                        "collect %s (%s + %s charges at once): %s%n",
                        run.getStatus(), concurrency, paypalConcurrency, summary);
                System.out.printf(
                        "%,d invoices paid in %.1f s = %.1f charges/s; JVM CPU %.1f s = %.0f%% of one core (the stubs run in this JVM too)%n",
                        paid, seconds, paid / seconds, cpu, 100 * cpu / seconds);
                System.out.printf(
                        "  Stripe: %,d charges in %.1f s = %.1f/s against a limit of %d/s; %,d requests, %,d answered 429; duplicates %d%n",
                        byCard,
                        cardSeconds,
                        byCard / cardSeconds,
                        perSecond,
                        stripe.requests.get(),
                        stripe.rateLimited.get(),
                        stripeDuplicates);
                System.out.printf(
                        "  PayPal: %,d captures in %.1f s = %.1f/s against a limit of %d/s; %,d requests, %,d answered 429; duplicates %d%n",
                        byPayPal,
                        paypalSeconds,
                        byPayPal / paypalSeconds,
                        paypalPerSecond,
                        paypal.requests.get(),
                        paypal.rateLimited.get(),
                        paypalDuplicates);
            }
        }
    }
}
