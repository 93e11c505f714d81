package com.ezscale.billing.jobs.bench;

import com.ezscale.billing.app.migration.WhmcsBook;
import com.ezscale.billing.app.migration.WhmcsImport;
import com.ezscale.billing.app.migration.WhmcsSource;
import com.ezscale.billing.jobs.collection.CollectionProperties;
import com.ezscale.billing.jobs.migration.WhmcsFixture;
import com.ezscale.billing.jobs.testing.Nodes;
import com.ezscale.billing.testing.TestDatabases;
import java.time.LocalDate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The WHMCS import benchmark: a generated WHMCS 8 book (N clients, 3 services each, about two
 * years of invoices: ~17 items per service) imported into an empty database. Times the read of the
 * WHMCS database and the import (one transaction) separately, then a rerun (nothing to write),
 * and prints rows per second. {@code -Dbench.keep=NAME} keeps the generated book in database NAME
 * and measures again on it next time (its arguments then make no difference).
 *
 * <pre>EZSCALE_TEST_DB_URL=... ./mvnw -q -pl jobs exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.ezscale.billing.jobs.bench.WhmcsImportBenchmark -Dexec.args="10000"</pre>
 */
public final class WhmcsImportBenchmark {

    public static void main(String[] args) {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int minAgeDays = args.length > 1 ? Integer.parseInt(args[1]) : 700;
        LocalDate asOf = LocalDate.parse("2026-12-01");
        // -Dbench.keep=NAME: the WHMCS book in a database of that name, generated once and kept
        String kept = System.getProperty("bench.keep");
        String whmcsUrl = kept == null ? TestDatabases.newDatabaseUrl() : TestDatabases.keptDatabaseUrl(kept);
        String url = TestDatabases.newDatabaseUrl();
        long t0 = System.nanoTime();
        JdbcTemplate whmcs =
                new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(whmcsUrl));
        boolean generated = kept != null
                && whmcs.queryForObject(
                                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"
                                        + " AND table_name = 'tblclients'",
                                Long.class)
                        > 0;
        if (!generated) {
            WhmcsFixture.create(whmcsUrl, clients, 3, minAgeDays, asOf, 42);
        }
        System.out.printf(
                "generated %,d clients, %,d services, %,d invoices, %,d items, %,d transactions in %.1f s%n",
                whmcs.queryForObject("SELECT COUNT(*) FROM tblclients", Long.class),
                whmcs.queryForObject("SELECT COUNT(*) FROM tblhosting", Long.class),
                whmcs.queryForObject("SELECT COUNT(*) FROM tblinvoices", Long.class),
                whmcs.queryForObject("SELECT COUNT(*) FROM tblinvoiceitems", Long.class),
                whmcs.queryForObject("SELECT COUNT(*) FROM tblaccounts", Long.class),
                (System.nanoTime() - t0) / 1e9);
        try (ConfigurableApplicationContext context = Nodes.start(url)) {
            WhmcsImport importer = context.getBean(WhmcsImport.class);
            var schedule = context.getBean(CollectionProperties.class).schedule();
            for (String pass : new String[] {"import", "rerun"}) {
                long start = System.nanoTime();
                WhmcsBook book;
                try (WhmcsSource source = WhmcsSource.open(whmcsUrl)) {
                    book = WhmcsBook.read(source);
                }
                long read = System.nanoTime();
                WhmcsImport.Report report = importer.run(book, asOf, false, "bench", schedule);
                long done = System.nanoTime();
                System.out.printf(
                        "%s: read %.1f s, import %.1f s, total %.1f s; %d difference(s), %d row(s) not mapped%n",
                        pass,
                        (read - start) / 1e9,
                        (done - read) / 1e9,
                        (done - start) / 1e9,
                        report.differences().size(),
                        report.issues().size());
                report.counts().forEach((kind, c) -> System.out.printf("  %-14s %s%n", kind, c));
                System.out.println("  time per step (ms): " + report.millis());
            }
            JdbcTemplate ours = context.getBean(JdbcTemplate.class);
            System.out.printf(
                    "here: %,d customers, %,d services, %,d invoices, %,d lines, %,d payments%n",
                    ours.queryForObject("SELECT COUNT(*) FROM customer", Long.class),
                    ours.queryForObject("SELECT COUNT(*) FROM subscription", Long.class),
                    ours.queryForObject("SELECT COUNT(*) FROM invoice", Long.class),
                    ours.queryForObject("SELECT COUNT(*) FROM invoice_line", Long.class),
                    ours.queryForObject("SELECT COUNT(*) FROM payment", Long.class));
        }
    }
}
