package com.ezscale.billing.jobs.bench;

import com.ezscale.billing.jobs.rating.RateUsageJobConfig;
import com.ezscale.billing.jobs.run.JobRunner;
import com.ezscale.billing.testing.TestDatabases;
import com.ezscale.billing.usage.UsagePeriods;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rating benchmark: N services with a commit and a quota, a full 31-day month of samples each
 * (8,928 buckets, filled server-side), then {@code rateUsage} for the day after the month closed.
 * Prints services/s, buckets/s, the time it gives for 10,000 services (86.4M buckets of a 30-day
 * month) and the peak heap.
 *
 * <pre>./mvnw -q -pl jobs exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.ezscale.billing.jobs.bench.RatingBenchmark -Dexec.args="1000"</pre>
 */
public final class RatingBenchmark {

    public static void main(String[] args) {
        int services = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        LocalDate october = LocalDate.parse("2026-10-01");
        String url = TestDatabases.newDatabaseUrl();
        try (ConfigurableApplicationContext context = Benchmarks.context(url)) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            long fillStart = System.nanoTime();
            jdbc.update(
                    "INSERT INTO product (id, code, name, kind, seller_entity_id) VALUES (1, 'ded', 'Dedicated', 'DEDICATED', 1)");
            jdbc.update(
                    "INSERT INTO plan (id, product_id, code, name) VALUES (1, 1, 'ded', 'Dedicated, 10 Mbps commit')");
            jdbc.update(
                    "INSERT INTO plan_usage_terms (plan_id, commit_mbps, quota_included, quota_unit) VALUES (1, 10, 1000, 'GB')");
            jdbc.update("INSERT INTO plan_usage_price (plan_id, currency, kind, tier_no, up_to, unit_price) VALUES "
                    + "(1, 'USD', 'MBPS', 1, NULL, 2.00), (1, 'USD', 'TRANSFER', 1, NULL, 0.01)");
            String digits =
                    "(SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 "
                            + "UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";
            String numbers = "(SELECT a.n + 10 * b.n + 100 * c.n + 1000 * d.n + 10000 * e.n AS n FROM " + digits
                    + " a, " + digits + " b, " + digits + " c, " + digits + " d, " + digits + " e)";
            jdbc.update(
                    "INSERT INTO customer (id, name, email, country, billing_currency, status, created_at) "
                            + "SELECT n + 1, CONCAT('Bench ', n), CONCAT('b', n, '@example.com'), 'US', 'USD', 'ACTIVE', NOW(6) FROM "
                            + numbers
                            + " x WHERE n < ?",
                    services);
            jdbc.update(
                    "INSERT INTO subscription (id, customer_id, plan_id, cycle, status, anchor_day, start_date, next_period_start, created_at) "
                            + "SELECT n + 1, n + 1, 1, 'MONTHLY', 'ACTIVE', 1, '2026-09-01', '2027-01-01', NOW(6) FROM "
                            + numbers + " x WHERE n < ?",
                    services);
            long first = UsagePeriods.bucket(october);
            jdbc.execute("CREATE TABLE bench_bucket (n INT NOT NULL PRIMARY KEY)");
            jdbc.update("INSERT INTO bench_bucket SELECT n FROM " + numbers + " x WHERE n < 8928");
            for (int from = 1; from <= services; from += 100) {
                jdbc.update(
                        "INSERT INTO usage_sample (subscription_id, bucket, bytes_in, bytes_out) "
                                + "SELECT s.id, ? + b.n, (s.id * 7919 + b.n * 104729) % 750000000, (s.id * 104729 + b.n * 7919) % 375000000 "
                                + "FROM subscription s, bench_bucket b WHERE s.id BETWEEN ? AND ?",
                        first, from, Math.min(services, from + 99));
            }
            double fillSeconds = (System.nanoTime() - fillStart) / 1e9;

            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP)
                    .toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            JobExecution run = context.getBean(JobRunner.class)
                    .run(RateUsageJobConfig.RATE_USAGE, LocalDate.parse("2026-11-02"), "bench");
            double seconds = (System.nanoTime() - start) / 1e9;
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            long rated = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM rated_usage WHERE period_start = '2026-10-01'", Long.class);
            long buckets = (long) services * 8928;
            System.out.printf("filled %d services × 8,928 buckets in %.1f s%n", services, fillSeconds);
            System.out.printf(
                    "rateUsage %s: %d services rated in %.1f s = %.0f services/s, %,.0f buckets/s, peak heap %d MB%n",
                    run.getStatus(), rated, seconds, rated / seconds, buckets / seconds, peak >> 20);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            System.out.printf(
                    "time reading samples %.1f s, computing %.1f s (the rest: writing, Batch)%n",
                    meters.timer("ezscale.rating.read").totalTime(TimeUnit.SECONDS),
                    meters.timer("ezscale.rating.compute").totalTime(TimeUnit.SECONDS));
            System.out.printf(
                    "at that rate 10,000 services (86.4M buckets) take %.0f s%n", 86_400_000 / (buckets / seconds));
            if (run.getStatus() != BatchStatus.COMPLETED) {
                System.exit(1);
            }
        }
        System.exit(0);
    }
}
