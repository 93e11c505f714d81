package com.ezscale.billing.usage;

import com.ezscale.billing.period.BillingCycle;
import com.ezscale.billing.subscription.Subscription;
import com.ezscale.billing.subscription.SubscriptionStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;

/** A service whose plan has usage terms, with those terms and the customer's currency. */
public record RatableService(
        long subscriptionId,
        long customerId,
        long planId,
        Currency currency,
        BillingCycle cycle,
        SubscriptionStatus status,
        int anchorDay,
        LocalDate startDate,
        LocalDate endDate,
        BigDecimal commitMbps,
        DirectionMode directionMode,
        BigDecimal quotaIncluded,
        TransferQuota.Unit quotaUnit,
        TransferQuota.Counted quotaCounted,
        UsagePeriodKind usagePeriod,
        int graceHours) {

    public Subscription subscription() {
        return new Subscription(
                subscriptionId, customerId, planId, cycle, status, anchorDay, startDate, endDate, null, null);
    }
}
