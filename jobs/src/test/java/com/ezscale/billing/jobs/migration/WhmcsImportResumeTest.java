package com.ezscale.billing.jobs.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.app.migration.WhmcsBook;
import com.ezscale.billing.app.migration.WhmcsImport;
import com.ezscale.billing.app.migration.WhmcsSource;
import com.ezscale.billing.dunning.DunningSchedule;
import com.ezscale.billing.jobs.collection.CollectionProperties;
import com.ezscale.billing.jobs.testing.Nodes;
import com.ezscale.billing.migration.db.HistoricalInvoice;
import com.ezscale.billing.testing.TestDatabases;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An import is written on two connections, its invoices and payments a chunk per transaction: one
 * stopped part-way (here after its invoices, the process gone as a kill would leave it) leaves whole
 * chunks, and the next run writes what is missing and nothing twice. During a parallel run the
 * customers it has committed are shadow from the first commit on, so no run here bills them meanwhile.
 * A WHMCS number another invoice here holds, or one of our series could issue, comes in under its WHMCS
 * id and is listed. A chunk the database refuses on a writer's thread stops the import with the
 * database's error, none of that chunk written and no run recorded. Every connection goes back to the pool with the importer's history load cleared (else a later
 * session on it could add lines to an imported invoice).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WhmcsImportResumeTest {

    static final LocalDate AS_OF = LocalDate.now(ZoneOffset.UTC);

    private static ConfigurableApplicationContext context;
    private static JdbcTemplate ours;
    private static JdbcTemplate whmcs;
    private static WhmcsImport importer;
    private static WhmcsBook book;
    private static String whmcsUrl;

    @BeforeAll
    static void start() {
        String url = TestDatabases.newDatabaseUrl();
        whmcsUrl = TestDatabases.newDatabaseUrl();
        // 150 clients over two years: a few thousand invoices, so several chunks go in at once
        WhmcsFixture.create(whmcsUrl, 150, 3, 400, AS_OF, 7);
        context = Nodes.start(url, "--ezscale.migration.writers=2");
        ours = context.getBean(JdbcTemplate.class);
        whmcs = new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(whmcsUrl));
        importer = context.getBean(WhmcsImport.class);
        try (WhmcsSource source = WhmcsSource.open(whmcsUrl)) {
            book = WhmcsBook.read(source);
        }
        // a parallel run is open: WHMCS still bills these customers
        ours.update(
                "INSERT INTO parallel_run (source, started_on, compare_from, last_as_of) VALUES (?, ?, ?, ?)",
                whmcsUrl,
                AS_OF,
                AS_OF,
                AS_OF);
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    @Order(1)
    void anImportStoppedAfterItsInvoicesLeavesWholeChunksAndShadowCustomers() {
        assertThat(whmcs.queryForObject("SELECT COUNT(*) FROM tblinvoices", Long.class))
                .as("enough invoices for several chunks")
                .isGreaterThan(2_500L);

        assertThatThrownBy(() -> importer.run(book, AS_OF, false, "test", schedule(), stage -> {
                    if (stage.equals("transactions")) {
                        throw new IllegalStateException("killed");
                    }
                }))
                .hasMessage("killed");

        long customers = count("customer");
        assertThat(customers).isGreaterThan(140);
        assertThat(count("customer WHERE NOT shadow"))
                .as("customers billed here meanwhile")
                .isZero();
        long invoices = count("invoice");
        assertThat(invoices).isGreaterThan(2_000);
        assertThat(count("invoice WHERE series_key = 'WHMCS'"))
                .as("every invoice keyed by its WHMCS id in the WHMCS series")
                .isEqualTo(invoices);
        assertThat(count("invoice i WHERE NOT EXISTS (SELECT 1 FROM invoice_line l WHERE l.invoice_id = i.id)"))
                .as("invoices without their lines")
                .isZero();
        assertThat(count("payment")).isZero();
        assertThat(count("migration_run")).as("no run recorded").isZero();
    }

    @Test
    @Order(2)
    void theNextRunWritesWhatIsMissingAndNothingTwice() {
        long invoices = count("invoice");
        long lines = count("invoice_line");

        WhmcsImport.Report report = importer.run(book, AS_OF, false, "test", schedule());

        assertThat(report.differences()).isEmpty();
        assertThat(report.counts().get("invoice").toString())
                .startsWith("0 created, 0 updated, " + invoices + " unchanged");
        assertThat(count("invoice")).isEqualTo(invoices);
        assertThat(count("invoice_line")).isEqualTo(lines);
        assertThat(report.counts().get("transaction").toString()).doesNotStartWith("0 created");
        // the reconciliation (no difference) compares the payments' totals per year with WHMCS's
        assertThat(count("payment")).isGreaterThan(1_000);
        assertThat(count("payment WHERE whmcs_transaction_id IS NOT NULL"))
                .as("every payment keyed by its WHMCS id")
                .isEqualTo(count("payment"));
        assertThat(count("migration_key WHERE kind = 'transaction'"))
                .as("no key row per payment")
                .isZero();
        assertThat(count("migration_run")).isEqualTo(1);

        assertThat(historyLoadOnPooledConnections())
                .as("every pooled connection back without the importer's history load (V34) or its ids (V36) named")
                .isNotEmpty()
                .containsOnlyNulls();

        WhmcsImport.Report again = importer.run(book, AS_OF, false, "test", schedule());
        assertThat(again.counts().get("invoice").toString()).startsWith("0 created, 0 updated");
        assertThat(again.counts().get("transaction").toString()).startsWith("0 created, 0 updated");
        assertThat(count("payment")).isEqualTo(count("payment WHERE whmcs_transaction_id IS NOT NULL"));

        // two payments as an import before V35 left them: keyed in migration_key, no WHMCS id of their own
        java.util.List<Long> legacy = ours.queryForList("SELECT id FROM payment ORDER BY id LIMIT 2", Long.class);
        for (long id : legacy) {
            ours.update(
                    "INSERT INTO migration_key (source, kind, source_id, target_id, fingerprint, imported_at)"
                            + " SELECT 'whmcs', 'transaction', whmcs_transaction_id, id, REPEAT('0', 64), NOW(6)"
                            + " FROM payment WHERE id = ?",
                    id);
            ours.update("UPDATE payment SET whmcs_transaction_id = NULL WHERE id = ?", id);
        }
        long payments = count("payment");
        WhmcsImport.Report later = importer.run(book, AS_OF, false, "test", schedule());
        assertThat(later.counts().get("transaction").toString())
                .as("found by their keys")
                .startsWith("0 created, 0 updated");
        assertThat(count("payment")).isEqualTo(payments);
    }

    @Test
    @Order(3)
    void aWhmcsNumberTakenHereOrOfOurShapeIsImportedUnderItsWhmcsIdAndListed() throws Exception {
        // one WHMCS invoice numbered as an invoice of ours already is, one numbered as our series would number
        copyInvoice(900001, "CLASH-1");
        copyInvoice(900002, "INV-2026-000001");
        ours.update("INSERT INTO invoice (seller_entity_id, customer_id, currency, status, series_key, sequence_value,"
                + " number, due_date, issue_date, issued_at, subtotal, tax_total, total, created_at)"
                + " SELECT MIN(s.id), MIN(c.id), 'USD', 'VOID', 'OTHER', 1, 'CLASH-1', '2025-01-15', '2025-01-01',"
                + " '2025-01-01 00:00:00', 0, 0, 0, '2025-01-01 00:00:00' FROM seller_entity s, customer c");

        WhmcsImport.Report report = importer.run(read(), AS_OF, false, "test", schedule());

        assertThat(report.differences()).isEmpty();
        assertThat(report.counts().get("invoice").toString()).startsWith("2 created, 0 updated");
        assertThat(number(900001)).isEqualTo("CLASH-1-W900001");
        assertThat(number(900002)).isEqualTo("INV-2026-000001-W900002");
        assertThat(count("invoice WHERE number = 'CLASH-1' AND series_key = 'OTHER'"))
                .as("ours keeps its number")
                .isOne();
        assertThat(ours.queryForList(
                        "SELECT CONCAT(kind, ' ', source_id, ': ', reason) FROM migration_issue"
                                + " WHERE run_id = (SELECT MAX(id) FROM migration_run) AND source_id > 900000"
                                + " ORDER BY source_id",
                        String.class))
                .as("listed for finance, with the number WHMCS gave")
                .containsExactly(
                        "invoice 900001: another invoice here is numbered CLASH-1: imported as CLASH-1-W900001",
                        "invoice 900002: INV-2026-000001 has the shape of our own invoice numbers, which may issue it"
                                + " one day: imported as INV-2026-000001-W900002");

        WhmcsImport.Report again = importer.run(read(), AS_OF, false, "test", schedule());
        assertThat(again.counts().get("invoice").toString()).startsWith("0 created, 0 updated");
        assertThat(number(900001)).isEqualTo("CLASH-1-W900001");
    }

    @Test
    @Order(4)
    void aChunkRefusedByTheDatabaseStopsTheImportWithItsErrorAndWritesNoneOfIt() throws Exception {
        // a new WHMCS invoice the database refuses (a constraint of this test's own)
        copyInvoice(900003, "REFUSED-1");
        ours.execute("ALTER TABLE invoice ADD CONSTRAINT ck_resume_test CHECK (number <> 'REFUSED-1')");
        long invoices = count("invoice");
        long runs = count("migration_run");
        try {
            WhmcsBook changed = read();
            assertThatThrownBy(() -> importer.run(changed, AS_OF, false, "test", schedule()))
                    .as("the writer's failure, as the database gave it")
                    .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class)
                    .hasMessageContaining("ck_resume_test");
        } finally {
            ours.execute("ALTER TABLE invoice DROP CONSTRAINT ck_resume_test");
        }

        assertThat(count("invoice")).isEqualTo(invoices);
        assertThat(count("invoice WHERE series_key = 'WHMCS' AND sequence_value = 900003"))
                .isZero();
        assertThat(count("migration_run")).as("no run recorded").isEqualTo(runs);
    }

    /** A new Unpaid WHMCS invoice numbered {@code number}: a copy of the first, with its items. */
    private static void copyInvoice(long id, String number) {
        long copied = whmcs.queryForObject("SELECT MIN(id) FROM tblinvoices WHERE status = 'Unpaid'", Long.class);
        whmcs.update(
                "INSERT INTO tblinvoices (id, userid, invoicenum, date, duedate, subtotal, credit, tax, tax2, total,"
                        + " status, paymentmethod, notes) SELECT ?, userid, ?, date, duedate, subtotal, credit, tax,"
                        + " tax2, total, status, paymentmethod, notes FROM tblinvoices WHERE id = ?",
                id,
                number,
                copied);
        whmcs.update(
                "INSERT INTO tblinvoiceitems (invoiceid, userid, type, relid, description, amount, taxed, duedate,"
                        + " paymentmethod, notes) SELECT ?, userid, type, relid, description, amount, taxed, duedate,"
                        + " paymentmethod, notes FROM tblinvoiceitems WHERE invoiceid = ?",
                id,
                copied);
    }

    private static WhmcsBook read() throws Exception {
        try (WhmcsSource source = WhmcsSource.open(whmcsUrl)) {
            return WhmcsBook.read(source);
        }
    }

    private static String number(long whmcsId) {
        return ours.queryForObject(
                "SELECT number FROM invoice WHERE series_key = 'WHMCS' AND sequence_value = ?", String.class, whmcsId);
    }

    private static DunningSchedule schedule() {
        return context.getBean(CollectionProperties.class).schedule();
    }

    /**
     * {@code @ezscale_history_load} and the range of ids on every connection of the pool (all held at
     * once, so each is asked): one value per connection and variable.
     */
    private static java.util.List<String> historyLoadOnPooledConnections() {
        javax.sql.DataSource pool = context.getBean(javax.sql.DataSource.class);
        java.util.List<java.sql.Connection> held = new java.util.ArrayList<>();
        java.util.List<String> values = new java.util.ArrayList<>();
        try {
            int total = pool.unwrap(com.zaxxer.hikari.HikariDataSource.class)
                    .getHikariPoolMXBean()
                    .getTotalConnections();
            for (int k = 0; k < total; k++) {
                java.sql.Connection c = pool.getConnection();
                held.add(c);
                try (java.sql.Statement s = c.createStatement();
                        java.sql.ResultSet rs = s.executeQuery("SELECT " + HistoricalInvoice.HISTORY_LOAD + ", "
                                + HistoricalInvoice.HISTORY_FROM + ", " + HistoricalInvoice.HISTORY_TO)) {
                    rs.next();
                    for (int column = 1; column <= 3; column++) {
                        values.add(rs.getString(column));
                    }
                }
            }
            for (java.sql.Connection c : held) {
                c.close();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return values;
    }

    private static long count(String from) {
        return ours.queryForObject("SELECT COUNT(*) FROM " + from, Long.class);
    }
}
