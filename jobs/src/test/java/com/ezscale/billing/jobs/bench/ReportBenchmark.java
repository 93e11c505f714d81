package com.ezscale.billing.jobs.bench;

import com.ezscale.billing.jobs.testing.Nodes;
import com.ezscale.billing.reports.finance.FinanceReports;
import com.ezscale.billing.reports.finance.Report;
import com.ezscale.billing.reports.finance.XlsxReport;
import com.ezscale.billing.testing.BenchBook;
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
        try (ConfigurableApplicationContext context = Nodes.start(url)) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            long t0 = System.nanoTime();
            BenchBook.invoices(jdbc, customers, invoices);
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
