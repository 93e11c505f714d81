package com.ezscale.billing.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.catalog.Plan;
import com.ezscale.billing.catalog.PlanPrice;
import com.ezscale.billing.catalog.PriceList;
import com.ezscale.billing.customer.Customer;
import com.ezscale.billing.customer.CustomerStatus;
import com.ezscale.billing.customer.PostalAddress;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.period.BillingCycle;
import com.ezscale.billing.period.BillingPeriod;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.subscription.Subscription;
import com.ezscale.billing.subscription.SubscriptionStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InvoiceGeneratorTest {

    private static final long VPS = 1;
    private static final long DEDICATED = 2;
    private static final PriceList PRICES = new PriceList(
            List.of(new Plan(VPS, 10, "vps-4g", "VPS 4 GB"), new Plan(DEDICATED, 11, "ded-e3", "Dedicated E3")),
            List.of(
                    price(VPS, "USD", BillingCycle.MONTHLY, "12.50", "5.00"),
                    price(VPS, "USD", BillingCycle.QUARTERLY, "36.00", "0"),
                    price(VPS, "USD", BillingCycle.ANNUALLY, "120.00", "0"),
                    price(VPS, "USD", BillingCycle.ONE_TIME, "49.99", "0"),
                    price(VPS, "JPY", BillingCycle.MONTHLY, "1800.5", "0"),
                    price(DEDICATED, "USD", BillingCycle.MONTHLY, "99.00", "0"),
                    price(DEDICATED, "BHD", BillingCycle.MONTHLY, "37.1234", "0")));
    private static final InvoiceGenerator GENERATOR =
            new InvoiceGenerator(PRICES, new InvoiceGeneratorSettings(14, Map.of(BillingCycle.ANNUALLY, 30)));

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, currency, services, existing line keys, asOf, expected lines (kind@periodStart=amount), due
                // date
                Arguments.of(
                        "firstPeriodIsBilledFourteenDaysAheadWithTheSetupFee",
                        "USD",
                        List.of(sub(1, VPS, BillingCycle.MONTHLY, "2026-12-01", null, null)),
                        Set.of(),
                        "2026-11-17",
                        "SETUP@2026-12-01=5.00 RECURRING@2026-12-01=12.50",
                        "2026-12-01"),
                Arguments.of(
                        "aTrialIsALineAtZeroAndThePaidCycleStartsAtItsEndWithTheSetupFee",
                        "USD",
                        List.of(trial(sub(1, VPS, BillingCycle.MONTHLY, "2026-11-20", null, null), "2026-12-04")),
                        Set.of(),
                        "2026-11-20",
                        "TRIAL@2026-11-20=0.00 SETUP@2026-12-04=5.00 RECURRING@2026-12-04=12.50",
                        "2026-12-04"),
                Arguments.of(
                        "nothingFifteenDaysAhead",
                        "USD",
                        List.of(sub(1, VPS, BillingCycle.MONTHLY, "2026-12-01", null, null)),
                        Set.of(),
                        "2026-11-16",
                        "",
                        null),
                Arguments.of(
                        "missedPeriodsAreCaughtUpAndDueNow",
                        "USD",
                        List.of(sub(1, VPS, BillingCycle.MONTHLY, "2026-09-15", null, null)),
                        Set.of(),
                        "2026-11-25",
                        "SETUP@2026-09-15=5.00 RECURRING@2026-09-15=12.50 RECURRING@2026-10-15=12.50 RECURRING@2026-11-15=12.50",
                        "2026-11-25"),
                Arguments.of(
                        "theCursorSkipsBilledPeriods",
                        "USD",
                        List.of(sub(1, VPS, BillingCycle.MONTHLY, "2026-09-15", "2026-11-15", null)),
                        Set.of(),
                        "2026-12-01",
                        "RECURRING@2026-11-15=12.50 RECURRING@2026-12-15=12.50",
                        "2026-12-01"),
                Arguments.of(
                        "anExistingLineIsNeverProposedAgain",
                        "USD",
                        List.of(sub(1, VPS, BillingCycle.MONTHLY, "2026-12-01", null, null)),
                        Set.of(new LineKey(1, ChargeKind.RECURRING, LocalDate.parse("2026-12-01"))),
                        "2026-11-20",
                        "SETUP@2026-12-01=5.00",
                        "2026-12-01"),
                Arguments.of(
                        "everythingBilledAlready",
                        "USD",
                        List.of(sub(1, VPS, BillingCycle.MONTHLY, "2026-12-01", null, null)),
                        Set.of(
                                new LineKey(1, ChargeKind.RECURRING, LocalDate.parse("2026-12-01")),
                                new LineKey(1, ChargeKind.SETUP, LocalDate.parse("2026-12-01"))),
                        "2026-11-20",
                        "",
                        null),
                Arguments.of(
                        "twoServicesOneDraftDueOnTheEarliestPeriod",
                        "USD",
                        List.of(
                                sub(1, VPS, BillingCycle.QUARTERLY, "2026-12-05", "2026-12-05", null),
                                sub(2, DEDICATED, BillingCycle.MONTHLY, "2026-10-02", "2026-12-02", null)),
                        Set.of(),
                        "2026-11-25",
                        "RECURRING@2026-12-05=36.00 RECURRING@2026-12-02=99.00",
                        "2026-12-02"),
                Arguments.of(
                        "annualUsesItsCycleOverrideOfThirtyDays",
                        "USD",
                        List.of(sub(1, VPS, BillingCycle.ANNUALLY, "2025-12-20", "2026-12-20", null)),
                        Set.of(),
                        "2026-11-20",
                        "RECURRING@2026-12-20=120.00",
                        "2026-12-20"),
                Arguments.of(
                        "noPeriodFromTheCancellationOn",
                        "USD",
                        List.of(sub(1, DEDICATED, BillingCycle.MONTHLY, "2026-06-10", "2026-11-10", "2026-12-10")),
                        Set.of(),
                        "2026-12-05",
                        "RECURRING@2026-11-10=99.00",
                        "2026-12-05"),
                Arguments.of(
                        "terminatedAndFreeServicesAreNotBilled",
                        "USD",
                        List.of(
                                withStatus(
                                        sub(1, VPS, BillingCycle.MONTHLY, "2026-12-01", null, null),
                                        SubscriptionStatus.TERMINATED),
                                sub(2, VPS, BillingCycle.FREE, "2026-12-01", null, null)),
                        Set.of(),
                        "2026-11-25",
                        "",
                        null),
                Arguments.of(
                        "aOneTimeChargeIsBilledOnce",
                        "USD",
                        List.of(sub(1, VPS, BillingCycle.ONE_TIME, "2026-11-20", null, null)),
                        Set.of(),
                        "2026-11-25",
                        "RECURRING@2026-11-20=49.99",
                        "2026-11-25"),
                Arguments.of(
                        "aOneTimeChargeAfterItsCursorMovedIsNotBilledAgain",
                        "USD",
                        List.of(sub(1, VPS, BillingCycle.ONE_TIME, "2026-11-20", "2026-11-21", null)),
                        Set.of(),
                        "2026-11-25",
                        "",
                        null),
                Arguments.of(
                        "yenPricesRoundToWholeYen",
                        "JPY",
                        List.of(sub(1, VPS, BillingCycle.MONTHLY, "2026-12-01", "2026-12-01", null)),
                        Set.of(),
                        "2026-11-25",
                        "RECURRING@2026-12-01=1801",
                        "2026-12-01"),
                Arguments.of(
                        "dinarPricesRoundToThreeDecimals",
                        "BHD",
                        List.of(sub(1, DEDICATED, BillingCycle.MONTHLY, "2026-12-01", "2026-12-01", null)),
                        Set.of(),
                        "2026-11-25",
                        "RECURRING@2026-12-01=37.123",
                        "2026-12-01"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void generates(
            String name,
            String currency,
            List<Subscription> subscriptions,
            Set<LineKey> existing,
            String asOf,
            String expectedLines,
            String expectedDue) {
        GenerationResult result = GENERATOR.generate(
                new CustomerBillingInput(customer(currency), subscriptions, existing), LocalDate.parse(asOf));
        List<String> want = expectedLines.isBlank() ? List.of() : Arrays.asList(expectedLines.split(" "));
        if (want.isEmpty()) {
            assertThat(result.drafts()).isEmpty();
            return;
        }
        assertThat(result.drafts()).hasSize(1);
        DraftInvoice draft = result.drafts().get(0);
        assertThat(draft.lines())
                .extracting(l -> l.kind() + "@" + l.period().start() + "="
                        + l.amount().amount().toPlainString())
                .containsExactlyElementsOf(want);
        assertThat(draft.dueDate()).isEqualTo(LocalDate.parse(expectedDue));
        assertThat(draft.currency().getCurrencyCode()).isEqualTo(currency);
        Money sum = draft.lines().stream().map(ProposedLine::amount).reduce(Money.zero(draft.currency()), Money::plus);
        assertThat(draft.total()).isEqualTo(sum);
    }

    @Test
    void theCursorMovesPastTheLastBilledPeriod() {
        GenerationResult result = GENERATOR.generate(
                new CustomerBillingInput(
                        customer("USD"),
                        List.of(sub(7, VPS, BillingCycle.MONTHLY, "2026-01-31", "2026-01-31", null)),
                        Set.of()),
                LocalDate.parse("2026-03-20"));
        assertThat(result.advances()).containsExactly(new SubscriptionAdvance(7, LocalDate.parse("2026-04-30")));
    }

    @Test
    void aMissingPriceInTheCustomersCurrencyIsARuleViolationNamingPlanCycleAndCurrency() {
        InvoiceGenerator withEuroList = new InvoiceGenerator(
                PRICES,
                InvoiceGeneratorSettings.defaults(),
                BillingRules.plain(List.of(Money.currency("USD"), Money.currency("EUR"))));
        assertThatThrownBy(() -> withEuroList.generate(
                        new CustomerBillingInput(
                                customer("EUR"),
                                List.of(sub(3, VPS, BillingCycle.MONTHLY, "2026-12-01", null, null)),
                                Set.of()),
                        LocalDate.parse("2026-11-25")))
                .isInstanceOf(BillingRuleViolation.class)
                .hasMessage("service 3: plan vps-4g has no MONTHLY price in EUR");
    }

    @Test
    void aCurrencyWithoutAPriceListIsARuleViolationNamingIt() {
        assertThatThrownBy(() -> GENERATOR.generate(
                        new CustomerBillingInput(
                                customer("EUR"),
                                List.of(sub(3, VPS, BillingCycle.MONTHLY, "2026-12-01", null, null)),
                                Set.of()),
                        LocalDate.parse("2026-11-25")))
                .isInstanceOf(BillingRuleViolation.class)
                .hasMessage("customer 100: currency EUR has no price list");
    }

    @Test
    void aServiceOfAnotherCustomerIsRefused() {
        Subscription foreign = new Subscription(
                9,
                999,
                VPS,
                BillingCycle.MONTHLY,
                SubscriptionStatus.ACTIVE,
                1,
                LocalDate.parse("2026-12-01"),
                null,
                null,
                null);
        assertThatThrownBy(() -> GENERATOR.generate(
                        new CustomerBillingInput(customer("USD"), List.of(foreign), Set.of()),
                        LocalDate.parse("2026-11-25")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ratedUsageIsBilledInArrearsAndARevisionBillsOnlyTheDifference() {
        BillingPeriod october = new BillingPeriod(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-11-01"));
        UsageCharge first = new UsageCharge(
                1,
                7,
                ChargeKind.USAGE_COMMIT,
                october,
                0,
                Money.currency("USD"),
                new BigDecimal("20.004"),
                BigDecimal.ZERO,
                "95th percentile ...");
        UsageCharge late = new UsageCharge(
                2,
                7,
                ChargeKind.USAGE_TRANSFER,
                october,
                1,
                Money.currency("USD"),
                new BigDecimal("71.9601"),
                new BigDecimal("56.96"),
                "Transfer ...");
        UsageCharge unchanged = new UsageCharge(
                3,
                7,
                ChargeKind.USAGE_COMMIT,
                october,
                2,
                Money.currency("USD"),
                new BigDecimal("20.001"),
                new BigDecimal("20.00"),
                "95th percentile ...");
        GenerationResult result = GENERATOR.generate(
                new CustomerBillingInput(customer("USD"), List.of(), Set.of(), List.of(first, late, unchanged)),
                LocalDate.parse("2026-11-02"));
        DraftInvoice draft = result.drafts().get(0);
        assertThat(draft.dueDate()).isEqualTo(LocalDate.parse("2026-11-02"));
        assertThat(draft.lines())
                .extracting(l -> l.kind() + " r" + l.revision() + " "
                        + l.amount().amount().toPlainString())
                .containsExactly("USAGE_COMMIT r0 20.00", "USAGE_TRANSFER r1 15.00");
        assertThat(draft.lines().get(1).description())
                .startsWith("Correction (revision 1, late data) of Transfer")
                .endsWith("billed before 56.96");
        assertThat(draft.lines()).extracting(ProposedLine::ratedUsageId).containsExactly(1L, 2L);
    }

    @Test
    void zeroUsageAloneMakesNoInvoiceButRidesAlongWithTheNextOne() {
        BillingPeriod october = new BillingPeriod(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-11-01"));
        UsageCharge zero = new UsageCharge(
                1,
                7,
                ChargeKind.USAGE_TRANSFER,
                october,
                0,
                Money.currency("USD"),
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                "Transfer ...");
        assertThat(GENERATOR
                        .generate(
                                new CustomerBillingInput(customer("USD"), List.of(), Set.of(), List.of(zero)),
                                LocalDate.parse("2026-11-02"))
                        .drafts())
                .isEmpty();
        GenerationResult withRenewal = GENERATOR.generate(
                new CustomerBillingInput(
                        customer("USD"),
                        List.of(sub(1, VPS, BillingCycle.MONTHLY, "2026-11-10", "2026-11-10", null)),
                        Set.of(),
                        List.of(zero)),
                LocalDate.parse("2026-11-02"));
        assertThat(withRenewal.drafts())
                .singleElement()
                .satisfies(d -> assertThat(d.lines())
                        .extracting(ProposedLine::kind)
                        .containsExactly(ChargeKind.SETUP, ChargeKind.RECURRING, ChargeKind.USAGE_TRANSFER));
    }

    @Test
    void usageRatedInAnotherCurrencyIsARuleViolation() {
        UsageCharge eur = new UsageCharge(
                1,
                7,
                ChargeKind.USAGE_COMMIT,
                new BillingPeriod(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-11-01")),
                0,
                Money.currency("EUR"),
                BigDecimal.TEN,
                BigDecimal.ZERO,
                "x");
        assertThatThrownBy(() -> GENERATOR.generate(
                        new CustomerBillingInput(customer("USD"), List.of(), Set.of(), List.of(eur)),
                        LocalDate.parse("2026-11-02")))
                .isInstanceOf(BillingRuleViolation.class)
                .hasMessage("service 7: usage rated in EUR but the customer is billed in USD");
    }

    private static PlanPrice price(long plan, String currency, BillingCycle cycle, String recurring, String setup) {
        return new PlanPrice(plan, Money.currency(currency), cycle, new BigDecimal(recurring), new BigDecimal(setup));
    }

    private static Customer customer(String currency) {
        return new Customer(
                100,
                "Ada Lovelace",
                null,
                "ada@example.com",
                new PostalAddress("1 Main St", null, "London", "N1"),
                "GB",
                null,
                Money.currency(currency),
                null,
                CustomerStatus.ACTIVE);
    }

    private static Subscription trial(Subscription s, String trialEnd) {
        return new Subscription(
                s.id(),
                s.customerId(),
                s.planId(),
                s.cycle(),
                s.status(),
                s.anchorDay(),
                s.startDate(),
                s.endDate(),
                s.nextPeriodStart(),
                s.label(),
                LocalDate.parse(trialEnd));
    }

    private static Subscription sub(long id, long plan, BillingCycle cycle, String start, String cursor, String end) {
        LocalDate startDate = LocalDate.parse(start);
        return new Subscription(
                id,
                100,
                plan,
                cycle,
                SubscriptionStatus.ACTIVE,
                startDate.getDayOfMonth(),
                startDate,
                end == null ? null : LocalDate.parse(end),
                cursor == null ? null : LocalDate.parse(cursor),
                null);
    }

    private static Subscription withStatus(Subscription s, SubscriptionStatus status) {
        return new Subscription(
                s.id(),
                s.customerId(),
                s.planId(),
                s.cycle(),
                status,
                s.anchorDay(),
                s.startDate(),
                s.endDate(),
                s.nextPeriodStart(),
                s.label());
    }
}
