package com.ezscale.billing.jobs.bench;

import com.ezscale.billing.jobs.rating.RateUsageJobConfig;
import com.ezscale.billing.jobs.run.JobRunner;
import com.ezscale.billing.jobs.testing.Nodes;
import com.ezscale.billing.jobs.usage.UsageJobConfig;
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
 * (8,928 buckets, filled server-side), then {@code rateUsage} for the day after the month closed
 * over the samples as rows; then {@code compactUsage} folds the month into day rows and the month
 * is rated again from them. Prints, for both: the tables' size per service-month (data and index
 * from information_schema), services/s, buckets/s, the time it gives for 10,000 services, the
 * peak heap; and that both ratings came to the same amounts.
 *
 * <pre>./mvnw -q -pl jobs exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.ezscale.billing.jobs.bench.RatingBenchmark -Dexec.args="1000"</pre>
 *
 * <p>{@code -Dexec.args="1000 days"} skips the rating over rows: fill, fold, rate over the days.
 * {@code -Dexec.args="1000 days keep"} does that in a database kept afterwards
 * ({@code ezb_rating_bench_1000}); run again, it only rates the kept book again, twice: in the new
 * JVM, then once more in the same one (as a serve node rates every night, compiled). Arguments
 * {@code --name=value} configure the node ({@code --ezscale.billing.partitions=2}).
 */
public final class RatingBenchmark {

    /** One rateUsage run: status, services rated, seconds, peak heap, read and compute time, and the amounts rated. */
    record Rated(
            BatchStatus status,
            long rated,
            double seconds,
            long peakMb,
            double readSeconds,
            double computeSeconds,
            double writeSeconds,
            long buckets,
            String amounts) {
        @Override
        public String toString() {
            return String.format(
                    "%s, %d services rated in %.1f s = %.0f services/s, %,.0f buckets/s (reading %.1f s, computing %.1f s, writing %.1f s);"
                            + " peak heap %d MB; 10,000 services at that rate: %.0f s",
                    status,
                    rated,
                    seconds,
                    rated / seconds,
                    buckets / seconds,
                    readSeconds,
                    computeSeconds,
                    writeSeconds,
                    peakMb,
                    seconds * 10_000 / Math.max(1, rated));
        }
    }

    /** Waits (up to 10 minutes) for InnoDB to purge what was deleted and flush what was written, so a run measures itself. */
    private static void quiesce(JdbcTemplate jdbc) {
        long deadline = System.currentTimeMillis() + 600_000;
        long start = System.nanoTime();
        long lastDirty = -1;
        int steady = 0;
        while (System.currentTimeMillis() < deadline) {
            long history = jdbc.queryForObject(
                    "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'INNODB_HISTORY_LIST_LENGTH'",
                    Long.class);
            long dirty = jdbc.queryForObject(
                    "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'INNODB_BUFFER_POOL_PAGES_DIRTY'",
                    Long.class);
            // a few dirty pages the flusher leaves where they are (it does at idle) are no background work
            steady = dirty == lastDirty ? steady + 1 : 0;
            lastDirty = dirty;
            if (history < 1000 && (dirty < 1000 || steady >= 5)) {
                break;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        System.out.printf("(waited %.0f s for InnoDB's purge and flushing)%n", (System.nanoTime() - start) / 1e9);
    }

    private static Rated rate(ConfigurableApplicationContext context, JdbcTemplate jdbc, int services) {
        quiesce(jdbc);
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        double readBefore = meters.timer("ezscale.rating.read").totalTime(TimeUnit.SECONDS);
        double computeBefore = meters.timer("ezscale.rating.compute").totalTime(TimeUnit.SECONDS);
        double writeBefore = meters.timer("ezscale.rating.write").totalTime(TimeUnit.SECONDS);
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
        long rated =
                jdbc.queryForObject("SELECT COUNT(*) FROM rated_usage WHERE period_start = '2026-10-01'", Long.class);
        String amounts = jdbc.queryForObject(
                "SELECT CONCAT(SUM(billed_mbps), ' ', SUM(commit_amount), ' ', SUM(transfer_amount), ' ', SUM(bytes_in), ' ',"
                        + " SUM(bytes_out)) FROM rated_usage WHERE period_start = '2026-10-01'",
                String.class);
        return new Rated(
                run.getStatus(),
                rated,
                seconds,
                peak >> 20,
                meters.timer("ezscale.rating.read").totalTime(TimeUnit.SECONDS) - readBefore,
                meters.timer("ezscale.rating.compute").totalTime(TimeUnit.SECONDS) - computeBefore,
                meters.timer("ezscale.rating.write").totalTime(TimeUnit.SECONDS) - writeBefore,
                (long) services * 8928,
                amounts);
    }

    /** Data and index bytes of the two usage tables (after ANALYZE), and per service-month. */
    private static String storage(JdbcTemplate jdbc, long serviceMonths) {
        jdbc.execute("ANALYZE TABLE usage_sample, usage_day");
        StringBuilder out = new StringBuilder();
        long total = 0;
        for (String table : List.of("usage_sample", "usage_day")) {
            long[] sizes = jdbc.queryForObject(
                    "SELECT DATA_LENGTH, INDEX_LENGTH, (SELECT COUNT(*) FROM " + table
                            + ") FROM information_schema.TABLES"
                            + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?",
                    (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)},
                    table);
            out.append(String.format(
                    "%s %,d rows, %.1f MB data + %.1f MB index; ", table, sizes[2], sizes[0] / 1e6, sizes[1] / 1e6));
            if (sizes[2] > 0) {
                total += sizes[0] + sizes[1];
            }
        }
        return out.append(String.format(
                        "%,.0f bytes (%.1f KB) per service-month in the tables holding rows",
                        (double) total / serviceMonths, total / 1024.0 / serviceMonths))
                .toString();
    }

    /** The month's ratings, its threshold events and their emails go, so the next rating does the same work again. */
    private static void clearRatings(JdbcTemplate jdbc) {
        jdbc.update("DELETE FROM rated_usage WHERE period_start = '2026-10-01'");
        jdbc.update("DELETE FROM usage_threshold_event");
        jdbc.update("DELETE FROM outbox");
    }

    public static void main(String[] args) {
        int services = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        // "days": fold the month and rate it once, over the day rows (the rows' rating is the slow "before" figure)
        boolean daysOnly = args.length > 1 && args[1].equals("days");
        // "keep": the book is filled and folded once into a database kept for the next run, which rates it again
        boolean keep = daysOnly && args.length > 2 && args[2].equals("keep");
        LocalDate october = LocalDate.parse("2026-10-01");
        String url =
                keep ? TestDatabases.keptDatabaseUrl("ezb_rating_bench_" + services) : TestDatabases.newDatabaseUrl();
        // "--name=value" arguments configure the node (e.g. --ezscale.billing.partitions=2)
        String[] settings =
                java.util.Arrays.stream(args).filter(a -> a.startsWith("--")).toArray(String[]::new);
        try (ConfigurableApplicationContext context = Nodes.start(url, settings)) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            if (keep && jdbc.queryForObject("SELECT COUNT(*) FROM usage_day", Long.class) > 0) {
                System.out.println("rating the book kept in ezb_rating_bench_" + services + " again");
                clearRatings(jdbc);
                Rated cold = rate(context, jdbc, services);
                System.out.printf("rateUsage over days, a new JVM:        %s%n", cold);
                // a serve node rates every night: its JIT has compiled the rating already
                clearRatings(jdbc);
                Rated warm = rate(context, jdbc, services);
                System.out.printf("rateUsage over days, the JVM run once: %s%n", warm);
                System.exit(
                        cold.status() == BatchStatus.COMPLETED
                                        && warm.status() == BatchStatus.COMPLETED
                                        && cold.amounts().equals(warm.amounts())
                                ? 0
                                : 1);
            }
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

            long serviceMonths = services;
            System.out.printf("filled %d services × 8,928 buckets in %.1f s%n", services, fillSeconds);
            System.out.printf("stored as rows: %s%n", storage(jdbc, serviceMonths));

            Rated rows = daysOnly ? null : rate(context, jdbc, services);
            if (rows != null) {
                System.out.printf("rateUsage over rows:     %s%n", rows);
            }

            long foldStart = System.nanoTime();
            JobExecution fold = context.getBean(JobRunner.class)
                    .run(UsageJobConfig.COMPACT_USAGE, LocalDate.parse("2026-11-02"), "bench");
            double foldSeconds = (System.nanoTime() - foldStart) / 1e9;
            System.out.printf(
                    "compactUsage %s: %,d buckets folded into %,d day rows in %.1f s (%,.0f buckets/s)%n",
                    fold.getStatus(),
                    (long) services * 8928,
                    fold.getStepExecutions().iterator().next().getWriteCount(),
                    foldSeconds,
                    services * 8928 / foldSeconds);
            System.out.printf("stored as days: %s%n", storage(jdbc, serviceMonths));

            // the same work again: the month's ratings, its threshold events and their emails are made anew
            clearRatings(jdbc);
            Rated days = rate(context, jdbc, services);
            System.out.printf("rateUsage over days:     %s%n", days);
            if (rows != null) {
                System.out.printf("days against rows: rating %.2f× as fast%n", rows.seconds() / days.seconds());
            }
            if ((rows != null
                            && (rows.status() != BatchStatus.COMPLETED
                                    || !rows.amounts().equals(days.amounts())))
                    || days.status() != BatchStatus.COMPLETED
                    || fold.getStatus() != BatchStatus.COMPLETED) {
                System.out.println("FAILED: a run did not complete, or the two ratings differ");
                System.exit(1);
            }
        }
        System.exit(0);
    }
}
