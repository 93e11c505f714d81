package com.ezscale.billing.jobs.migration;

import static com.ezscale.billing.jobs.testing.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.jobs.testing.Cli;
import com.ezscale.billing.jobs.testing.Cli.Result;
import com.ezscale.billing.jobs.testing.Sql;
import com.ezscale.billing.period.BillingCycle;
import com.ezscale.billing.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A WHMCS 8 book of 300 clients brought over with {@code migrate-whmcs}, as an operator would: a
 * dry run that writes nothing, the import (no reconciliation difference; every row not mapped
 * listed with its reason), a rerun that writes nothing, a change in WHMCS carried by the next run,
 * and the first native invoice run, which bills no period WHMCS invoiced and every one it would
 * have invoiced next.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WhmcsMigrationTest {

    static final List<String> BOOK = List.of(
            "customer",
            "customer_group_policy",
            "product",
            "plan",
            "plan_price",
            "price_list",
            "tax_rule",
            "subscription",
            "ip_assignment",
            "credit_ledger",
            "invoice",
            "invoice_line",
            "invoice_tax",
            "payment",
            "coupon",
            "coupon_amount",
            "coupon_product",
            "dunning_step",
            "outbox",
            "gateway_customer");

    /** Today; {@code -Dwhmcs.today=DATE} runs the test as on another day (the fixture's book moves with it). */
    static final LocalDate AS_OF = LocalDate.parse(
            System.getProperty("whmcs.today", LocalDate.now(ZoneOffset.UTC).toString()));

    private static String url;
    private static String whmcsUrl;
    private static WhmcsFixture fixture;

    @BeforeAll
    static void databases() {
        url = Cli.onNewDatabase();
        whmcsUrl = TestDatabases.newDatabaseUrl();
        fixture = WhmcsFixture.create(whmcsUrl, 300, AS_OF, 14);
    }

    @AfterAll
    static void restore() {
        Cli.restore();
    }

    @Test
    @Order(0)
    void aSourceThatIsNotAMysqlDatabaseIsRefusedInOneLine() throws Exception {
        Result r = run("migrate-whmcs", "--source", "/var/backups/whmcs.sql", "--as-of", AS_OF.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip())
                .isEqualTo("error: --source must be a MySQL JDBC URL (jdbc:mysql://host:3306/whmcs), not"
                        + " '/var/backups/whmcs.sql'");
        assertThat(count("migration_run")).isZero();
    }

    @Test
    @Order(1)
    void aDryRunPrintsTheReportAndWritesNothing() throws Exception {
        Result r = migrate("--dry-run");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("dry run: rolled back").contains("0 difference(s)");
        assertThat(r.out()).containsPattern("client\\s+297 created");
        for (String table : BOOK) {
            assertThat(count(table)).as(table).isZero();
        }
        assertThat(count("migration_run")).isZero();
    }

    @Test
    @Order(2)
    void theImportReconcilesAndListsEveryRowItCouldNotMap() throws Exception {
        long loadsBefore = loads();
        Result r = migrate();

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(loads()).as("invoices, lines and taxes by LOAD DATA").isGreaterThan(loadsBefore);
        assertThat(r.out()).contains("0 difference(s)");
        assertThat(r.out())
                .contains("client 50: email 'client50-at-example.com' is not an e-mail address")
                .contains("client 150: email")
                .contains("client 250: email")
                .containsPattern("service \\d+: billing cycle 'Weekly' is not one this system bills")
                .contains("tax 4: level-2 rate 'QST' 9.975% is not carried over")
                .containsPattern("upgrade\\s+2 created")
                .containsPattern("upgrade 3: package upgrade of service \\d+ ordered [-0-9]+ is pending in WHMCS")
                .containsPattern("service-ip \\d+: .*not-an-ip")
                .contains("group 1: its 10% discount is not carried over")
                .contains("promotion 4: VPS5: a 'Price Override' promotion has no coupon here")
                .contains("promotion 5: FREESETUP: a 'Free Setup' promotion has no coupon here")
                .contains("promotion 3: LOYAL: its billing-cycle restriction (Annually,Biennially) is not carried over")
                .containsPattern("service \\d+: ordered with promotion 1: its discount is in the price WHMCS charges");
        assertThat(query(
                        "SELECT CONCAT_WS(' ', code, kind, COALESCE(percent, '-'), duration, COALESCE(duration_cycles, '-'),"
                                + " COALESCE(max_redemptions, '-'), COALESCE(max_per_customer, '-'), COALESCE(valid_until, '-'))"
                                + " FROM coupon ORDER BY code"))
                .containsExactly(
                        "FIVER FIXED - ONCE - 100 - 2027-12-31",
                        "LOYAL PERCENT 15.0000 FOREVER - - - -",
                        "WELCOME10 PERCENT 10.0000 CYCLES 3 - 1 -");
        assertThat(query(
                        "SELECT CONCAT(a.currency, ' ', a.amount) FROM coupon_amount a JOIN coupon c ON c.id = a.coupon_id"
                                + " WHERE c.code = 'FIVER' ORDER BY a.currency"))
                .containsExactly("EUR 5.0000", "GBP 5.0000", "USD 5.0000");
        assertThat(query("SELECT p.code FROM coupon_product cp JOIN coupon c ON c.id = cp.coupon_id"
                        + " JOIN product p ON p.id = cp.product_id WHERE c.code = 'WELCOME10' ORDER BY p.code"))
                .containsExactly("whmcs-1", "whmcs-2");
        assertThat(count("coupon_redemption"))
                .as("a promotion's discount is in the service's price")
                .isZero();
        assertThat(count("customer")).isEqualTo(297);
        assertThat(count("migration_run")).isOne();
        assertThat(query("SELECT CONCAT(differences, ' ', dry_run) FROM migration_run"))
                .containsExactly("0 0");
        assertThat(query("SELECT measure FROM migration_reconciliation WHERE source_client_id = 7 ORDER BY id"))
                .containsExactly("services", "mrr", "open", "credit");
        assertThat(query("SELECT DISTINCT SUBSTRING_INDEX(measure, ' ', 1) FROM migration_reconciliation"
                        + " WHERE source_client_id = 0 ORDER BY 1"))
                .containsExactly("invoiced", "paid");

        // invoices keep WHMCS's numbers and statuses, and refuse changes like ours
        assertThat(count("invoice"))
                .isEqualTo(
                        Long.parseLong(
                                scalar(
                                        whmcsUrl,
                                        "SELECT COUNT(*) FROM tblinvoices i JOIN tblclients c ON c.id = i.userid WHERE c.email LIKE '%@%'")));
        assertThat(query("SELECT CONCAT(i.number, ' ', i.status) FROM invoice i WHERE i.sequence_value IN (1, 2)"
                        + " ORDER BY i.sequence_value"))
                .containsExactly("1 PAID", "2 PAID");
        Map<String, String> statuses = new HashMap<>();
        try (Connection c = DriverManager.getConnection(whmcsUrl);
                Statement s = c.createStatement();
                // the first invoice of each status that has no payment at all (an Unpaid one partly paid is the next
                // case;
                // which invoice comes first depends on the day the fixture is built for)
                ResultSet rs = s.executeQuery("SELECT status, MIN(id) FROM tblinvoices i WHERE status <> 'Unpaid'"
                        + " OR NOT EXISTS (SELECT 1 FROM tblaccounts a WHERE a.invoiceid = i.id) GROUP BY status")) {
            while (rs.next()) {
                statuses.put(
                        rs.getString(1),
                        scalar(
                                url,
                                "SELECT status FROM invoice WHERE series_key = 'WHMCS'" + " AND sequence_value = "
                                        + rs.getLong(2)));
            }
        }
        assertThat(statuses)
                .containsEntry("Paid", "PAID")
                .containsEntry("Unpaid", "ISSUED")
                .containsEntry("Refunded", "PAID")
                .containsEntry("Cancelled", "VOID");
        if (statuses.containsKey("Collections")) { // the fixture has one on most days, not all
            assertThat(statuses).containsEntry("Collections", "UNCOLLECTIBLE");
        }
        String partlyPaid = scalar(
                whmcsUrl,
                "SELECT MIN(i.id) FROM tblinvoices i WHERE i.status = 'Unpaid'"
                        + " AND EXISTS (SELECT 1 FROM tblaccounts a WHERE a.invoiceid = i.id AND a.amountin > 0)");
        if (partlyPaid != null) {
            assertThat(scalar(
                            url,
                            "SELECT status FROM invoice WHERE series_key = 'WHMCS' AND sequence_value = " + partlyPaid))
                    .as("an Unpaid invoice with a payment on it")
                    .isEqualTo("PARTIALLY_PAID");
        }
        assertThat(scalar(
                        url,
                        "SELECT COUNT(*) FROM invoice i WHERE i.total <> (SELECT SUM(l.amount) FROM invoice_line l"
                                + " WHERE l.invoice_id = i.id) + i.tax_total"))
                .as("every total is its lines plus tax")
                .isEqualTo("0");
        assertThat(scalar(url, "SELECT COUNT(*) FROM payment WHERE status = 'REFUNDED'"))
                .isNotEqualTo("0");
        // each payment carries, from its first import, what WHMCS refunded of it (written with it, not updated after)
        Map<String, java.math.BigDecimal> refundedThere = new HashMap<>();
        for (Map<String, String> row : Sql.rows(
                whmcsUrl,
                "SELECT refundid, SUM(amountout) AS refunded FROM tblaccounts WHERE refundid <> 0 AND amountout > 0"
                        + " GROUP BY refundid")) {
            refundedThere.put(row.get("refundid"), new java.math.BigDecimal(row.get("refunded")));
        }
        int refundedHere = 0;
        for (Map<String, String> row : Sql.rows(
                url,
                "SELECT SUBSTRING_INDEX(SUBSTRING(reference, 7), ':', 1) AS whmcs_id, refunded_amount, status"
                        + " FROM payment WHERE reference LIKE 'WHMCS-%'")) {
            java.math.BigDecimal expected = refundedThere.getOrDefault(row.get("whmcs_id"), java.math.BigDecimal.ZERO);
            assertThat(new java.math.BigDecimal(row.get("refunded_amount")))
                    .as("refunded of WHMCS payment " + row.get("whmcs_id"))
                    .isEqualByComparingTo(expected);
            refundedHere += expected.signum() > 0 ? 1 : 0;
        }
        assertThat(refundedHere).as("payments refunded in part or in full").isPositive();
        long firstInvoice = Long.parseLong(scalar(url, "SELECT MIN(id) FROM invoice"));
        assertThatThrownBy(() -> execute(url, "UPDATE invoice SET total = total + 1 WHERE id = " + firstInvoice))
                .hasMessageContaining("immutable");
        assertThatThrownBy(() -> execute(url, "DELETE FROM invoice_line WHERE invoice_id = " + firstInvoice))
                .hasMessageContaining("immutable");
        assertThatThrownBy(() -> execute(
                        url,
                        "INSERT INTO invoice_line (invoice_id, line_no, charge_kind, revision, description, quantity,"
                                + " unit_price, amount) VALUES (" + firstInvoice
                                + ", 99, 'ONE_TIME', 0, 'later', 1, 1, 1)"))
                .as("written as they ended in WHMCS, the imported invoices take no line once the import is over")
                .hasMessageContaining("immutable");
        assertThat(query("SELECT action FROM audit_log WHERE action LIKE 'migration.%'"))
                .containsExactly("migration.import");

        // the totals WHMCS's own tables give, against what is here
        assertThat(scalar(whmcsUrl, "SELECT SUM(credit) FROM tblclients WHERE email LIKE '%@%'"))
                .isEqualTo(scalar(url, "SELECT CAST(SUM(amount) AS DECIMAL(16,2)) FROM credit_ledger"));
        assertThat(scalar(
                        whmcsUrl,
                        "SELECT (SELECT COUNT(*) FROM tblhosting h JOIN tblclients c ON c.id = h.userid"
                                + " WHERE h.domainstatus IN ('Active', 'Suspended') AND c.email LIKE '%@%')"
                                + " + (SELECT COUNT(*) FROM tblhostingaddons a JOIN tblhosting h ON h.id = a.hostingid"
                                + " JOIN tblclients c ON c.id = h.userid WHERE a.status IN ('Active', 'Suspended')"
                                + " AND c.email LIKE '%@%')"))
                .as("running services and add-ons")
                .isEqualTo(scalar(url, "SELECT COUNT(*) FROM subscription WHERE status IN ('ACTIVE', 'SUSPENDED')"));
        assertThat(scalar(url, "SELECT COUNT(*) FROM subscription WHERE panel IS NOT NULL AND panel_ref IS NULL"))
                .isEqualTo("0");

        // no period WHMCS invoiced is where billing starts here
        Map<Long, Long> serviceIds = keys("service");
        Map<Long, Long> addonIds = keys("addon");
        assertThat(addonIds)
                .as("every add-on of an imported client")
                .hasSize(fixture.addons().size());
        List<Object[]> all = new ArrayList<>();
        fixture.services().forEach(s -> all.add(new Object[] {s, serviceIds.get(s.id())}));
        fixture.addons().forEach(s -> all.add(new Object[] {s, addonIds.get(s.id())}));
        for (Object[] pair : all) {
            WhmcsFixture.GeneratedService s = (WhmcsFixture.GeneratedService) pair[0];
            Long id = (Long) pair[1];
            if (id == null || s.lastInvoiced() == null || !s.cycle().isRecurring()) {
                continue;
            }
            String cursor = scalar(url, "SELECT next_period_start FROM subscription WHERE id = " + id);
            assertThat(LocalDate.parse(cursor))
                    .as("service %d (WHMCS %d) last invoiced %s", id, s.id(), s.lastInvoiced())
                    .isAfter(s.lastInvoiced())
                    .isEqualTo(s.nextInvoice());
        }
    }

    /**
     * The import writes its invoices, lines, taxes, payments and their keys with {@code LOAD DATA} where
     * the driver allows it ({@code BulkLoad}); the same WHMCS book imported into another database by
     * batched inserts (the driver's directory unset) writes the same rows, column for column, and the
     * first one loaded.
     */
    @Test
    @Order(3)
    void theSameImportByBatchedInsertsWritesTheSameRows() throws Exception {
        String inserted = TestDatabases.newDatabaseUrl();
        long loadsBefore = loads();
        Result r = migrate(
                "--spring.datasource.url=" + inserted,
                "--spring.datasource.hikari.data-source-properties[allowLoadLocalInfileInPath]=");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("0 difference(s)");
        assertThat(loads()).as("no LOAD DATA without the driver's directory").isEqualTo(loadsBefore);

        // ids differ between the two databases (the dry run before spent some): rows are compared by their WHMCS
        // numbers and keys
        for (String sql : List.of(
                "SELECT CONCAT_WS('|', (SELECT k.source_id FROM migration_key k WHERE k.kind = 'client'"
                        + " AND k.target_id = i.customer_id), seller_entity_id, currency, status, series_key, sequence_value,"
                        + " number, due_date, issue_date, issued_at, subtotal, tax_total, total, amount_paid, credit_applied,"
                        + " COALESCE(paid_at, ''), HEX(CONCAT_WS('|', bill_to_name, bill_to_company, bill_to_email,"
                        + " bill_to_address, bill_to_region, bill_to_country, bill_to_vat_number, seller_snapshot)))"
                        + " FROM invoice i ORDER BY series_key, sequence_value",
                "SELECT CONCAT_WS('|', i.sequence_value, l.line_no, COALESCE((SELECT CONCAT(k.kind, ' ', k.source_id)"
                        + " FROM migration_key k WHERE k.kind IN ('service', 'addon') AND k.target_id = l.subscription_id"
                        + " LIMIT 1), ''), COALESCE((SELECT p.code FROM plan p WHERE p.id = l.plan_id), ''), l.charge_kind,"
                        + " COALESCE(l.period_start, ''), COALESCE(l.period_end_exclusive, ''), l.revision, HEX(l.description),"
                        + " l.quantity, l.unit_price, l.amount, COALESCE(l.covers_from, ''), COALESCE(l.covers_until, ''))"
                        + " FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id ORDER BY i.sequence_value, l.line_no",
                "SELECT CONCAT_WS('|', i.sequence_value, t.tax_name, t.rate, t.taxable_base, t.tax_amount)"
                        + " FROM invoice_tax t JOIN invoice i ON i.id = t.invoice_id ORDER BY i.sequence_value, t.tax_name",
                "SELECT CONCAT_WS('|', p.method, p.reference, (SELECT k.source_id FROM migration_key k WHERE k.kind = 'client'"
                        + " AND k.target_id = p.customer_id), COALESCE(i.sequence_value, ''), p.currency, p.amount,"
                        + " p.applied_to_invoice, p.status, p.refunded_amount, p.received_on, p.recorded_by, p.created_at,"
                        + " p.whmcs_transaction_id)"
                        + " FROM payment p LEFT JOIN invoice i ON i.id = p.invoice_id ORDER BY p.method, p.reference")) {
            List<String> loaded = Sql.column(url, sql, 1);
            assertThat(Sql.column(inserted, sql, 1)).as(sql).containsExactlyElementsOf(loaded);
            if (!sql.contains("invoice_tax")) { // this book's invoices carry no tax
                assertThat(loaded).as("invoices, lines and payments came over").hasSizeGreaterThan(1000);
            }
        }
    }

    @Test
    @Order(4)
    void aRerunWritesNothing() throws Exception {
        Map<String, String> before = checksums();
        String whmcsBefore = whmcsChecksum();

        Result r = migrate();

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .containsPattern("client\\s+0 created, 0 updated, 297 unchanged")
                .containsPattern("service\\s+0 created, 0 updated")
                .containsPattern("addon\\s+0 created, 0 updated")
                .containsPattern("promotion\\s+0 created, 0 updated, 3 unchanged");
        assertThat(checksums()).isEqualTo(before);
        assertThat(whmcsChecksum()).as("WHMCS is only read").isEqualTo(whmcsBefore);
    }

    private static String whmcsChecksum() throws Exception {
        List<String> sums = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(whmcsUrl);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("CHECKSUM TABLE tblclients, tblhosting, tblinvoices, tblinvoiceitems,"
                        + " tblcredit, tblpricing, tblproducts EXTENDED")) {
            while (rs.next()) {
                sums.add(rs.getString(1) + "=" + rs.getString(2));
            }
        }
        return String.join(",", sums);
    }

    @Test
    @Order(5)
    void aRowChangedInWhmcsIsUpdatedByTheNextRun() throws Exception {
        long active = fixture.services().stream()
                .filter(s -> s.status().equals("Active") && s.cycle() == BillingCycle.MONTHLY)
                .mapToLong(WhmcsFixture.GeneratedService::id)
                .findFirst()
                .orElseThrow();
        execute(whmcsUrl, "UPDATE tblclients SET email = 'new-address@example.com', city = 'Springfield' WHERE id = 1");
        execute(whmcsUrl, "UPDATE tblhosting SET domainstatus = 'Suspended' WHERE id = " + active);
        long unpaid = Long.parseLong(
                scalar(
                        whmcsUrl,
                        "SELECT MIN(i.id) FROM tblinvoices i JOIN tblclients c ON c.id = i.userid WHERE i.status = 'Unpaid'"
                                + " AND c.email LIKE '%@%' AND NOT EXISTS (SELECT 1 FROM tblaccounts a WHERE a.invoiceid = i.id)"));
        execute(whmcsUrl, "UPDATE tblinvoices SET status = 'Paid', datepaid = NOW() WHERE id = " + unpaid);
        execute(
                whmcsUrl,
                "INSERT INTO tblaccounts (id, userid, gateway, date, description, amountin, transid, invoiceid)"
                        + " SELECT 999999, userid, 'banktransfer', CURDATE(), 'Invoice Payment', total, 'BANK-42', id"
                        + " FROM tblinvoices WHERE id = " + unpaid);
        // and a payment the first run brought over is refunded in part in WHMCS since
        String refundable = scalar(
                whmcsUrl,
                "SELECT MIN(p.id) FROM tblaccounts p WHERE p.amountin > 1 AND p.refundid = 0 AND p.invoiceid <> 0"
                        + " AND NOT EXISTS (SELECT 1 FROM tblaccounts r WHERE r.refundid = p.id)"
                        + " AND EXISTS (SELECT 1 FROM tblclients c WHERE c.id = p.userid AND c.email LIKE '%@%')");
        String before = scalar(
                url,
                "SELECT CONCAT(status, ' ', refunded_amount) FROM payment WHERE reference LIKE 'WHMCS-" + refundable
                        + ":%' OR reference = 'WHMCS-" + refundable + "'");
        assertThat(before).isEqualTo("SUCCEEDED 0.0000");
        execute(
                whmcsUrl,
                "INSERT INTO tblaccounts (id, userid, gateway, date, description, amountin, amountout, transid, invoiceid,"
                        + " refundid) SELECT 999998, userid, gateway, CURDATE(), 'Refund', 0, 1.00, 'REFUND-42', invoiceid, id"
                        + " FROM tblaccounts WHERE id = " + refundable);

        Result r = migrate();

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .containsPattern("client\\s+0 created, 1 updated")
                .containsPattern("service\\s+0 created, 1 updated")
                // the one paid since; the refunded payment's invoice keeps what was paid of it (what was
                // paid never goes down here: the refund is counted on the payment), so nothing is written to it
                .containsPattern("invoice\\s+0 created, 1 updated")
                .containsPattern("transaction\\s+2 created")
                .contains("0 difference(s)");
        assertThat(scalar(
                        url,
                        "SELECT CONCAT(i.status, ' ', p.reference, ' ', p.method) FROM invoice i JOIN payment p"
                                + " ON p.invoice_id = i.id WHERE i.series_key = 'WHMCS' AND i.sequence_value = "
                                + unpaid))
                .isEqualTo("PAID WHMCS-999999:BANK-42 BANK_TRANSFER");
        assertThat(scalar(
                        url,
                        "SELECT CONCAT(status, ' ', refunded_amount) FROM payment WHERE reference LIKE 'WHMCS-"
                                + refundable + ":%' OR reference = 'WHMCS-" + refundable + "'"))
                .as("a refund of a payment imported before is counted on it by the next run")
                .isEqualTo("SUCCEEDED 1.0000");
        long customer = keys("client").get(1L);
        assertThat(scalar(url, "SELECT CONCAT(email, ' ', city) FROM customer WHERE id = " + customer))
                .isEqualTo("new-address@example.com Springfield");
        assertThat(scalar(
                        url,
                        "SELECT CONCAT(status, ' ', suspended_by) FROM subscription WHERE id = "
                                + keys("service").get(active)))
                .isEqualTo("SUSPENDED ADMIN");
    }

    @Test
    @Order(6)
    void theFirstNativeRunBillsNoPeriodWhmcsInvoicedAndEveryOneItWouldHaveNext() throws Exception {
        Result r = run("run", "invoiceRun", "--as-of", AS_OF.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();

        Map<Long, Set<LocalDate>> billed = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT l.subscription_id, l.period_start FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id"
                                + " WHERE l.charge_kind = 'RECURRING' AND i.series_key <> 'WHMCS'")) {
            while (rs.next()) {
                billed.computeIfAbsent(rs.getLong(1), k -> new TreeSet<>())
                        .add(rs.getDate(2).toLocalDate());
            }
        }
        Map<Long, Long> serviceIds = keys("service");
        Map<Long, Long> addonIds = keys("addon");
        List<Object[]> all = new ArrayList<>();
        fixture.services().forEach(s -> all.add(new Object[] {s, serviceIds.get(s.id())}));
        fixture.addons().forEach(s -> all.add(new Object[] {s, addonIds.get(s.id())}));
        int expectedServices = 0;
        for (Object[] pair : all) {
            WhmcsFixture.GeneratedService s = (WhmcsFixture.GeneratedService) pair[0];
            Long id = (Long) pair[1];
            if (id == null) {
                continue;
            }
            Set<LocalDate> expected = new TreeSet<>();
            if ((s.status().equals("Active") || s.status().equals("Suspended"))
                    && s.nextInvoice() != null
                    && !s.nextInvoice().isAfter(AS_OF.plusDays(WhmcsFixture.INVOICE_DAYS_BEFORE))) {
                expected.add(s.nextInvoice());
                expectedServices++;
            }
            assertThat(billed.getOrDefault(id, Set.of()))
                    .as("WHMCS service %d (%s %s), last invoiced %s", s.id(), s.status(), s.cycle(), s.lastInvoiced())
                    .isEqualTo(expected);
        }
        // WHMCS's cron invoiced up to 13 days ahead, so what is due is what starts in 14 days: a monthly service's
        // periods start on its registration day (1 to 28 here), so on some days few are due
        System.out.println("  periods due in the first native run: " + expectedServices);
        assertThat(expectedServices)
                .as("the book has periods due in the first run")
                .isPositive();
    }

    @Test
    @Order(7)
    void theFirstDunningRunNeitherRepeatsWhatWhmcsDidNorEmailsItsInvoicesAgain() throws Exception {
        long open = Long.parseLong(scalar(
                url,
                "SELECT COUNT(*) FROM invoice WHERE series_key = 'WHMCS' AND status IN ('ISSUED', 'PARTIALLY_PAID')"
                        + " AND due_date < '" + AS_OF.minusDays(5) + "'"));
        assertThat(open).as("imported invoices long overdue").isGreaterThan(0);

        Result r = run("run", "dunning", "--as-of", AS_OF.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();

        assertThat(scalar(
                        url,
                        "SELECT COUNT(*) FROM dunning_step d JOIN invoice i ON i.id = d.invoice_id"
                                + " WHERE i.series_key = 'WHMCS' AND i.due_date < '" + AS_OF.minusDays(5) + "'"
                                + " AND d.kind IN ('LATE_FEE', 'SUSPEND', 'TERMINATE')"
                                + " AND (d.detail IS NULL OR d.detail NOT LIKE 'done by WHMCS%')"))
                .as("no fee, suspension or termination WHMCS's own ladder had already passed")
                .isEqualTo("0");
        assertThat(scalar(
                        url,
                        "SELECT COUNT(*) FROM outbox o JOIN invoice i ON i.id = o.invoice_id"
                                + " WHERE i.series_key = 'WHMCS' AND o.action = 'invoice-issued'"
                                + " AND o.status <> 'CANCELLED'"))
                .as("WHMCS already sent its invoices")
                .isEqualTo("0");
    }

    @Test
    @Order(8)
    void anUpgradeWhmcsBilledIsHistoryTheRunReconcilesAgainstAndNeverBillsAgain() throws Exception {
        assertThat(fixture.upgradedServices()).hasSize(2);
        assertThat(query("SELECT CONCAT(kind, ' ', status, ' ', needs_billing) FROM plan_change"))
                .containsExactly("UPGRADE ACTIVE 0", "UPGRADE ACTIVE 0");

        // the run that reaches the upgraded services' next periods
        Result r = run("run", "invoiceRun", "--as-of", AS_OF.plusDays(16).toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();

        assertThat(query("SELECT COUNT(*) FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id"
                        + " WHERE i.series_key <> 'WHMCS' AND l.charge_kind LIKE 'PRORATION%'"))
                .as("WHMCS's proration is never billed again")
                .containsExactly("0");
        for (long whmcsService : fixture.upgradedServices()) {
            long id = keys("service").get(whmcsService);
            String newPrice = scalar(whmcsUrl, "SELECT amount FROM tblhosting WHERE id = " + whmcsService);
            assertThat(query(
                            "SELECT CONCAT(l.amount = " + newPrice + ", ' ', l.plan_id = s.plan_id) FROM invoice_line l"
                                    + " JOIN invoice i ON i.id = l.invoice_id JOIN subscription s ON s.id = l.subscription_id"
                                    + " WHERE i.series_key <> 'WHMCS' AND l.charge_kind = 'RECURRING' AND l.subscription_id = "
                                    + id))
                    .as("WHMCS service %d: its next period at the new plan's price", whmcsService)
                    .containsExactly("1 1");
        }
    }

    private static Result migrate(String... extra) {
        List<String> args =
                new ArrayList<>(List.of("migrate-whmcs", "--source", whmcsUrl, "--as-of", AS_OF.toString()));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    private static Map<Long, Long> keys(String kind) throws Exception {
        Map<Long, Long> keys = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT source_id, target_id FROM migration_key WHERE kind = '" + kind + "'")) {
            while (rs.next()) {
                keys.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return keys;
    }

    /** The server's count of LOAD DATA statements (all databases; the tests of a module run one at a time). */
    private static long loads() throws Exception {
        return Long.parseLong(scalar(
                url, "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'COM_LOAD'"));
    }

    private static Map<String, String> checksums() throws Exception {
        Map<String, String> sums = new HashMap<>();
        for (String table : BOOK) {
            sums.put(table, query("CHECKSUM TABLE " + table + " EXTENDED", 2).get(0));
        }
        sums.put(
                "migration_key",
                query("CHECKSUM TABLE migration_key EXTENDED", 2).get(0));
        return sums;
    }

    private static long count(String table) throws Exception {
        return Long.parseLong(scalar(url, "SELECT COUNT(*) FROM " + table));
    }

    private static List<String> query(String sql) throws Exception {
        return query(sql, 1);
    }

    private static List<String> query(String sql, int column) throws Exception {
        return Sql.column(url, sql, column);
    }

    private static String scalar(String database, String sql) throws Exception {
        return Sql.scalar(database, sql);
    }

    private static void execute(String database, String sql) throws Exception {
        Sql.execute(database, sql);
    }
}
