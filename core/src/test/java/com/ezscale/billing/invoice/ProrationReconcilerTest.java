package com.ezscale.billing.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.money.Money;
import com.ezscale.billing.period.BillingPeriod;
import com.ezscale.billing.subscription.PlanChange;
import com.ezscale.billing.subscription.PlanChangeKind;
import com.ezscale.billing.subscription.PlanChangeTiming;
import com.ezscale.billing.subscription.PlanTimeline;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Plans A 30.00, B 60.00, C 15.00 a month. Changes: "A>B@2026-11-16" (a "!" suffix = reverted).
 * Billed: "RECURRING:A" for the whole period, "PRORATION_CREDIT:A:2026-11-16:2026-12-01:1" for days.
 * Expected lines: "KIND PLAN from..untilExclusive amount", in order.
 */
class ProrationReconcilerTest {

    private static final Map<String, Long> PLAN = Map.of("A", 1L, "B", 2L, "C", 3L);
    private static final Map<Long, BigDecimal> PRICE =
            Map.of(1L, new BigDecimal("30.00"), 2L, new BigDecimal("60.00"), 3L, new BigDecimal("15.00"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            upgradeMidPeriodCreditsOldChargesNew  | 2026-11-01 | 2026-12-01 | A>B@2026-11-16                 | RECURRING:A                                                                         | null       | PRORATION_CREDIT A 2026-11-16..2026-12-01 -15.00;PRORATION_CHARGE B 2026-11-16..2026-12-01 30.00
            whmcsFormOldPriceTimesDaysLeft        | 2026-10-01 | 2026-11-01 | A>B@2026-10-21                 | RECURRING:A                                                                         | null       | PRORATION_CREDIT A 2026-10-21..2026-11-01 -10.65;PRORATION_CHARGE B 2026-10-21..2026-11-01 21.29
            rerunFindsTheDaysReconciled           | 2026-11-01 | 2026-12-01 | A>B@2026-11-16                 | RECURRING:A PRORATION_CREDIT:A:2026-11-16:2026-12-01:1 PRORATION_CHARGE:B:2026-11-16:2026-12-01:2 | null | -
            immediateDowngradeNetsNegative        | 2026-11-01 | 2026-12-01 | A>C@2026-11-11                 | RECURRING:A                                                                         | null       | PRORATION_CREDIT A 2026-11-11..2026-12-01 -20.00;PRORATION_CHARGE C 2026-11-11..2026-12-01 10.00
            upAndBackInOnePeriod                  | 2026-11-01 | 2026-12-01 | A>B@2026-11-11 B>A@2026-11-21  | RECURRING:A                                                                         | null       | PRORATION_CREDIT A 2026-11-11..2026-11-21 -10.00;PRORATION_CHARGE B 2026-11-11..2026-11-21 20.00
            backDatedBeforeTheBilledPeriod        | 2026-11-01 | 2026-12-01 | A>B@2026-10-15                 | RECURRING:A                                                                         | null       | PRORATION_CREDIT A 2026-11-01..2026-12-01 -30.00;PRORATION_CHARGE B 2026-11-01..2026-12-01 60.00
            periodBilledAtTheNewPlanIsLeft        | 2026-11-01 | 2026-12-01 | A>B@2026-10-15                 | RECURRING:B                                                                         | null       | -
            revertedChangeIsCorrectedBack         | 2026-11-01 | 2026-12-01 | A>B@2026-11-16!                | RECURRING:A PRORATION_CREDIT:A:2026-11-16:2026-12-01:1 PRORATION_CHARGE:B:2026-11-16:2026-12-01:2 | null | PRORATION_CREDIT B 2026-11-16..2026-12-01 -30.00;PRORATION_CHARGE A 2026-11-16..2026-12-01 15.00
            unbilledPeriodIsNotReconciled         | 2026-11-01 | 2026-12-01 | A>B@2026-11-16                 | -                                                                                   | null       | -
            serviceEndStopsTheCorrection          | 2026-11-01 | 2026-12-01 | A>B@2026-11-16                 | RECURRING:A                                                                         | 2026-11-21 | PRORATION_CREDIT A 2026-11-16..2026-11-21 -5.00;PRORATION_CHARGE B 2026-11-16..2026-11-21 10.00
            """)
    void reconcile(
            String name, String start, String end, String changes, String billed, String serviceEnd, String expected) {
        BillingPeriod period = new BillingPeriod(LocalDate.parse(start), LocalDate.parse(end));
        List<PlanChange> events = new ArrayList<>();
        long id = 1;
        for (String c : changes.trim().split("\\s+")) {
            boolean reverted = c.endsWith("!");
            String[] p = c.replace("!", "").split("[>@]");
            events.add(new PlanChange(
                    id++,
                    9,
                    PlanChangeKind.UPGRADE,
                    PlanChangeTiming.IMMEDIATE,
                    LocalDate.parse(p[2]),
                    PLAN.get(p[0]),
                    PLAN.get(p[1]),
                    !reverted,
                    null,
                    null));
        }
        List<ProrationReconciler.BilledLine> lines = new ArrayList<>();
        if (!billed.equals("-")) {
            for (String b : billed.trim().split("\\s+")) {
                String[] p = b.split(":");
                ChargeKind kind = ChargeKind.valueOf(p[0]);
                lines.add(
                        kind == ChargeKind.RECURRING
                                ? new ProrationReconciler.BilledLine(kind, period, 0, PLAN.get(p[1]), null, null)
                                : new ProrationReconciler.BilledLine(
                                        kind,
                                        period,
                                        Integer.parseInt(p[4]),
                                        PLAN.get(p[1]),
                                        LocalDate.parse(p[2]),
                                        LocalDate.parse(p[3])));
            }
        }
        ProrationReconciler.PlanPrices prices = new ProrationReconciler.PlanPrices() {
            public BigDecimal recurringPrice(long planId) {
                return PRICE.get(planId);
            }

            public String planName(long planId) {
                return "Plan " + planId;
            }
        };
        List<ProposedLine> proposed = ProrationReconciler.reconcile(
                9,
                period,
                lines,
                new PlanTimeline(1, events),
                serviceEnd == null ? null : LocalDate.parse(serviceEnd),
                prices,
                Money.currency("USD"));
        Map<Long, String> letter = Map.of(1L, "A", 2L, "B", 3L, "C");
        List<String> actual = proposed.stream()
                .map(l -> l.kind() + " " + letter.get(l.planId()) + " " + l.coversFrom() + ".." + l.coversUntil() + " "
                        + l.amount().amount().toPlainString())
                .toList();
        assertThat(actual).containsExactlyElementsOf(expected.equals("-") ? List.of() : List.of(expected.split(";")));
        int revision = lines.stream()
                .mapToInt(ProrationReconciler.BilledLine::revision)
                .max()
                .orElse(0);
        for (ProposedLine line : proposed) {
            assertThat(line.revision()).as("revisions follow the billed ones").isGreaterThan(revision);
            revision = line.revision();
        }
    }
}
