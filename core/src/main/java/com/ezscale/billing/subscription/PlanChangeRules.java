package com.ezscale.billing.subscription;

import com.ezscale.billing.period.BillingPeriod;
import com.ezscale.billing.period.ServiceSchedule;
import com.ezscale.billing.rules.BillingRuleViolation;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What a requested plan change becomes: a higher price is an UPGRADE, immediate; a lower (or
 * equal) price a DOWNGRADE, at the end of the current period unless asked immediate; a
 * cancellation at the end of the current period unless asked immediate. Refused, with the cause,
 * on a terminated or cancelled service, to the plan it is already on, or before the service starts.
 */
public final class PlanChangeRules {

    /** The change to record: kind, timing and the day it takes effect. */
    public record Decision(PlanChangeKind kind, PlanChangeTiming timing, LocalDate effectiveDate) {}

    private PlanChangeRules() {}

    public static Decision planChange(
            Subscription service,
            ServiceSchedule schedule,
            long currentPlanId,
            long newPlanId,
            BigDecimal currentPrice,
            BigDecimal newPrice,
            boolean immediateRequested,
            LocalDate asOf) {
        requireChangeable(service, asOf);
        if (currentPlanId == newPlanId) {
            throw new BillingRuleViolation("service " + service.id() + " is already on plan " + newPlanId);
        }
        if (newPrice.compareTo(currentPrice) > 0) {
            return new Decision(PlanChangeKind.UPGRADE, PlanChangeTiming.IMMEDIATE, asOf);
        }
        return immediateRequested
                ? new Decision(PlanChangeKind.DOWNGRADE, PlanChangeTiming.IMMEDIATE, asOf)
                : new Decision(
                        PlanChangeKind.DOWNGRADE,
                        PlanChangeTiming.PERIOD_END,
                        currentPeriodEnd(service, schedule, asOf));
    }

    public static Decision cancellation(
            Subscription service, ServiceSchedule schedule, boolean immediate, LocalDate asOf) {
        requireChangeable(service, asOf);
        return immediate
                ? new Decision(PlanChangeKind.CANCEL, PlanChangeTiming.IMMEDIATE, asOf)
                : new Decision(
                        PlanChangeKind.CANCEL, PlanChangeTiming.PERIOD_END, currentPeriodEnd(service, schedule, asOf));
    }

    private static void requireChangeable(Subscription service, LocalDate asOf) {
        if (service.status() == SubscriptionStatus.TERMINATED) {
            throw new BillingRuleViolation("service " + service.id() + " is terminated: its plan cannot change");
        }
        if (service.status() == SubscriptionStatus.CANCELLED
                || (service.endDate() != null && !service.endDate().isAfter(asOf))) {
            throw new BillingRuleViolation("service " + service.id() + " is cancelled"
                    + (service.endDate() == null ? "" : " (ends " + service.endDate() + ")")
                    + ": its plan cannot change");
        }
        if (asOf.isBefore(service.startDate())) {
            throw new BillingRuleViolation("service " + service.id() + " starts on " + service.startDate()
                    + ": a change cannot take effect before");
        }
    }

    /** The end of the period that contains {@code asOf} (the next period's start). */
    static LocalDate currentPeriodEnd(Subscription service, ServiceSchedule schedule, LocalDate asOf) {
        BillingPeriod current = null;
        for (ServiceSchedule.SchedulePeriod p : schedule.periodsStartingBetween(service.startDate(), asOf, null)) {
            current = p.period();
        }
        if (current == null || current.days() == 0) {
            return asOf;
        }
        return current.endExclusive();
    }
}
