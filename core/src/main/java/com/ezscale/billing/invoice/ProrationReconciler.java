package com.ezscale.billing.invoice;

import com.ezscale.billing.money.Money;
import com.ezscale.billing.period.BillingPeriod;
import com.ezscale.billing.subscription.PlanChange;
import com.ezscale.billing.subscription.PlanTimeline;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * Plan changes, day-based: for a billed period, which plan each day was billed at (the period's
 * recurring line, then the proration lines of earlier reconciliations) is compared with the plan
 * the timeline says it was on. Each run of days that differ gets a credit of the billed plan's
 * price × days / days in the period and a charge of the new plan's price × the same fraction
 * (WHMCS: credit = old price × days remaining / days in cycle), each rounded once. A rerun finds
 * the days reconciled and proposes nothing; a back-dated change or a reverted one yields the
 * corrections, never a duplicate.
 */
public final class ProrationReconciler {

    /** A billed line that says which plan covered which days of a period. {@code coversFrom/Until} null = the whole period. */
    public record BilledLine(
            ChargeKind kind,
            BillingPeriod period,
            int revision,
            long planId,
            LocalDate coversFrom,
            LocalDate coversUntil) {

        public BilledLine {
            if (!kind.isPlanCoverage()) {
                throw new IllegalArgumentException(kind + " does not cover a plan's days");
            }
        }
    }

    /** The recurring price and name of a plan, in the customer's currency and the service's cycle. */
    public interface PlanPrices {
        BigDecimal recurringPrice(long planId);

        String planName(long planId);
    }

    private static final long NONE = -1;

    private ProrationReconciler() {}

    public static List<ProposedLine> reconcile(
            long subscriptionId,
            BillingPeriod period,
            List<BilledLine> billed,
            PlanTimeline timeline,
            LocalDate serviceEnd,
            PlanPrices prices,
            Currency currency) {
        int days = (int) period.days();
        List<ProposedLine> lines = new ArrayList<>();
        if (days == 0 || billed.stream().noneMatch(b -> b.kind() == ChargeKind.RECURRING)) {
            return lines;
        }
        long[] billedPlan = new long[days];
        Arrays.fill(billedPlan, NONE);
        int revision = 0;
        List<BilledLine> ordered = new ArrayList<>(billed);
        ordered.sort(Comparator.comparingInt(BilledLine::revision)
                .thenComparing(b -> b.kind() == ChargeKind.PRORATION_CHARGE));
        for (BilledLine line : ordered) {
            revision = Math.max(revision, line.revision());
            LocalDate from = line.coversFrom() == null ? period.start() : line.coversFrom();
            LocalDate until = line.coversUntil() == null ? period.endExclusive() : line.coversUntil();
            for (int d = index(period, from); d < Math.min(days, index(period, until)); d++) {
                if (line.kind() == ChargeKind.PRORATION_CREDIT) {
                    if (billedPlan[d] == line.planId()) {
                        billedPlan[d] = NONE;
                    }
                } else {
                    billedPlan[d] = line.planId();
                }
            }
        }
        int limit = serviceEnd == null ? days : Math.max(0, Math.min(days, index(period, serviceEnd)));
        int d = 0;
        while (d < limit) {
            LocalDate day = period.start().plusDays(d);
            long expected = timeline.planAt(day);
            if (billedPlan[d] == expected) {
                d++;
                continue;
            }
            long was = billedPlan[d];
            int runStart = d;
            while (d < limit
                    && billedPlan[d] == was
                    && timeline.planAt(period.start().plusDays(d)) == expected) {
                d++;
            }
            LocalDate from = period.start().plusDays(runStart);
            LocalDate until = period.start().plusDays(d);
            int runDays = d - runStart;
            PlanChange change = timeline.changeAt(from);
            Long changeId = change == null ? null : change.id();
            String span = from + " to " + until.minusDays(1) + " (" + runDays + "/" + days + " days)";
            BigDecimal fraction = BigDecimal.valueOf(runDays).divide(BigDecimal.valueOf(days), 6, RoundingMode.HALF_UP);
            if (was != NONE) {
                BigDecimal price = Objects.requireNonNull(prices.recurringPrice(was));
                Money credit = Money.zero(currency).minus(prorated(price, runDays, days, currency));
                lines.add(new ProposedLine(
                                subscriptionId,
                                ChargeKind.PRORATION_CREDIT,
                                period,
                                "Credit for unused " + prices.planName(was) + " " + span,
                                fraction,
                                price.negate(),
                                credit,
                                ++revision,
                                null)
                        .withPlan(was, from, until, changeId));
            }
            BigDecimal price = Objects.requireNonNull(prices.recurringPrice(expected));
            lines.add(new ProposedLine(
                            subscriptionId,
                            ChargeKind.PRORATION_CHARGE,
                            period,
                            prices.planName(expected) + " " + span,
                            fraction,
                            price,
                            prorated(price, runDays, days, currency),
                            ++revision,
                            null)
                    .withPlan(expected, from, until, changeId));
        }
        return lines;
    }

    /** price × days / daysInPeriod, rounded once. */
    public static Money prorated(BigDecimal price, long part, long whole, Currency currency) {
        return Money.rounded(
                price.multiply(BigDecimal.valueOf(part)).divide(BigDecimal.valueOf(whole), MathContext.DECIMAL128),
                currency);
    }

    private static int index(BillingPeriod period, LocalDate date) {
        return (int) ChronoUnit.DAYS.between(period.start(), date);
    }
}
