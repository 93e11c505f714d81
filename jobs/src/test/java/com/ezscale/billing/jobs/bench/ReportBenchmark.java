package com.ezscale.billing.jobs.bench;

import com.ezscale.billing.reports.finance.FinanceReports;
import com.ezscale.billing.reports.finance.Report;
import com.ezscale.billing.reports.finance.XlsxReport;
import com.ezscale.billing.testing.TestDatabases;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The finance pack at scale: seeds N issued invoices (default 1,000,000) over 100,000 customers in
 * three currencies, two lines each, two years of issue dates, two thirds paid (by card or bank
 * transfer), set-based in a fresh database, then writes the aging and revenue reports as XLSX and
 * prints the time of each and the peak heap. Run it with the heap capped as the target says:
 *
 * <pre>EZSCALE_TEST_DB_URL=... MAVEN_OPTS=-Xmx512m ./mvnw -q -pl jobs exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.ezscale.billing.jobs.bench.ReportBenchmark -Dexec.args="1000000"</pre>
 */
public final class ReportBenchmark {

    public static void main(String[] args) throws Exception {
        int invoices = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int customers = Math.max(1, Math.min(100_000, invoices / 10));
        String url = TestDatabases.newDatabaseUrl();
        try (ConfigurableApplicationContext context = Benchmarks.context(url)) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            long t0 = System.nanoTime();
            seed(jdbc, customers, invoices);
            System.out.printf(
                    "seeded %,d customers, %,d issued invoices, %,d lines, %,d payments in %.1f s; max heap %d MB%n",
                    jdbc.queryForObject("SELECT COUNT(*) FROM customer", Long.class),
                    jdbc.queryForObject("SELECT COUNT(*) FROM invoice", Long.class),
                    jdbc.queryForObject("SELECT COUNT(*) FROM invoice_line", Long.class),
                    jdbc.queryForObject("SELECT COUNT(*) FROM payment", Long.class),
                    (System.nanoTime() - t0) / 1e9,
                    Runtime.getRuntime().maxMemory() / (1024 * 1024));
            FinanceReports reports = context.getBean(FinanceReports.class);
            LocalDate from = LocalDate.parse("2025-01-01");
            LocalDate to = LocalDate.parse("2026-12-31");
            for (String name : new String[] {"aging", "revenue"}) {
                System.gc();
                resetPeaks();
                long start = System.nanoTime();
                Report report = reports.run(name, from, to, to);
                long read = System.nanoTime();
                Path out = Files.createTempFile("report-" + name, ".xlsx");
                try (OutputStream stream = Files.newOutputStream(out)) {
                    XlsxReport.write(report, stream);
                }
                long done = System.nanoTime();
                System.out.printf(
                        "%s XLSX: %,d rows in %d sheets, %,d bytes: %.1f s (database %.1f s, workbook %.1f s); peak heap %d MB%n",
                        name,
                        report.tables().stream().mapToInt(t -> t.rows().size()).sum(),
                        report.tables().size(),
                        Files.size(out),
                        (done - start) / 1e9,
                        (read - start) / 1e9,
                        (done - read) / 1e9,
                        peakHeapMb());
                Files.delete(out);
            }
        }
    }

    /**
     * Set-based, so the seeding takes a minute, not the hours the invoice run would: invoices are
     * written as drafts with their lines (the line trigger accepts lines on drafts only), then all
     * issued by one UPDATE numbering them.
     */
    static void seed(JdbcTemplate jdbc, int customers, int invoices) {
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

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024 * 1024);
    }
}
