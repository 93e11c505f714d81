package com.ezscale.billing.jobs.migration;

import static com.ezscale.billing.jobs.testing.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.jobs.testing.Cli;
import com.ezscale.billing.jobs.testing.Cli.Result;
import com.ezscale.billing.jobs.testing.Sql;
import com.ezscale.billing.period.BillingCycle;
import com.ezscale.billing.testing.TestDatabases;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The 30-day parallel operation, as finance runs it: the first night imports the WHMCS book and
 * keeps its customers billed by WHMCS (our runs never invoice, remind or charge them); a month in
 * which WHMCS's cron goes on invoicing (renewals, a new order with its "charge next month" prorata)
 * is compared line by line with what our rules bill for the same services and periods; cutover is
 * refused until finance accepts the differences, then hands the customers (and the Stripe customers
 * WHMCS holds) to our runs, which bill from where WHMCS stopped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WhmcsParallelRunTest {

    /** Sixty days ago; {@code -Dparallel.today=DATE} runs the test as on another day (the fixture's book moves with it). */
    static final LocalDate START = LocalDate.parse(System.getProperty(
                    "parallel.today", LocalDate.now(ZoneOffset.UTC).toString()))
            .minusDays(60);

    static final LocalDate MONTH_END = START.plusDays(30);
    /** The day a client orders VPS L, late enough in the month for WHMCS's "charge next month". */
    static final LocalDate ORDERED = START.getDayOfMonth() <= 25
            ? START.withDayOfMonth(25)
            : START.plusMonths(1).withDayOfMonth(25);

    private static String url;
    private static String whmcsUrl;
    private static WhmcsFixture fixture;
    private static long orderedService;

    @BeforeAll
    static void databases() {
        url = Cli.onNewDatabase();
        whmcsUrl = TestDatabases.newDatabaseUrl();
        fixture = WhmcsFixture.create(whmcsUrl, 120, START, 21);
    }

    @AfterAll
    static void restore() {
        Cli.restore();
    }

    @Test
    @Order(1)
    void theFirstNightImportsTheBookAndLeavesItsCustomersToWhmcs() throws Exception {
        Result r = run("parallel-run", "--source", whmcsUrl, "--as-of", START.toString());

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("parallel run open: the imported customers stay billed by WHMCS")
                .contains("WHMCS invoices compared: 0");
        long customers = count("customer");
        assertThat(customers).isGreaterThan(100);
        assertThat(scalar("SELECT COUNT(*) FROM customer WHERE shadow")).isEqualTo(String.valueOf(customers));
        assertThat(query("SELECT source FROM parallel_run WHERE cutover_on IS NULL"))
                .as("the URL is stored without its credentials")
                .singleElement()
                .satisfies(source -> assertThat(source).doesNotContain("user=").doesNotContain("password"));
        assertThat(scalar("SELECT COUNT(*) FROM gateway_customer"))
                .as("Stripe customers come over at cutover")
                .isEqualTo("0");

        long invoices = count("invoice");
        long outbox = count("outbox");
        long steps = count("dunning_step");
        for (String job : List.of("invoiceRun", "dunning", "collect")) {
            Result native_ = run("run", job, "--as-of", START.plusDays(1).toString());
            assertThat(native_.exitCode())
                    .as(job + native_.out() + native_.err())
                    .isZero();
        }
        assertThat(count("invoice"))
                .as("our invoice run bills none of WHMCS's customers")
                .isEqualTo(invoices);
        assertThat(count("dunning_step")).as("nor reminds them").isEqualTo(steps);
        assertThat(count("outbox")).as("nor emails them").isEqualTo(outbox);
        assertThat(count("payment_attempt")).as("nor charges them").isZero();
    }

    @Test
    @Order(2)
    void aMonthBothSystemsBillIsComparedLineByLineWithEachDifferenceExplained() throws Exception {
        WhmcsFixture.GeneratedService forgotten = fixture.services().stream()
                .filter(s -> s.status().equals("Active")
                        && s.cycle() == BillingCycle.MONTHLY
                        && s.clientId() != 1
                        && s.nextInvoice().isBefore(MONTH_END))
                .findFirst()
                .orElseThrow();
        fixture.advance(whmcsUrl, START, MONTH_END, forgotten.id());
        orderedService = fixture.orderChargedNextMonth(whmcsUrl, 1, ORDERED);

        Result r = run("parallel-run", "--source", whmcsUrl, "--as-of", MONTH_END.toString());

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        long compared =
                Long.parseLong(scalar("SELECT COUNT(*) FROM shadow_invoice WHERE whmcs_invoice_id IS NOT NULL"));
        assertThat(compared).isGreaterThan(50);
        assertThat(r.out()).contains("WHMCS invoices compared: " + compared);
        assertThat(scalar("SELECT COUNT(*) FROM invoice WHERE series_key <> 'WHMCS'"))
                .as("our proposals never reach the invoice table")
                .isEqualTo("0");

        // plain renewals: every line and every tax of a customer without a deliberate difference is the same
        List<Map<String, String>> renewals = rows("SELECT l.rule, l.explanation, l.description, s.customer_id"
                + " FROM shadow_line l JOIN shadow_invoice s ON s.id = l.shadow_invoice_id"
                + " WHERE s.whmcs_invoice_id IS NOT NULL AND l.charge_kind = 'RECURRING' AND l.subscription_id <> "
                + subscriptionOf(orderedService));
        assertThat(renewals).hasSizeGreaterThan(50);
        assertThat(renewals)
                .allSatisfy(
                        row -> assertThat(row.get("rule")).as(row.toString()).isEqualTo("SAME"));

        // our default loyalty tiers would give long-standing WHMCS customers a discount they never had
        List<Map<String, String>> loyalty =
                rows("SELECT l.rule, l.explanation FROM shadow_line l" + " WHERE l.charge_kind = 'DISCOUNT'");
        assertThat(loyalty).isNotEmpty().allSatisfy(row -> {
            assertThat(row.get("rule")).isEqualTo("COUPON");
            assertThat(row.get("explanation")).startsWith("the loyalty discount here (Loyalty discount (");
        });
        assertThat(r.out()).contains("COUPON").contains("WHMCS gives none (`loyalty-tier` sets or removes the tiers)");

        // finance keeps WHMCS's prices: no loyalty tiers; the same night again shows what is left
        for (String months : List.of("12", "24", "36", "60")) {
            assertThat(run("loyalty-tier", "remove", "--months", months).exitCode())
                    .isZero();
        }
        r = run("parallel-run", "--source", whmcsUrl, "--as-of", MONTH_END.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(scalar("SELECT COUNT(*) FROM shadow_line WHERE charge_kind = 'DISCOUNT'"))
                .isEqualTo("0");

        // the deliberate differences left, each named by its rule
        Map<String, String> order = rows("SELECT l.rule, l.difference, l.explanation FROM shadow_line l"
                        + " WHERE l.charge_kind = 'RECURRING' AND l.subscription_id = "
                        + subscriptionOf(orderedService))
                .get(0);
        assertThat(order.get("rule")).isEqualTo("PRORATION");
        assertThat(order.get("difference")).isEqualTo("0.0000");
        assertThat(order.get("explanation")).startsWith("WHMCS's 'charge next month': its one item (");
        List<Map<String, String>> differing = rows("SELECT l.rule, l.explanation, c.country, c.vat_number, c.region"
                + " FROM shadow_line l JOIN shadow_invoice s ON s.id = l.shadow_invoice_id"
                + " JOIN customer c ON c.id = s.customer_id WHERE l.rule <> 'SAME' AND s.whmcs_invoice_id IS NOT NULL");
        assertThat(Set.copyOf(differing.stream().map(row -> row.get("rule")).toList()))
                .containsExactlyInAnyOrder("PRORATION", "TAX");
        // WHMCS's level-2 QST in Quebec is not carried over; a German business is reverse charged here
        assertThat(differing)
                .filteredOn(row -> row.get("rule").equals("TAX"))
                .isNotEmpty()
                .allSatisfy(row -> {
                    assertThat(row.get("explanation")).startsWith("same lines, other tax: WHMCS ");
                    assertThat(row.get("country") + "/" + row.get("region") + "/" + row.get("vat_number"))
                            .matches("CA/Quebec/null|DE/null/DE\\d+");
                    assertThat(row.get("explanation"))
                            .contains(
                                    row.get("country").equals("CA")
                                            ? "WHMCS: Tax 5% + Tax 2 9.975%; here: GST 5% (one rate per country"
                                            : "WHMCS: Tax 19%; here: reverse charge");
                });
        assertThat(r.out()).contains("PRORATION").contains("charge next month");
        // the service WHMCS stopped invoicing: our run would have billed it
        assertThat(
                        rows(
                                "SELECT l.subscription_id, l.period_start, l.rule, l.explanation, l.whmcs_amount FROM shadow_line l"
                                        + " JOIN shadow_invoice s ON s.id = l.shadow_invoice_id WHERE s.whmcs_invoice_id IS NULL"))
                .isNotEmpty()
                .allSatisfy(row -> {
                    assertThat(row.get("subscription_id")).isEqualTo(String.valueOf(subscriptionOf(forgotten.id())));
                    assertThat(row.get("rule")).isEqualTo("PERIOD");
                    assertThat(row.get("whmcs_amount")).isNull();
                    assertThat(row.get("explanation")).endsWith("WHMCS had not invoiced it by its start");
                })
                .anySatisfy(row -> assertThat(row.get("period_start"))
                        .isEqualTo(forgotten.nextInvoice().toString()));
        assertThat(r.out()).containsPattern("billed here but not by WHMCS by the period's start: [1-9]");
    }

    @Test
    @Order(3)
    void theSameNightRunAgainGivesTheSameComparison() throws Exception {
        List<Map<String, String>> before = comparison();

        Result r = run("parallel-run", "--source", whmcsUrl, "--as-of", MONTH_END.toString());

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(comparison()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void cutoverWaitsForFinanceToAcceptTheDifferences() throws Exception {
        Result refused = run("cutover", "--source", whmcsUrl, "--as-of", MONTH_END.toString());

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).containsPattern("error: \\d+ line\\(s\\) differ from WHMCS");
        assertThat(scalar("SELECT COUNT(*) FROM customer WHERE NOT shadow")).isEqualTo("0");
        assertThat(scalar("SELECT COUNT(*) FROM parallel_run WHERE cutover_on IS NULL"))
                .isEqualTo("1");
    }

    @Test
    @Order(5)
    void cutoverHandsTheBookToOurRunsWhichBillFromWhereWhmcsStopped() throws Exception {
        Result r = run("cutover", "--source", whmcsUrl, "--as-of", MONTH_END.toString(), "--accept-differences");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("customer(s) are billed here from now on");
        assertThat(scalar("SELECT COUNT(*) FROM customer WHERE shadow")).isEqualTo("0");
        assertThat(query("SELECT action FROM audit_log WHERE action LIKE 'migration.%' ORDER BY id"))
                .contains("migration.parallel-run", "migration.cutover");
        // Stripe customers where WHMCS holds them readable (clients 1, 2 mod 5), none from encrypted tokens
        assertThat(rows("SELECT k.source_id, g.gateway_customer_id, g.payment_method_id FROM gateway_customer g"
                        + " JOIN migration_key k ON k.kind = 'client' AND k.target_id = g.customer_id"))
                .isNotEmpty()
                .allSatisfy(row -> {
                    long client = Long.parseLong(row.get("source_id"));
                    assertThat(client % 5).isIn(1L, 2L);
                    assertThat(row.get("gateway_customer_id"))
                            .isEqualTo((client % 5 == 1 ? "cus_W" : "cus_J") + (100000 + client));
                    assertThat(row.get("payment_method_id"))
                            .isEqualTo(client % 5 == 1 ? null : "pm_J" + (100000 + client));
                });
        assertThat(run("parallel-run", "--source", whmcsUrl, "--as-of", MONTH_END.toString())
                        .err())
                .contains("the parallel run ended at cutover on " + MONTH_END);

        // the first native run bills the ordered VPS from the month after the one WHMCS's first invoice covered
        LocalDate nextPeriod = ORDERED.withDayOfMonth(1).plusMonths(2);
        Result bill =
                run("run", "invoiceRun", "--as-of", nextPeriod.minusDays(14).toString());
        assertThat(bill.exitCode()).as(bill.out() + bill.err()).isZero();
        assertThat(query("SELECT l.period_start FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id"
                        + " WHERE i.series_key <> 'WHMCS' AND l.charge_kind = 'RECURRING' AND l.subscription_id = "
                        + subscriptionOf(orderedService)))
                .containsExactly(nextPeriod.toString());
    }

    private static long subscriptionOf(long whmcsService) throws Exception {
        return Long.parseLong(
                scalar("SELECT target_id FROM migration_key WHERE kind = 'service' AND source_id = " + whmcsService));
    }

    private static List<Map<String, String>> comparison() throws Exception {
        return rows("SELECT s.customer_id, s.whmcs_invoice_id, s.our_total, s.differences, l.line_no, l.rule,"
                + " l.difference, l.explanation FROM shadow_invoice s JOIN shadow_line l ON l.shadow_invoice_id = s.id"
                + " ORDER BY s.whmcs_invoice_id, l.line_no");
    }

    private static long count(String table) throws Exception {
        return Long.parseLong(scalar("SELECT COUNT(*) FROM " + table));
    }

    private static List<String> query(String sql) throws Exception {
        return Sql.column(url, sql, 1);
    }

    private static String scalar(String sql) throws Exception {
        return Sql.scalar(url, sql);
    }

    private static List<Map<String, String>> rows(String sql) throws Exception {
        return Sql.rows(url, sql);
    }
}
