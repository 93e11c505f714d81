package com.ezscale.billing.subscription;

import com.ezscale.billing.period.BillingCycle;
import com.ezscale.billing.period.BillingSchedule;
import com.ezscale.billing.period.ServiceSchedule;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A service: a plan on a cycle for a customer. {@code nextPeriodStart} is the generator's cursor
 * (the start of the first period not yet billed; null before the first invoice); {@code endDate}
 * is where a cancellation takes effect.
 */
public record Subscription(
        long id,
        long customerId,
        long planId,
        BillingCycle cycle,
        SubscriptionStatus status,
        int anchorDay,
        LocalDate startDate,
        LocalDate endDate,
        LocalDate nextPeriodStart,
        String label,
        LocalDate trialEnd) {

    public Subscription {
        Objects.requireNonNull(cycle, "cycle");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startDate, "startDate");
    }

    /** A service without a trial. */
    public Subscription(
            long id,
            long customerId,
            long planId,
            BillingCycle cycle,
            SubscriptionStatus status,
            int anchorDay,
            LocalDate startDate,
            LocalDate endDate,
            LocalDate nextPeriodStart,
            String label) {
        this(id, customerId, planId, cycle, status, anchorDay, startDate, endDate, nextPeriodStart, label, null);
    }

    public BillingSchedule schedule() {
        return new BillingSchedule(startDate, anchorDay, cycle);
    }

    /** The schedule with the trial and the product's prorata day (null: none). */
    public ServiceSchedule schedule(Integer prorataDay) {
        return new ServiceSchedule(startDate, trialEnd, prorataDay, anchorDay, cycle);
    }
}
