package com.ezscale.billing.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.customer.Customer;
import com.ezscale.billing.customer.CustomerStatus;
import com.ezscale.billing.customer.PostalAddress;
import com.ezscale.billing.invoice.ChargeKind;
import com.ezscale.billing.invoice.CustomerBillingInput;
import com.ezscale.billing.invoice.LineKey;
import com.ezscale.billing.invoice.ProposedLine;
import com.ezscale.billing.migration.ParallelComparison.Row;
import com.ezscale.billing.migration.ParallelComparison.Rule;
import com.ezscale.billing.migration.ParallelComparison.WhmcsLine;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.period.BillingCycle;
import com.ezscale.billing.period.BillingPeriod;
import com.ezscale.billing.subscription.Subscription;
import com.ezscale.billing.subscription.SubscriptionStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParallelComparisonTest {

    static final Currency USD = Currency.getInstance("USD");

    @Test
    void aPlainRenewalBilledAlikeShowsNoDifference() {
        List<Row> rows = ParallelComparison.compare(
                USD,
                List.of(whmcs(7, ChargeKind.RECURRING, "2026-12-01", "10.00")),
                new BigDecimal("1.90"),
                List.of(ours(7, ChargeKind.RECURRING, "2026-12-01", "2027-01-01", "1", "10.00", "10.00")),
                new BigDecimal("1.90"),
                Map.of());

        assertThat(rows).extracting(Row::rule).containsExactly(Rule.SAME, Rule.SAME);
        assertThat(rows).noneMatch(Row::differs);
        assertThat(rows).extracting(Row::difference).allMatch(d -> d.signum() == 0);
    }

    /** One line on each side (or one side only: '-'), and the rule that explains their difference. */
    @ParameterizedTest(name = "{0} WHMCS {1} / here {2} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            RECURRING      | 10.00  | 10.01  | 1        | ROUNDING  | one minor unit apart
            RECURRING      | 10.00  | 12.00  | 1        | PRICE     | same period, other price: WHMCS charged 10.00, the plan's price here is 12.00
            RECURRING      | 4.50   | 4.33   | 0.433333 | PRORATION | first period prorated: here 10.00 x 13/30 days = 4.33; WHMCS charged 4.50 = 10.00 x 13/28.9
            SETUP          | 99.00  | 49.00  | 1        | SETUP_FEE | setup fee: WHMCS charged 99.00, the plan's setup fee here is 49.00
            DISCOUNT       | -1.00  | -2.00  | 1        | COUPON    | discount: WHMCS took off 1.00, here 2.00
            USAGE_COMMIT   | -      | 30.00  | 1        | USAGE     | WHMCS bills no usage
            SETUP          | -      | 99.00  | 1        | SETUP_FEE | WHMCS charged none
            DISCOUNT       | -      | -1.00  | 1        | COUPON    | WHMCS gave no discount
            RECURRING      | -      | 10.00  | 1        | PERIOD    | WHMCS did not bill it on this invoice
            RECURRING      | 10.00  | -      | 1        | PERIOD    | the service's schedule here does not start a period then
            SETUP          | 99.00  | -      | 1        | SETUP_FEE | the plan here has none
            DISCOUNT       | -1.00  | -      | 1        | COUPON    | the imported service's price already has it in it
            """)
    void eachDifferenceIsNamedByItsRule(
            ChargeKind kind, String whmcs, String ours, String quantity, Rule rule, String explanation) {
        List<WhmcsLine> theirs = whmcs == null ? List.of() : List.of(whmcs(7, kind, "2026-11-18", whmcs));
        BigDecimal unit = ours == null
                ? null
                : new BigDecimal(quantity).compareTo(BigDecimal.ONE) < 0
                        ? new BigDecimal("10.00")
                        : new BigDecimal(ours);
        List<ProposedLine> ourLines = ours == null
                ? List.of()
                : List.of(ours(7, kind, "2026-11-18", "2026-12-01", quantity, unit.toPlainString(), ours));

        List<Row> rows = ParallelComparison.compare(USD, theirs, BigDecimal.ZERO, ourLines, BigDecimal.ZERO, Map.of());

        assertThat(rows).hasSize(1);
        Row row = rows.get(0);
        assertThat(row.rule()).isEqualTo(rule);
        assertThat(row.explanation()).contains(explanation);
        assertThat(row.difference()).isEqualByComparingTo(amount(ours).subtract(amount(whmcs)));
    }

    @Test
    void whmcsChargeNextMonthIsOneItemForOurTwoLines() {
        // ordered on the 25th, prorata day 1: WHMCS bills the 6 days and December in one item
        List<Row> rows = ParallelComparison.compare(
                USD,
                List.of(whmcs(9, ChargeKind.RECURRING, "2026-11-25", "48.00")),
                BigDecimal.ZERO,
                List.of(
                        ours(9, ChargeKind.RECURRING, "2026-11-25", "2026-12-01", "0.200000", "40.00", "8.00"),
                        ours(9, ChargeKind.RECURRING, "2026-12-01", "2027-01-01", "1", "40.00", "40.00")),
                BigDecimal.ZERO,
                Map.of());

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).rule()).isEqualTo(Rule.PRORATION);
        assertThat(rows.get(0).difference()).isZero();
        assertThat(rows.get(0).explanation())
                .isEqualTo("WHMCS's 'charge next month': its one item (48.00) covers the prorated first period and"
                        + " the next one from 2026-12-01; here they are two lines, 8.00 + 40.00");
    }

    @Test
    void itemsNoRuleHereBillsAreListedWithTheirReason() {
        List<Row> rows = ParallelComparison.compare(
                USD,
                List.of(
                        new WhmcsLine(
                                null,
                                ChargeKind.RECURRING,
                                null,
                                "Domain renewal example.com",
                                new BigDecimal("12.00")),
                        whmcs(8, ChargeKind.RECURRING, "2026-12-01", "5.00")),
                BigDecimal.ZERO,
                List.of(),
                BigDecimal.ZERO,
                Map.of(8L, "the service is TERMINATED here (MONTHLY): no period of it is billed"));

        assertThat(rows).extracting(Row::rule).containsExactly(Rule.NOT_BILLED_HERE, Rule.PERIOD);
        assertThat(rows.get(0).description()).isEqualTo("Domain renewal example.com");
        assertThat(rows.get(1).explanation()).startsWith("the service is TERMINATED here");
        assertThat(rows)
                .extracting(Row::difference)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("-12.00"), new BigDecimal("-5.00"));
    }

    @Test
    void theTaxLineSaysWhetherItFollowsTheLinesOrTheRate() {
        List<Row> sameLines = ParallelComparison.compare(
                USD,
                List.of(whmcs(7, ChargeKind.RECURRING, "2026-12-01", "10.00")),
                BigDecimal.ZERO,
                List.of(ours(7, ChargeKind.RECURRING, "2026-12-01", "2027-01-01", "1", "10.00", "10.00")),
                new BigDecimal("1.90"),
                Map.of());
        List<Row> otherLines = ParallelComparison.compare(
                USD,
                List.of(whmcs(7, ChargeKind.RECURRING, "2026-12-01", "10.00")),
                new BigDecimal("1.90"),
                List.of(ours(7, ChargeKind.RECURRING, "2026-12-01", "2027-01-01", "1", "12.00", "12.00")),
                new BigDecimal("2.28"),
                Map.of());

        assertThat(sameLines.get(1).rule()).isEqualTo(Rule.TAX);
        assertThat(sameLines.get(1).explanation()).startsWith("same lines, other tax: WHMCS 0.00, here 1.90");
        assertThat(otherLines.get(1).rule()).isEqualTo(Rule.TAX);
        assertThat(otherLines.get(1).explanation()).startsWith("the tax follows the lines' difference");
    }

    @Test
    void aZeroLineOnOneSideOnlyIsNotADifference() {
        List<Row> rows = ParallelComparison.compare(
                USD,
                List.of(),
                BigDecimal.ZERO,
                List.of(ours(7, ChargeKind.TRIAL, "2026-12-01", "2026-12-15", "1", "0", "0.00")),
                BigDecimal.ZERO,
                Map.of());

        assertThat(rows).isEmpty();
    }

    @Test
    void asIfBillsOnlyTheComparedServicesFromTheComparedPeriods() {
        Subscription vps = service(7, "2026-12-01");
        Subscription web = service(8, "2026-12-10");
        CustomerBillingInput input = new CustomerBillingInput(
                customer(),
                List.of(vps, web),
                Set.of(
                        new LineKey(7, ChargeKind.RECURRING, LocalDate.parse("2026-10-01")),
                        new LineKey(7, ChargeKind.RECURRING, LocalDate.parse("2026-11-01")),
                        new LineKey(8, ChargeKind.RECURRING, LocalDate.parse("2026-11-10"))));

        CustomerBillingInput asIf = ParallelComparison.asIf(input, Map.of(7L, LocalDate.parse("2026-11-01")));

        assertThat(asIf.subscriptions()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(7);
            assertThat(s.nextPeriodStart()).isEqualTo(LocalDate.parse("2026-11-01"));
        });
        assertThat(asIf.existingLines())
                .containsExactlyInAnyOrder(
                        new LineKey(7, ChargeKind.RECURRING, LocalDate.parse("2026-10-01")),
                        new LineKey(8, ChargeKind.RECURRING, LocalDate.parse("2026-11-10")));
        assertThat(asIf.usage()).isEmpty();
    }

    @Test
    void withinKeepsTheComparedServicesUpToTheirLastComparedPeriod() {
        List<ProposedLine> lines = List.of(
                ours(7, ChargeKind.RECURRING, "2026-11-01", "2026-12-01", "1", "10.00", "10.00"),
                ours(7, ChargeKind.RECURRING, "2026-12-01", "2027-01-01", "1", "10.00", "10.00"),
                ours(8, ChargeKind.RECURRING, "2026-11-01", "2026-12-01", "1", "5.00", "5.00"));

        assertThat(ParallelComparison.within(lines, Map.of(7L, LocalDate.parse("2026-11-01"))))
                .singleElement()
                .satisfies(l -> assertThat(l.period().start()).isEqualTo(LocalDate.parse("2026-11-01")));
    }

    private static BigDecimal amount(String s) {
        return s == null ? BigDecimal.ZERO : new BigDecimal(s);
    }

    private static WhmcsLine whmcs(long sub, ChargeKind kind, String start, String amount) {
        return new WhmcsLine(sub, kind, LocalDate.parse(start), "WHMCS item", new BigDecimal(amount));
    }

    private static ProposedLine ours(
            long sub, ChargeKind kind, String start, String end, String quantity, String unit, String amount) {
        return new ProposedLine(
                sub,
                kind,
                new BillingPeriod(LocalDate.parse(start), LocalDate.parse(end)),
                "our line",
                new BigDecimal(quantity),
                new BigDecimal(unit),
                Money.of(new BigDecimal(amount), USD),
                0,
                null);
    }

    private static Subscription service(long id, String next) {
        return new Subscription(
                id,
                100,
                1,
                BillingCycle.MONTHLY,
                SubscriptionStatus.ACTIVE,
                1,
                LocalDate.parse("2026-01-01"),
                null,
                LocalDate.parse(next),
                null);
    }

    private static Customer customer() {
        return new Customer(
                100,
                "Ada Lovelace",
                null,
                "ada@example.com",
                new PostalAddress("1 Main St", null, "London", "N1"),
                "GB",
                null,
                USD,
                null,
                CustomerStatus.ACTIVE);
    }
}
