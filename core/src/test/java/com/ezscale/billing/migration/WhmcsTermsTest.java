package com.ezscale.billing.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.catalog.ProductKind;
import com.ezscale.billing.invoice.ChargeKind;
import com.ezscale.billing.invoice.InvoiceStatus;
import com.ezscale.billing.invoice.NumberSeriesFormat;
import com.ezscale.billing.period.BillingCycle;
import com.ezscale.billing.subscription.SubscriptionStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WhmcsTermsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Monthly       | MONTHLY
            Quarterly     | QUARTERLY
            Semi-Annually | SEMI_ANNUALLY
            Annually      | ANNUALLY
            Biennially    | BIENNIALLY
            Triennially   | TRIENNIALLY
            One Time      | ONE_TIME
            Free Account  | FREE
            ' monthly '   | MONTHLY
            Weekly        | -
            """)
    void cycles(String whmcs, BillingCycle expected) {
        assertThat(WhmcsTerms.cycle(whmcs).orElse(null)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Pending    | PENDING
            Active     | ACTIVE
            Suspended  | SUSPENDED
            Cancelled  | CANCELLED
            Terminated | TERMINATED
            Fraud      | TERMINATED
            Completed  | TERMINATED
            Deleted    | -
            """)
    void serviceStatuses(String whmcs, String expected) {
        assertThat(WhmcsTerms.serviceStatus(whmcs).map(Enum::name).orElse(null)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            virtfusion                 | VPS
            virtfusion,virtfusion      | VPS
            pterodactyl                | GAME_SERVER
            synergycp                  | DEDICATED
            enhance                    | WEB_HOSTING
            cpanel                     | OTHER
            virtfusion,synergycp       | OTHER
            """)
    void productKinds(String modules, ProductKind expected) {
        assertThat(WhmcsTerms.productKind(Arrays.asList(modules.split(",")))).isEqualTo(expected);
    }

    /** Columns: paytype | monthly quarterly semiannually annually biennially triennially | m q s a b t setup | offered. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            allSixCycles       | recurring | 10 27 50 96 180 250  | 5 0 0 0 0 0      | MONTHLY=10+5 QUARTERLY=27+0 SEMI_ANNUALLY=50+0 ANNUALLY=96+0 BIENNIALLY=180+0 TRIENNIALLY=250+0
            minusOneNotOffered | recurring | 10 -1 -1 96 -1 -1    | 0 -1 -1 0 -1 -1  | MONTHLY=10+0 ANNUALLY=96+0
            freeIsZeroNotOff   | recurring | 0 -1 -1 -1 -1 -1     | 0 0 0 0 0 0      | MONTHLY=0+0
            oneTimeInMonthly   | onetime   | 49.99 -1 -1 -1 -1 -1 | 10 0 0 0 0 0     | ONE_TIME=49.99+10
            freeProduct        | free      | -1 -1 -1 -1 -1 -1    | 0 0 0 0 0 0      | FREE=0+0
            """)
    void pricing(String name, String paytype, String prices, String setups, String expected) {
        BigDecimal[] p = Arrays.stream(prices.split(" ")).map(BigDecimal::new).toArray(BigDecimal[]::new);
        BigDecimal[] s = Arrays.stream(setups.split(" ")).map(BigDecimal::new).toArray(BigDecimal[]::new);
        List<WhmcsTerms.Price> offered = WhmcsTerms.prices(
                paytype,
                new WhmcsTerms.PricingRow(p[0], p[1], p[2], p[3], p[4], p[5], s[0], s[1], s[2], s[3], s[4], s[5]));
        assertThat(offered.stream()
                        .map(o -> o.cycle() + "=" + o.price().toPlainString() + "+"
                                + o.setupFee().toPlainString())
                        .collect(Collectors.joining(" ")))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            MONTHLY     | 30.00  | 30.000000
            QUARTERLY   | 30.00  | 10.000000
            ANNUALLY    | 100.00 | 8.333333
            TRIENNIALLY | 360.00 | 10.000000
            ONE_TIME    | 49.99  | 0.000000
            FREE        | 0      | 0.000000
            """)
    void monthlyEquivalents(BillingCycle cycle, BigDecimal amount, String expected) {
        assertThat(WhmcsTerms.monthly(amount, cycle).toPlainString()).isEqualTo(expected);
    }

    /** A service registered on regdate; WHMCS's last invoice item for it was due on lastInvoiced; its next due date. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            afterTheLastInvoicedPeriod        | MONTHLY   | 2025-03-15 | 2026-12-15 | 2026-12-15 | 2027-01-15
            itemsWinOverAnUnpaidNextDueDate   | MONTHLY   | 2025-03-15 | 2026-12-15 | 2026-11-15 | 2027-01-15
            noItemsTheNextDueDate             | MONTHLY   | 2025-03-15 | -          | 2026-12-15 | 2026-12-15
            anOffScheduleDueDateMovesToIt     | MONTHLY   | 2025-03-15 | -          | 2026-12-10 | 2026-12-15
            endOfMonthAnchorClamps            | MONTHLY   | 2025-01-31 | 2027-01-31 | 2027-01-31 | 2027-02-28
            annualAfterItsYear                | ANNUALLY  | 2024-06-01 | 2026-06-01 | 2027-06-01 | 2027-06-01
            quarterly                         | QUARTERLY | 2026-01-10 | 2026-10-10 | 2026-10-10 | 2027-01-10
            neverInvoicedStartsAtTheStart     | MONTHLY   | 2026-11-20 | -          | 2026-11-20 | -
            oneTimeInvoicedIsDone             | ONE_TIME  | 2026-05-01 | 2026-05-01 | 2026-05-01 | 2026-05-02
            oneTimeNotInvoicedIsBilled        | ONE_TIME  | 2026-11-28 | -          | 2026-11-28 | -
            freeIsNeverBilled                 | FREE      | 2026-01-01 | -          | 2026-01-01 | -
            """)
    void cursors(
            String name,
            BillingCycle cycle,
            LocalDate registered,
            LocalDate lastInvoiced,
            LocalDate nextDue,
            LocalDate expected) {
        assertThat(WhmcsTerms.cursor(cycle, registered, lastInvoiced, nextDue)).isEqualTo(expected);
    }

    /** A product aligned on a prorata day: the cursor lands on that day, as WHMCS's next due date does. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            afterTheLastInvoicedAlignedPeriod | MONTHLY   | 2025-03-15 | 1  | 2026-12-01 | 2026-12-01 | 2027-01-01
            theNextDueDateOnTheProrataDay     | MONTHLY   | 2025-03-15 | 1  | -          | 2026-12-01 | 2026-12-01
            quarterlyOnTheTenth               | QUARTERLY | 2026-01-20 | 10 | 2026-08-10 | 2026-08-10 | 2026-11-10
            """)
    void prorataCursors(
            String name,
            BillingCycle cycle,
            LocalDate registered,
            int prorataDay,
            LocalDate lastInvoiced,
            LocalDate nextDue,
            LocalDate expected) {
        assertThat(WhmcsTerms.cursor(cycle, registered, prorataDay, lastInvoiced, nextDue))
                .isEqualTo(expected);
    }

    /**
     * WHMCS's next invoice date, once it invoiced: a "charge next month" first item (due on the order
     * day) covered the next full month too; an earlier or missing next invoice date changes nothing.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            chargedNextMonth           | MONTHLY | 2026-10-25 | 1 | 2026-10-25 | 2026-12-01 | 2026-12-01 | 2026-12-01
            plainRenewal               | MONTHLY | 2025-03-15 | 0 | 2026-12-15 | 2027-01-15 | 2027-01-15 | 2027-01-15
            staleNextInvoiceDate       | MONTHLY | 2025-03-15 | 0 | 2026-12-15 | 2026-11-15 | 2026-11-15 | 2027-01-15
            noNextInvoiceDate          | MONTHLY | 2025-03-15 | 0 | 2026-12-15 | -          | -          | 2027-01-15
            neverInvoiced              | MONTHLY | 2026-11-20 | 0 | -          | 2026-11-20 | 2026-12-20 | -
            annualAfterAnEditedDate    | ANNUALLY| 2024-02-10 | 0 | 2026-02-10 | 2027-02-10 | 2027-03-01 | 2028-02-10
            """)
    void cursorsNeverBeforeWhmcsNextInvoiceDate(
            String name,
            BillingCycle cycle,
            LocalDate registered,
            int prorataDay,
            LocalDate lastInvoiced,
            LocalDate nextDue,
            LocalDate nextInvoice,
            LocalDate expected) {
        assertThat(WhmcsTerms.cursor(
                        cycle, registered, prorataDay == 0 ? null : prorataDay, lastInvoiced, nextDue, nextInvoice))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} (paid something: {1})")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Paid            | false | PAID
            Refunded        | true  | PAID
            Unpaid          | false | ISSUED
            Unpaid          | true  | PARTIALLY_PAID
            Payment Pending | false | ISSUED
            Collections     | true  | UNCOLLECTIBLE
            Cancelled       | false | VOID
            Draft           | false | -
            """)
    void invoiceStatuses(String whmcs, boolean paid, InvoiceStatus expected) {
        assertThat(WhmcsTerms.invoiceStatus(whmcs, paid).orElse(null)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Hosting      | RECURRING
            Setup        | SETUP
            PromoHosting | DISCOUNT
            LateFee      | LATE_FEE
            Upgrade      | PRORATION_CHARGE
            Addon        | RECURRING
            Item         | RECURRING
            """)
    void itemKinds(String type, ChargeKind expected) {
        assertThat(WhmcsTerms.chargeKind(type)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            stripe         | CARD
            stripe_sepa    | CARD
            paypal         | PAYPAL
            paypalcheckout | PAYPAL
            banktransfer   | BANK_TRANSFER
            mailin         | CHEQUE
            coinpayments   | OTHER
            ''             | OTHER
            """)
    void paymentMethods(String gateway, String expected) {
        assertThat(WhmcsTerms.paymentMethod(gateway)).isEqualTo(expected);
    }

    /** total here = WHMCS's total + its credit; amount paid counts the credit, as settling with credit does here. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            paidByCard               | Paid     | 50.00 | 0.00  | 50.00 | 0.00  | 50.00
            partlyByCredit           | Paid     | 50.00 | 20.00 | 30.00 | 0.00  | 50.00
            unpaid                   | Unpaid   | 50.00 | 0.00  | 0.00  | 0.00  | 0.00
            partlyPaid               | Unpaid   | 50.00 | 0.00  | 20.00 | 0.00  | 20.00
            paidThenRefundedInPart   | Unpaid   | 50.00 | 0.00  | 50.00 | 10.00 | 40.00
            refundedKeepsItsPayment  | Refunded | 50.00 | 0.00  | 50.00 | 50.00 | 50.00
            overpaidIsCappedAtTotal  | Paid     | 50.00 | 0.00  | 55.00 | 0.00  | 50.00
            """)
    void amountsPaid(
            String name,
            String status,
            BigDecimal total,
            BigDecimal credit,
            BigDecimal in,
            BigDecimal out,
            BigDecimal expected) {
        assertThat(WhmcsTerms.amountPaid(status, total, credit, in, out)).isEqualByComparingTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            percentOnce          | Percentage     | false | 10.00 | 0 | 0   | false | PERCENT 10.00 - ONCE - - -
            percentForThree      | Percentage     | true  | 25.00 | 3 | 100 | true  | PERCENT 25.00 - CYCLES 3 100 1
            percentForever       | Percentage     | true  | 5.00  | 0 | 0   | false | PERCENT 5.00 - FOREVER - - -
            fixedOnce            | Fixed Amount   | false | 7.50  | 0 | 10  | false | FIXED - 7.50 ONCE - 10 -
            priceOverride        | Price Override | true  | 3.00  | 0 | 0   | false | refused: a 'Price Override' promotion has no coupon here (coupons discount by a percent or a fixed amount)
            freeSetup            | Free Setup     | false | 0.00  | 0 | 0   | false | refused: a 'Free Setup' promotion has no coupon here (coupons discount by a percent or a fixed amount)
            percentAboveHundred  | Percentage     | false | 120   | 0 | 0   | false | refused: its 120% is above 100%
            """)
    void promotionsAsCoupons(
            String name,
            String type,
            boolean recurring,
            BigDecimal value,
            int recurFor,
            int maxUses,
            boolean oncePerClient,
            String expected) {
        String actual;
        try {
            WhmcsTerms.CouponTerms c = WhmcsTerms.coupon(
                    new WhmcsTerms.Promotion(type, recurring, value, recurFor, null, null, maxUses, oncePerClient));
            actual = c.kind() + " " + text(c.percent()) + " " + text(c.amount()) + " " + c.duration() + " "
                    + text(c.cycles()) + " " + text(c.maxRedemptions()) + " " + text(c.maxPerCustomer());
        } catch (IllegalArgumentException e) {
            actual = "refused: " + e.getMessage();
        }
        assertThat(actual).isEqualTo(expected);
    }

    private static String text(Object o) {
        return o == null ? "-" : o instanceof BigDecimal b ? b.toPlainString() : o.toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            runningHasNoEnd          | ACTIVE     | 2025-01-10 | -          | 2026-12-10 | -
            suspendedHasNoEnd        | SUSPENDED  | 2025-01-10 | 2026-01-01 | 2026-12-10 | -
            terminatedOnItsDate      | TERMINATED | 2025-01-10 | 2026-03-04 | 2026-04-10 | 2026-03-04
            cancelledWithoutADate    | CANCELLED  | 2025-01-10 | -          | 2026-04-10 | 2026-04-10
            neverBeforeItStarted     | TERMINATED | 2025-01-10 | 2024-12-31 | -          | 2025-01-10
            """)
    void ends(
            String name,
            SubscriptionStatus status,
            LocalDate registered,
            LocalDate terminated,
            LocalDate nextDue,
            LocalDate expected) {
        assertThat(WhmcsTerms.end(status, registered, terminated, nextDue)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Active     | true
            Suspended  | true
            Pending    | false
            Terminated | false
            Cancelled  | false
            Completed  | false
            Weekly     | false
            """)
    void running(String whmcs, boolean expected) {
        assertThat(WhmcsTerms.running(whmcs)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            cus_Q1w2E3r4T5y6                                        | cus_Q1w2E3r4T5y6 | -
            ' cus_Q1w2E3r4T5y6 '                                    | cus_Q1w2E3r4T5y6 | -
            '{"customer":"cus_Q1w2E3r4T5y6","method":"pm_1AbCdEf"}' | cus_Q1w2E3r4T5y6 | pm_1AbCdEf
            '{"method": "pm_1AbCdEf", "customer": "cus_Q1w2E3r4"}'  | cus_Q1w2E3r4     | pm_1AbCdEf
            '{"method":"pm_1AbCdEf"}'                               | -                | -
            def502003a4c9e1f0b7d...                                 | -                | -
            cus_x                                                   | -                | -
            tok_visa                                                | -                | -
            -                                                       | -                | -
            """)
    void stripeCustomersWhereWhmcsHoldsThemReadable(String gatewayId, String customer, String method) {
        var parsed = WhmcsTerms.stripeCustomer(gatewayId);
        assertThat(parsed.map(WhmcsTerms.StripeCustomer::customerId).orElse(null))
                .isEqualTo(customer);
        assertThat(parsed.map(WhmcsTerms.StripeCustomer::paymentMethodId).orElse(null))
                .isEqualTo(method);
    }

    @ParameterizedTest(name = "{0} {2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            MONTHLY   | 2025-03-15 | 2026-11-29 | 2026-11-15 | 2026-12-15 | -
            MONTHLY   | 2025-03-15 | 2026-11-15 | 2026-11-15 | 2026-12-15 | -
            MONTHLY   | 2025-03-15 | 2026-12-14 | 2026-11-15 | 2026-12-15 | -
            MONTHLY   | 2025-03-20 | 2026-11-29 | 2026-11-01 | 2026-12-01 | 1
            QUARTERLY | 2026-01-20 | 2026-06-01 | 2026-04-20 | 2026-07-20 | -
            MONTHLY   | 2026-11-20 | 2026-11-19 | -          | -          | -
            """)
    void thePeriodAnUpgradeDayFallsIn(
            BillingCycle cycle,
            LocalDate registered,
            LocalDate day,
            LocalDate start,
            LocalDate end,
            Integer prorataDay) {
        var period = WhmcsTerms.periodContaining(cycle, registered, prorataDay, day);
        assertThat(period == null ? null : period.start()).isEqualTo(start);
        assertThat(period == null ? null : period.endExclusive()).isEqualTo(end);
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            1          | -          | 1  | -
            '4,monthly'| monthly    | 4  | MONTHLY
            '4,annually'| -         | 4  | ANNUALLY
            ' 12 '     | Quarterly  | 12 | QUARTERLY
            'a,monthly'| -          | -  | MONTHLY
            0          | -          | -  | -
            """)
    void upgradeValues(String value, String newCycle, Long product, BillingCycle cycle) {
        assertThat(WhmcsTerms.upgradeProduct(value).orElse(null)).isEqualTo(product);
        assertThat(WhmcsTerms.upgradeCycle(value, newCycle).orElse(null)).isEqualTo(cycle);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            4711 | 2024/0042       | 2024/0042            | -
            4711 | -               | 4711                 | -
            4711 | '  '            | 4711                 | -
            4711 | ' 7 '           | 7                    | -
            4711 | TAKEN-1         | TAKEN-1-W4711        | another invoice here is numbered TAKEN-1: imported as TAKEN-1-W4711
            4711 | INV-2026-000123 | INV-2026-000123-W4711 | INV-2026-000123 has the shape of our own invoice numbers, which may issue it one day: imported as INV-2026-000123-W4711
            4711 | INV-2026-123    | INV-2026-123         | -
            9    | 0123456789012345678901234567890123456789012345678901234567890123456789 | 0123456789012345678901234567890123456789012345678901234567890123 | -
            9    | TAKEN-0123456789012345678901234567890123456789012345678901234567890 | TAKEN-0123456789012345678901234567890123456789012345678901234-W9 | another invoice here is numbered TAKEN-0123456789012345678901234567890123456789012345678901234567: imported as TAKEN-0123456789012345678901234567890123456789012345678901234-W9
            """)
    void invoiceNumbers(long id, String whmcs, String number, String why) {
        NumberSeriesFormat ours = new NumberSeriesFormat("INV-{year}-{000001}");
        WhmcsTerms.InvoiceNumber n = WhmcsTerms.invoiceNumber(id, whmcs, s -> s.startsWith("TAKEN-"), ours.shape());
        assertThat(n.number()).isEqualTo(number).hasSizeLessThanOrEqualTo(64);
        assertThat(n.changed().orElse(null)).isEqualTo(why);
    }
}
