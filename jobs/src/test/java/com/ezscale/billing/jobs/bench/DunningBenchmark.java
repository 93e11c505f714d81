package com.ezscale.billing.jobs.bench;

import com.ezscale.billing.jobs.dunning.DunningJobConfig;
import com.ezscale.billing.jobs.run.JobRunner;
import com.ezscale.billing.jobs.testing.Nodes;
import com.ezscale.billing.testing.TestDatabases;
import java.time.Duration;
import java.time.LocalDate;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The dunning benchmark: N issued, unpaid invoices (4 per customer, one service each) due between 7
 * days ahead and 33 days ago, so the passes take every kind of step (reminders, notices, warnings,
 * late fee invoices, suspensions, terminations). Three passes: the day before (a ladder that never
 * ran catches up with everything at once), the day (the nightly pass: that day's steps), the same
 * day again (nothing to do). Prints invoices/s of the ladder step for each, and what was written.
 *
 * <pre>EZSCALE_TEST_DB_URL=... ./mvnw -q -pl jobs exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.ezscale.billing.jobs.bench.DunningBenchmark -Dexec.args="100000"</pre>
 */
public final class DunningBenchmark {

    public static void main(String[] args) {
        int invoices = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int customers = (invoices + 3) / 4;
        String chunk = args.length > 1 ? args[1] : "";
        LocalDate asOf = LocalDate.parse("2026-12-15");
        String url = TestDatabases.newDatabaseUrl();
        try (ConfigurableApplicationContext context =
                Nodes.start(url, chunk.isEmpty() ? "--ezscale.bench=1" : "--ezscale.collection.chunk-size=" + chunk)) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            long fillStart = System.nanoTime();
            String digits =
                    "(SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 "
                            + "UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";
            String numbers = "(SELECT a.n + 10 * b.n + 100 * c.n + 1000 * d.n + 10000 * e.n + 100000 * f.n AS n FROM "
                    + digits + " a, " + digits + " b, " + digits + " c, " + digits + " d, " + digits + " e, " + digits
                    + " f)";
            jdbc.execute("CREATE TABLE bench_n (n INT NOT NULL PRIMARY KEY)");
            jdbc.update("INSERT INTO bench_n SELECT n FROM " + numbers + " x WHERE n < ?", invoices);
            jdbc.update(
                    "INSERT INTO product (id, code, name, kind, seller_entity_id) VALUES (1, 'vps', 'VPS', 'VPS', 1)");
            jdbc.update("INSERT INTO plan (id, product_id, code, name) VALUES (1, 1, 'vps', 'VPS')");
            jdbc.update(
                    "INSERT INTO customer (id, name, email, country, billing_currency, status, created_at) "
                            + "SELECT n + 1, CONCAT('Bench ', n), CONCAT('b', n, '@example.com'), 'US', 'USD', 'ACTIVE', NOW(6) FROM bench_n WHERE n < ?",
                    customers);
            jdbc.update(
                    "INSERT INTO subscription (id, customer_id, plan_id, cycle, status, anchor_day, start_date, label, created_at) "
                            + "SELECT n + 1, n + 1, 1, 'MONTHLY', 'ACTIVE', 1, '2026-09-01', CONCAT('vps-', n), NOW(6) FROM bench_n WHERE n < ?",
                    customers);
            // due between 7 days ahead and 33 days ago, spread evenly
            jdbc.update(
                    "INSERT INTO invoice (id, seller_entity_id, customer_id, currency, status, due_date, subtotal, tax_total, total, created_at) "
                            + "SELECT n + 1, 1, MOD(n, ?) + 1, 'USD', 'DRAFT', DATE_SUB(?, INTERVAL (MOD(n, 41) - 7) DAY), 40, 0, 40, NOW(6) FROM bench_n",
                    customers,
                    asOf);
            jdbc.update(
                    "INSERT INTO invoice_line (invoice_id, line_no, subscription_id, charge_kind, period_start, period_end_exclusive, description, "
                            + "quantity, unit_price, amount) SELECT n + 1, 1, MOD(n, ?) + 1, 'RECURRING', DATE_ADD('2026-09-01', INTERVAL FLOOR(n / ?) MONTH), "
                            + "DATE_ADD('2026-10-01', INTERVAL FLOOR(n / ?) MONTH), 'VPS', 1, 40, 40 FROM bench_n",
                    customers,
                    customers,
                    customers);
            jdbc.update(
                    "UPDATE invoice SET status = 'ISSUED', number = CONCAT('B-', id), series_key = 'B', sequence_value = id, "
                            + "issue_date = DATE_SUB(due_date, INTERVAL 14 DAY) WHERE status = 'DRAFT'");
            double fill = (System.nanoTime() - fillStart) / 1e9;
            System.out.printf(
                    "filled %,d issued unpaid invoices of %,d customers in %.1f s%n", invoices, customers, fill);

            JobRunner runner = context.getBean(JobRunner.class);
            String[][] passes = {
                {
                    "catch-up of a ladder never run (every step due so far, at once)",
                    asOf.minusDays(1).toString()
                },
                {"the nightly pass (the next day: that day's steps)", asOf.toString()},
                {"rerun of the same day (nothing left to do)", asOf.toString()}
            };
            for (String[] pass : passes) {
                long start = System.nanoTime();
                long stepsBefore = jdbc.queryForObject("SELECT COUNT(*) FROM dunning_step", Long.class);
                JobExecution run = runner.run(DunningJobConfig.DUNNING, LocalDate.parse(pass[1]), "bench");
                double total = (System.nanoTime() - start) / 1e9;
                StepExecution ladder = step(run, DunningJobConfig.DUNNING_STEP);
                double seconds = Duration.between(ladder.getStartTime(), ladder.getEndTime())
                                .toMillis()
                        / 1e3;
                System.out.printf(
                        "%s, asOf %s: %s; ladder step %,d invoices in %.2f s = %,.0f invoices/s, %,d steps taken; whole job %.1f s "
                                + "(late fee invoices issued %,d)%n",
                        pass[0],
                        pass[1],
                        run.getStatus(),
                        ladder.getReadCount(),
                        seconds,
                        ladder.getReadCount() / seconds,
                        jdbc.queryForObject("SELECT COUNT(*) FROM dunning_step", Long.class) - stepsBefore,
                        total,
                        step(run, DunningJobConfig.ISSUE_LATE_FEES).getWriteCount());
            }
            System.out.printf(
                    "in all: %,d steps, %,d late fee invoices, %,d suspended and %,d terminated services, %,d emails in the outbox%n",
                    jdbc.queryForObject("SELECT COUNT(*) FROM dunning_step", Long.class),
                    jdbc.queryForObject(
                            "SELECT COUNT(*) FROM invoice WHERE late_fee_for_invoice_id IS NOT NULL", Long.class),
                    jdbc.queryForObject("SELECT COUNT(*) FROM subscription WHERE status = 'SUSPENDED'", Long.class),
                    jdbc.queryForObject("SELECT COUNT(*) FROM subscription WHERE status = 'TERMINATED'", Long.class),
                    jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE channel = 'EMAIL'", Long.class));
        }
    }

    private static StepExecution step(JobExecution run, String name) {
        return run.getStepExecutions().stream()
                .filter(s -> s.getStepName().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
