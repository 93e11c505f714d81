package com.ezscale.billing.testing;

import org.springframework.jdbc.core.JdbcTemplate;

/** Books for the benchmarks, seeded set-based in SQL (MariaDB's sequence tables) into a migrated, empty database. */
public final class BenchBook {

    private BenchBook() {}

    /**
     * N issued invoices over {@code customers} customers in three currencies (USD, EUR, GBP), two
     * lines each, two years of issue dates, two thirds paid (by card or bank transfer), numbered
     * {@code BENCH-<id>}. Set-based, so the seeding takes a minute, not the hours the invoice run would: invoices are
     * written as drafts with their lines (the line trigger accepts lines on drafts only), then all
     * issued by one UPDATE numbering them.
     */
    public static void invoices(JdbcTemplate jdbc, int customers, int invoices) {
        jdbc.execute("INSERT INTO customer (id, name, email, country, billing_currency, status, created_at)"
                + " SELECT seq, CONCAT('Customer ', seq), CONCAT('c', seq, '@example.com'),"
                + " ELT(1 + seq % 3, 'US', 'DE', 'GB'), ELT(1 + seq % 3, 'USD', 'EUR', 'GBP'), 'ACTIVE', '2024-12-01'"
                + " FROM seq_1_to_" + customers);
        jdbc.execute("INSERT INTO product (id, code, name, kind, seller_entity_id) VALUES"
                + " (1, 'vps', 'VPS', 'VPS', 1), (2, 'dedi', 'Dedicated server', 'DEDICATED', 1)");
        jdbc.execute("INSERT INTO plan (id, product_id, code, name, trial_days) VALUES"
                + " (1, 1, 'vps-s', 'VPS S', 0), (2, 1, 'vps-m', 'VPS M', 0), (3, 2, 'dedi-e3', 'Dedicated E3', 0)");
        jdbc.execute(
                "INSERT INTO invoice (id, seller_entity_id, customer_id, currency, status, due_date, subtotal, tax_total,"
                        + " total, created_at)"
                        + " SELECT seq, 1, 1 + seq % " + customers + ", ELT(1 + (1 + seq % " + customers
                        + ") % 3, 'USD', 'EUR', 'GBP'),"
                        + " 'DRAFT', DATE_ADD('2025-01-15', INTERVAL seq % 700 DAY), 10 + seq % 90, 0, 10 + seq % 90, NOW()"
                        + " FROM seq_1_to_" + invoices);
        jdbc.execute(
                "INSERT INTO invoice_line (invoice_id, line_no, charge_kind, description, quantity, unit_price, amount,"
                        + " plan_id) SELECT i.id, n.seq, IF(n.seq = 1, 'RECURRING', 'SETUP'), 'service', 1, "
                        + " IF(n.seq = 1, i.subtotal - 5, 5), IF(n.seq = 1, i.subtotal - 5, 5), 1 + i.id % 3"
                        + " FROM invoice i JOIN seq_1_to_2 n");
        jdbc.execute("UPDATE invoice SET status = 'ISSUED', series_key = 'BENCH', sequence_value = id,"
                + " number = CONCAT('BENCH-', id), issue_date = DATE_SUB(due_date, INTERVAL 14 DAY),"
                + " issued_at = DATE_SUB(due_date, INTERVAL 14 DAY)");
        jdbc.execute(
                "INSERT INTO payment (customer_id, invoice_id, currency, amount, applied_to_invoice, method, reference,"
                        + " status, received_on, recorded_by, created_at)"
                        + " SELECT customer_id, id, currency, total, total, IF(id % 2 = 0, 'CARD', 'BANK_TRANSFER'),"
                        + " CONCAT('bench-', id), 'SUCCEEDED', due_date, 'bench', due_date FROM invoice WHERE id % 3 <> 0");
        jdbc.execute("UPDATE invoice SET amount_paid = total, status = 'PAID', paid_at = due_date WHERE id % 3 <> 0");
    }

    /**
     * One metered service of {@code customer} (a plan with a 100 Mbps commit priced in the
     * customer's currency) with every 5-minute bucket of {@code month} filled (a day's curve and
     * some bursts); its id. Seeded once: a kept database keeps it.
     */
    public static long meteredMonth(JdbcTemplate jdbc, long customer, java.time.YearMonth month) {
        long service = 900_000 + customer;
        if (jdbc.queryForObject("SELECT COUNT(*) FROM subscription WHERE id = ?", Long.class, service) == 0) {
            jdbc.update(
                    "INSERT IGNORE INTO plan (id, product_id, code, name, trial_days) VALUES (9, 2, 'dedi-95', 'Dedicated 95th', 0)");
            jdbc.update("INSERT IGNORE INTO plan_usage_terms (plan_id, commit_mbps) VALUES (9, 100)");
            jdbc.update(
                    "INSERT IGNORE INTO plan_usage_price (plan_id, currency, kind, tier_no, up_to, unit_price)"
                            + " SELECT 9, billing_currency, 'MBPS', 1, NULL, 2.00 FROM customer WHERE id = ?",
                    customer);
            jdbc.update(
                    "INSERT INTO subscription (id, customer_id, plan_id, cycle, status, anchor_day, start_date, next_period_start,"
                            + " label, created_at) VALUES (?, ?, 9, 'MONTHLY', 'ACTIVE', 1, '2024-12-01', NULL, 'bench-95', NOW())",
                    service,
                    customer);
        }
        long first = month.atDay(1).toEpochDay() * 288;
        long end = month.plusMonths(1).atDay(1).toEpochDay() * 288;
        jdbc.update(
                "INSERT IGNORE INTO usage_sample (subscription_id, bucket, bytes_in, bytes_out)"
                        + " SELECT ?, ? + seq, 1000000000 + ROUND(900000000 * SIN(MOD(seq, 288) / 288 * 2 * PI()))"
                        + " + IF(MOD(seq * 7919, 97) = 0, 2000000000, 0), 300000000 FROM seq_0_to_" + (end - first - 1),
                service,
                first);
        return service;
    }

    /**
     * {@code executions} finished Spring Batch executions of the scheduled jobs, one a day each,
     * newest last, three steps each with counts, one in fifty FAILED with an exit message, each
     * with its asOf parameter (the executions page's columns).
     */
    public static void executions(JdbcTemplate jdbc, int executions) {
        String jobs =
                "'nightly', 'invoiceRun', 'collect', 'dunning', 'ratePeriods', 'outbox', 'snapshotMrr', 'monthlyPack'";
        jdbc.execute("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY)"
                + " SELECT seq, 0, ELT(1 + seq % 8, " + jobs + "), MD5(seq) FROM seq_1_to_" + executions);
        jdbc.execute("INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME,"
                + " START_TIME, END_TIME, STATUS, EXIT_CODE, EXIT_MESSAGE, LAST_UPDATED)"
                + " SELECT seq, 2, seq, t, t, t + INTERVAL (5 + seq % 600) SECOND,"
                + " IF(seq % 50 = 0, 'FAILED', 'COMPLETED'), IF(seq % 50 = 0, 'FAILED', 'COMPLETED'),"
                + " IF(seq % 50 = 0, 'java.lang.IllegalStateException: panel VIRTFUSION timed out', ''), t"
                + " FROM (SELECT seq, TIMESTAMP('2026-11-30 02:00:00') - INTERVAL (" + executions
                + " - seq) * 3 HOUR AS t FROM seq_1_to_" + executions + ") x");
        jdbc.execute("INSERT INTO BATCH_JOB_EXECUTION_PARAMS (JOB_EXECUTION_ID, PARAMETER_NAME, PARAMETER_TYPE,"
                + " PARAMETER_VALUE, IDENTIFYING) SELECT JOB_EXECUTION_ID, 'asOf', 'java.time.LocalDate',"
                + " DATE(START_TIME), 'Y' FROM BATCH_JOB_EXECUTION");
        jdbc.execute("INSERT INTO BATCH_STEP_EXECUTION (STEP_EXECUTION_ID, VERSION, STEP_NAME, JOB_EXECUTION_ID,"
                + " CREATE_TIME, START_TIME, END_TIME, STATUS, COMMIT_COUNT, READ_COUNT, FILTER_COUNT, WRITE_COUNT,"
                + " READ_SKIP_COUNT, WRITE_SKIP_COUNT, PROCESS_SKIP_COUNT, ROLLBACK_COUNT, EXIT_CODE, LAST_UPDATED)"
                + " SELECT (e.JOB_EXECUTION_ID - 1) * 3 + n.seq, 2, CONCAT('step', n.seq), e.JOB_EXECUTION_ID,"
                + " e.START_TIME, e.START_TIME, e.END_TIME, e.STATUS, 10, 1000 + e.JOB_EXECUTION_ID % 500, 0,"
                + " 1000 + e.JOB_EXECUTION_ID % 500, 0, 0, 0, 0, e.STATUS, e.END_TIME"
                + " FROM BATCH_JOB_EXECUTION e JOIN seq_1_to_3 n");
        // one execution in ten asked for in the portal (the executions page lists the latest requests)
        jdbc.execute(
                "INSERT INTO job_request (action, job_name, as_of, requested_by, origin, requested_at, status, node,"
                        + " result_execution, message, updated_at)"
                        + " SELECT 'RUN', i.JOB_NAME, DATE(e.START_TIME), 'admin0', '10.0.0.7', e.CREATE_TIME, 'DONE', 'jobs-1',"
                        + " e.JOB_EXECUTION_ID, e.STATUS, e.END_TIME FROM BATCH_JOB_EXECUTION e"
                        + " JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE e.JOB_EXECUTION_ID % 10 = 0"
                        + " ORDER BY e.JOB_EXECUTION_ID");
    }
}
