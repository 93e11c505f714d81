package com.ezscale.billing.jobs.cli;

import static com.ezscale.billing.jobs.testing.Cli.ok;
import static com.ezscale.billing.jobs.testing.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.jobs.testing.Cli;
import com.ezscale.billing.jobs.testing.Cli.Result;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The admin commands that keep the book, as an admin types them on an empty database: a catalog,
 * customers, services with IPs and panels, coupons, loyalty, tax and a second seller, then the
 * invoice they make; and every command refusing bad input with one line naming the problem, with
 * nothing written (the counts of every table it could touch unchanged).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BookCommandsTest {

    static final List<String> TABLES = List.of(
            "product",
            "plan",
            "plan_price",
            "plan_usage_terms",
            "plan_usage_price",
            "price_list",
            "customer",
            "customer_group_policy",
            "subscription",
            "ip_assignment",
            "coupon",
            "coupon_amount",
            "coupon_product",
            "coupon_country",
            "coupon_redemption",
            "loyalty_tier",
            "tax_rule",
            "seller_entity",
            "outbox",
            "audit_log");

    private static String url;

    @BeforeAll
    static void ownDatabase() {
        url = Cli.onNewDatabase();
    }

    @AfterAll
    static void restore() {
        Cli.restore();
    }

    @Test
    @Order(1)
    void anAdminBuildsABookFromNothingAndItBillsAsTheRulesSay() throws Exception {
        // the book starts today (its first customer is created now): dates are relative to today
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String d0 = today.toString();
        String d1 = today.plusDays(1).toString();
        ok("product", "add", "vps", "--name", "Virtual server", "--kind", "vps");
        ok("product", "add", "transit", "--name", "IP transit", "--kind", "TRANSIT", "--prorata-day", "1");
        ok("plan", "add", "vps-s", "--product", "vps", "--name", "VPS S", "--trial-days", "7");
        ok("plan", "add", "transit-100", "--product", "transit", "--name", "Transit 100 Mbps commit");
        ok("plan", "price", "vps-s", "--currency", "USD", "--cycle", "monthly", "--price", "10.00", "--setup-fee", "5");
        ok("plan", "price", "vps-s", "--currency", "EUR", "--cycle", "MONTHLY", "--price", "9");
        ok("plan", "price", "vps-s", "--currency", "EUR", "--cycle", "MONTHLY", "--price", "9.50");
        ok("plan", "price", "transit-100", "--currency", "USD", "--cycle", "MONTHLY", "--price", "150");
        ok("plan", "usage-terms", "transit-100", "--commit-mbps", "100");
        ok("plan", "usage-price", "transit-100", "--currency", "USD", "--kind", "MBPS", "--unit-price", "0.85");
        assertThat(ok("plan", "show", "vps-s").out())
                .contains("plan vps-s: VPS S (product vps, VPS), 7-day trial")
                .contains("EUR MONTHLY 9.5")
                .contains("USD MONTHLY 10, setup 5");
        assertThat(ok("plan", "show", "transit-100").out()).contains("usage price: USD MBPS tier 1 at 0.85");

        ok("group", "set", "partners", "--dunning-exempt", "--note", "resellers");
        assertThat(ok(
                                "customer",
                                "add",
                                "--name",
                                "Ada Lovelace",
                                "--email",
                                "ada@example.com",
                                "--country",
                                "us",
                                "--currency",
                                "usd",
                                "--address1",
                                "1 Engine St",
                                "--city",
                                "Boston",
                                "--postal-code",
                                "02101",
                                "--region",
                                "MA")
                        .out())
                .contains("customer 1 added: Ada Lovelace");
        ok(
                "customer",
                "add",
                "--name",
                "Bruno Weber",
                "--company",
                "Weber GmbH",
                "--email",
                "bruno@example.de",
                "--country",
                "DE",
                "--currency",
                "EUR",
                "--vat",
                "de 123 456 789",
                "--group",
                "partners");
        ok(
                "customer",
                "add",
                "--name",
                "Carol",
                "--email",
                "carol@example.com",
                "--country",
                "US",
                "--currency",
                "USD");
        ok("customer", "edit", "1", "--company", "Analytical Engines", "--email", "billing@engines.example");
        assertThat(ok("customer", "show", "2").out())
                .contains("customer 2: Bruno Weber (Weber GmbH) <bruno@example.de>")
                .contains("VAT number DE123456789")
                .contains("group:    partners");
        assertThat(ok("customer", "list").out())
                .containsPattern("1  ACTIVE    USD  US  Ada Lovelace\\s+billing@engines.example")
                .contains("3 customer(s)");
        ok("customer", "close", "3", "--reason", "signed up twice");
        assertThat(ok("customer", "list", "--status", "closed").out())
                .contains("Carol")
                .contains("1 customer(s)");

        assertThat(ok(
                                "service",
                                "order",
                                "1",
                                "vps-s",
                                "--cycle",
                                "monthly",
                                "--start",
                                d0,
                                "--label",
                                "vps-ada",
                                "--panel",
                                "virtfusion",
                                "--panel-ref",
                                "121")
                        .out())
                .contains("service 1 ordered");
        ok("service", "order", "2", "vps-s", "--cycle", "MONTHLY", "--start", d1, "--label", "vps-bruno", "--no-trial");
        ok("service", "ip-add", "1", "203.0.113.7", "--from", d0);
        ok("service", "ip-add", "2", "2001:db8::/48", "--from", "2026-12-01");
        ok("service", "ip-end", "2", "2001:db8::/48", "--at", "2026-12-15");
        // without --from and --at: now, on the application's clock
        Instant before = Instant.now();
        ok("service", "ip-add", "1", "198.51.100.9");
        ok("service", "ip-end", "1", "198.51.100.9/32");
        Instant after = Instant.now();
        List<String> window = query(
                "SELECT CONCAT(DATE_FORMAT(valid_from, '%Y-%m-%dT%H:%i:%s.%fZ'), ' ',"
                        + " DATE_FORMAT(valid_until, '%Y-%m-%dT%H:%i:%s.%fZ')) FROM ip_assignment WHERE cidr LIKE '198.51.100.9%'");
        assertThat(window).hasSize(1);
        Instant from = Instant.parse(window.get(0).split(" ")[0]);
        Instant until = Instant.parse(window.get(0).split(" ")[1]);
        assertThat(from).isBetween(before, after);
        assertThat(until).isBetween(from, after);
        ok("service", "panel", "2", "--panel", "pterodactyl", "--panel-ref", "44");
        ok("service", "suspend", "1", "--reason", "abuse report 4711");
        ok("service", "unsuspend", "1", "--reason", "resolved");
        assertThat(ok("service", "show", "2").out())
                .contains("service 2: vps-s MONTHLY for customer 2 (vps-bruno)")
                .contains("panel:    PTERODACTYL 44")
                .contains("2001:db8:0:0:0:0:0:0/48 from 2026-12-01T00:00:00Z until 2026-12-15T00:00:00Z");
        assertThat(ok("service", "list", "1").out()).containsPattern("1  ACTIVE\\s+vps-s\\s+MONTHLY\\s+" + d0);

        ok(
                "coupon",
                "add",
                "welcome20",
                "--percent",
                "20",
                "--duration",
                "cycles",
                "--cycles",
                "3",
                "--product",
                "vps");
        ok(
                "coupon",
                "add",
                "fiveoff",
                "--amount",
                "USD=5.00,EUR=4.50",
                "--duration",
                "once",
                "--max-per-customer",
                "1");
        assertThat(ok("coupon", "list").out())
                .contains("WELCOME20  PERCENT 20%  CYCLES 3")
                .contains("FIVEOFF  FIXED 4.50 EUR, 5.00 USD  ONCE");
        ok("loyalty-tier", "set", "--months", "6", "--percent", "2.5");
        ok("loyalty-tier", "remove", "--months", "60");
        assertThat(ok("loyalty-tier", "list").out()).contains("6 months  2.5%").doesNotContain("60 months");
        ok("tax-rule", "add", "DE", "--name", "VAT", "--rate", "16", "--from", "2020-07-01", "--until", "2021-01-01");
        ok("tax-rule", "add", "DE", "--name", "VAT", "--rate", "19", "--from", "2007-01-01", "--until", "2020-07-01");
        ok("tax-rule", "add", "DE", "--name", "VAT", "--rate", "19", "--from", "2021-01-01");
        ok("tax-rule", "add", "US", "--region", "MA", "--name", "Sales tax", "--rate", "6.25");
        assertThat(ok("tax-rule", "list").out())
                .contains("DE  VAT 19%  from 2021-01-01")
                .contains("US/MA  Sales tax 6.25%");
        ok(
                "seller",
                "add",
                "ezscale-eu",
                "--legal-name",
                "EZSCALE Europe BV",
                "--address",
                "1 Dam, Amsterdam",
                "--country",
                "NL",
                "--vat",
                "NL123456789B01",
                "--invoice-series",
                "EU-{year}-{000001}",
                "--credit-note-series",
                "EUCN-{year}-{000001}");
        assertThat(ok("seller", "list").out()).contains("EZSCALE-EU  EZSCALE Europe BV, NL VAT NL123456789B01");
        ok("redeem", "WELCOME20", "1", "--as-of", d0);

        // what the book now bills: Ada's trial, setup fee, first paid month less the coupon, taxed for Massachusetts
        assertThat(ok("preview", "1", "--as-of", d0).out())
                .contains("Free trial: VPS S - vps-ada " + d0 + " to " + today.plusDays(6))
                .contains("Setup fee: VPS S - vps-ada")
                .contains("VPS S - vps-ada (monthly) " + today.plusDays(7) + " to ")
                .contains("Coupon WELCOME20 (20%)")
                .containsPattern("Total USD\\s+13.81");
        ok("run", "invoiceRun", "--as-of", d1);
        assertThat(
                        query(
                                "SELECT CONCAT(i.number, ' ', i.currency, ' ', i.total, ' ', i.tax_mode) FROM invoice i ORDER BY i.id"))
                .containsExactly("INV-2026-000001 USD 13.8100 STANDARD", "INV-2026-000002 EUR 9.5000 REVERSE_CHARGE");
        assertThat(
                        query(
                                "SELECT CONCAT(charge_kind, ' ', amount) FROM invoice_line WHERE invoice_id = 1 ORDER BY line_no"))
                .containsExactly("TRIAL 0.0000", "SETUP 5.0000", "RECURRING 10.0000", "DISCOUNT -2.0000");

        assertThat(query("SELECT DISTINCT action FROM audit_log ORDER BY action"))
                .containsExactly(
                        "coupon.add",
                        "coupon.redeem",
                        "customer.add",
                        "customer.close",
                        "customer.edit",
                        "group.set",
                        "job.run",
                        "loyalty-tier.remove",
                        "loyalty-tier.set",
                        "plan.add",
                        "price.set",
                        "product.add",
                        "seller.add",
                        "service.ip-add",
                        "service.ip-end",
                        "service.order",
                        "service.panel",
                        "service.suspend",
                        "service.unsuspend",
                        "tax-rule.add",
                        "usage-price.set",
                        "usage-terms.set");
        assertThat(query("SELECT dedupe_key FROM outbox WHERE channel = 'PANEL' ORDER BY id"))
                .hasSize(2)
                .allMatch(k -> k.startsWith("PANEL:SUSPEND:1:ADMIN:") || k.startsWith("PANEL:UNSUSPEND:1:ADMIN:"));

        // Bruno's service suspended by hand stays so: the refusals below try it again
        ok("service", "suspend", "2", "--reason", "customer asked to pause");
        assertThat(query("SELECT CONCAT(status, ' ', suspended_by) FROM subscription WHERE id = 2"))
                .containsExactly("SUSPENDED ADMIN");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refused(
                        "customer add without an e-mail",
                        "e-mail address",
                        "customer",
                        "add",
                        "--name",
                        "X",
                        "--email",
                        "x@y",
                        "--country",
                        "US",
                        "--currency",
                        "USD"),
                refused(
                        "customer add in a currency without prices",
                        "currency JPY has no price list",
                        "customer",
                        "add",
                        "--name",
                        "X",
                        "--email",
                        "x@example.com",
                        "--country",
                        "JP",
                        "--currency",
                        "JPY"),
                refused(
                        "customer add with an unknown group",
                        "no customer group 'vip'",
                        "customer",
                        "add",
                        "--name",
                        "X",
                        "--email",
                        "x@example.com",
                        "--country",
                        "US",
                        "--currency",
                        "USD",
                        "--group",
                        "vip"),
                refused(
                        "customer add with a malformed VAT number",
                        "malformed for FR",
                        "customer",
                        "add",
                        "--name",
                        "X",
                        "--email",
                        "x@example.com",
                        "--country",
                        "FR",
                        "--currency",
                        "EUR",
                        "--vat",
                        "FR123"),
                refused("customer edit of nobody", "no customer 99", "customer", "edit", "99", "--name", "X"),
                refused("customer edit to a bad country", "country 'ZZ'", "customer", "edit", "1", "--country", "ZZ"),
                refused(
                        "customer close with a service running",
                        "service(s) still running",
                        "customer",
                        "close",
                        "1",
                        "--reason",
                        "x"),
                refused("customer close twice", "already closed", "customer", "close", "3", "--reason", "x"),
                refused(
                        "customer list with a silly limit",
                        "--limit must be between 1 and 10000",
                        "customer",
                        "list",
                        "--limit",
                        "0"),
                refused("group set with a bad code", "group code 'a b'", "group", "set", "a b"),
                refused(
                        "service order of an unknown plan",
                        "no plan vps-xl",
                        "service",
                        "order",
                        "1",
                        "vps-xl",
                        "--cycle",
                        "MONTHLY"),
                refused(
                        "service order at a cycle without a price",
                        "plan vps-s has no ANNUALLY price in USD",
                        "service",
                        "order",
                        "1",
                        "vps-s",
                        "--cycle",
                        "ANNUALLY"),
                refused(
                        "service order for a closed customer",
                        "customer 3 is closed",
                        "service",
                        "order",
                        "3",
                        "vps-s",
                        "--cycle",
                        "MONTHLY"),
                refused(
                        "service order with a typo'd year",
                        "beyond the 400 days allowed",
                        "service",
                        "order",
                        "1",
                        "vps-s",
                        "--cycle",
                        "MONTHLY",
                        "--start",
                        "2062-01-01"),
                refused(
                        "service order with half a panel",
                        "--panel and --panel-ref go together",
                        "service",
                        "order",
                        "1",
                        "vps-s",
                        "--cycle",
                        "MONTHLY",
                        "--panel",
                        "ENHANCE"),
                refused(
                        "service order on an unknown panel",
                        "unknown panel cpanel",
                        "service",
                        "order",
                        "1",
                        "vps-s",
                        "--cycle",
                        "MONTHLY",
                        "--panel",
                        "cpanel",
                        "--panel-ref",
                        "1"),
                refused(
                        "service ip-add of a malformed address",
                        "203.0.113.300",
                        "service",
                        "ip-add",
                        "1",
                        "203.0.113.300"),
                refused(
                        "service ip-add of an address in use",
                        "already assigned",
                        "service",
                        "ip-add",
                        "2",
                        "203.0.113.7",
                        "--from",
                        "2027-01-01"),
                refused(
                        "service ip-add ending before it starts",
                        "is not after --from",
                        "service",
                        "ip-add",
                        "1",
                        "198.51.100.1",
                        "--from",
                        "2026-12-01",
                        "--until",
                        "2026-11-01"),
                refused(
                        "service ip-end of a prefix not assigned",
                        "no open assignment of 198.51.100.0/24",
                        "service",
                        "ip-end",
                        "1",
                        "198.51.100.0/24"),
                refused(
                        "service panel of nobody",
                        "no service 99",
                        "service",
                        "panel",
                        "99",
                        "--panel",
                        "ENHANCE",
                        "--panel-ref",
                        "x"),
                refused(
                        "service suspend twice",
                        "only an active service is suspended",
                        "service",
                        "suspend",
                        "2",
                        "--reason",
                        "again"),
                refused(
                        "service unsuspend of an active service",
                        "nothing to unsuspend",
                        "service",
                        "unsuspend",
                        "1",
                        "--reason",
                        "x"),
                refused("service show of nobody", "no service 99", "service", "show", "99"),
                refused(
                        "product add twice",
                        "product vps exists",
                        "product",
                        "add",
                        "vps",
                        "--name",
                        "X",
                        "--kind",
                        "VPS"),
                refused(
                        "product add with an upper-case code",
                        "product code 'VPS2'",
                        "product",
                        "add",
                        "VPS2",
                        "--name",
                        "X",
                        "--kind",
                        "VPS"),
                refused(
                        "product add of an unknown kind",
                        "Invalid value for option '--kind'",
                        "product",
                        "add",
                        "x",
                        "--name",
                        "X",
                        "--kind",
                        "MAINFRAME"),
                refused(
                        "product add with prorata on the 31st",
                        "prorata day 31",
                        "product",
                        "add",
                        "x",
                        "--name",
                        "X",
                        "--kind",
                        "VPS",
                        "--prorata-day",
                        "31"),
                refused(
                        "plan add of an unknown product",
                        "no product nas",
                        "plan",
                        "add",
                        "nas-s",
                        "--product",
                        "nas",
                        "--name",
                        "X"),
                refused(
                        "plan add with a year of trial",
                        "trial days 400",
                        "plan",
                        "add",
                        "x",
                        "--product",
                        "vps",
                        "--name",
                        "X",
                        "--trial-days",
                        "400"),
                refused(
                        "plan price below zero",
                        "the price cannot be negative",
                        "plan",
                        "price",
                        "vps-s",
                        "--currency",
                        "USD",
                        "--cycle",
                        "ANNUALLY",
                        "--price",
                        "-1"),
                refused(
                        "plan price with seven decimals",
                        "more than 6 decimals",
                        "plan",
                        "price",
                        "vps-s",
                        "--currency",
                        "USD",
                        "--cycle",
                        "ANNUALLY",
                        "--price",
                        "1.0000001"),
                refused(
                        "plan price above the ceiling",
                        "above the ceiling",
                        "plan",
                        "price",
                        "vps-s",
                        "--currency",
                        "USD",
                        "--cycle",
                        "ANNUALLY",
                        "--price",
                        "2000000"),
                refused(
                        "plan price of a free cycle",
                        "a price needs a billed cycle",
                        "plan",
                        "price",
                        "vps-s",
                        "--currency",
                        "USD",
                        "--cycle",
                        "FREE",
                        "--price",
                        "0"),
                refused(
                        "plan price in an unknown currency",
                        "unknown currency 'ABC'",
                        "plan",
                        "price",
                        "vps-s",
                        "--currency",
                        "ABC",
                        "--cycle",
                        "MONTHLY",
                        "--price",
                        "1"),
                refused(
                        "plan usage-terms with neither commit nor quota",
                        "need a commit",
                        "plan",
                        "usage-terms",
                        "transit-100"),
                refused(
                        "plan usage-price of an unknown kind",
                        "neither MBPS nor TRANSFER",
                        "plan",
                        "usage-price",
                        "transit-100",
                        "--currency",
                        "USD",
                        "--kind",
                        "GB",
                        "--unit-price",
                        "1"),
                refused("plan show of nobody", "no plan nope", "plan", "show", "nope"),
                refused(
                        "coupon add twice",
                        "coupon WELCOME20 exists",
                        "coupon",
                        "add",
                        "welcome20",
                        "--percent",
                        "10",
                        "--duration",
                        "ONCE"),
                refused(
                        "coupon add of 150 %",
                        "at most 100", "coupon", "add", "huge", "--percent", "150", "--duration", "ONCE"),
                refused(
                        "coupon add with cycles but forever",
                        "--cycles goes with --duration CYCLES",
                        "coupon",
                        "add",
                        "x1",
                        "--percent",
                        "10",
                        "--duration",
                        "FOREVER",
                        "--cycles",
                        "3"),
                refused(
                        "coupon add with a malformed amount",
                        "is not CURRENCY=AMOUNT",
                        "coupon",
                        "add",
                        "x2",
                        "--amount",
                        "5.00",
                        "--duration",
                        "ONCE"),
                refused(
                        "coupon add for an unknown product",
                        "no product nas",
                        "coupon",
                        "add",
                        "x3",
                        "--percent",
                        "10",
                        "--duration",
                        "ONCE",
                        "--product",
                        "nas"),
                refused(
                        "coupon add valid backwards",
                        "is before --valid-from",
                        "coupon",
                        "add",
                        "x4",
                        "--percent",
                        "10",
                        "--duration",
                        "ONCE",
                        "--valid-from",
                        "2027-01-01",
                        "--valid-until",
                        "2026-01-01"),
                refused(
                        "loyalty-tier set of nothing",
                        "--percent must be above 0",
                        "loyalty-tier",
                        "set",
                        "--months",
                        "3",
                        "--percent",
                        "0"),
                refused(
                        "loyalty-tier remove of no tier",
                        "no loyalty tier at 7 months",
                        "loyalty-tier",
                        "remove",
                        "--months",
                        "7"),
                refused(
                        "tax-rule add overlapping",
                        "it overlaps VAT 19% of DE from 2021-01-01",
                        "tax-rule",
                        "add",
                        "DE",
                        "--name",
                        "VAT",
                        "--rate",
                        "20",
                        "--from",
                        "2026-01-01"),
                refused(
                        "tax-rule add of 100 %",
                        "below 100", "tax-rule", "add", "FR", "--name", "TVA", "--rate", "100"),
                refused(
                        "tax-rule end of no rule",
                        "no open tax rule of FR",
                        "tax-rule",
                        "end",
                        "FR",
                        "--until",
                        "2027-01-01"),
                refused("seller add sharing a series", "is seller EZSCALE's", sellerAdd("INV-{year}-{000001}")),
                refused(
                        "seller add with a series that could number an invoice held here",
                        "series INV-{year}-{0001} could number an invoice INV-2026-000001",
                        sellerAdd("INV-{year}-{0001}")),
                refused("seller add with a series without a counter", "needs a counter", sellerAdd("OINV-{year}")));
    }

    /** {@code seller add other} with invoice series {@code invoiceSeries} (credit notes OCN-{year}-{000001}). */
    static String[] sellerAdd(String invoiceSeries) {
        return new String[] {
            "seller",
            "add",
            "other",
            "--legal-name",
            "X",
            "--address",
            "Y",
            "--country",
            "US",
            "--invoice-series",
            invoiceSeries,
            "--credit-note-series",
            "OCN-{year}-{000001}"
        };
    }

    static Arguments refused(String name, String message, String... args) {
        return Arguments.of(name, message, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    @Order(2)
    void badInputIsRefusedWithOneLineNamingTheProblemAndNothingWritten(String name, String message, String[] args)
            throws Exception {
        Map<String, Long> before = counts();
        Result r = run(args);
        assertThat(r.exitCode()).as(name + ": " + r.err()).isIn(1, 2);
        List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as(name).hasSize(1);
        assertThat(lines.get(0)).startsWith("error: ").contains(message);
        assertThat(counts()).as(name + ": nothing written").isEqualTo(before);
    }

    /** The row count of every table a book command could write, in one query. */
    private Map<String, Long> counts() throws Exception {
        String sql = TABLES.stream()
                .map(t -> "SELECT '" + t + "', COUNT(*) FROM " + t)
                .collect(Collectors.joining(" UNION ALL "));
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    private static List<String> query(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }
}
