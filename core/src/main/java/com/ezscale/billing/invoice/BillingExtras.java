package com.ezscale.billing.invoice;

import com.ezscale.billing.discount.Coupon;
import com.ezscale.billing.subscription.PlanChange;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the generator needs of a customer beyond its services: their plan changes and the plan
 * coverage already billed for the periods those touch, the coupons redeemed on them (with the
 * cycles already discounted), when the customer's oldest active service started (loyalty), and
 * the previous period's usage charge of each unbilled rating and kind, keyed "ratingId:KIND" (approval).
 */
public record BillingExtras(List<PlanChange> planChanges, List<Coverage> coverage, List<Redemption> redemptions, LocalDate customerSince,
                            Map<String, BigDecimal> previousUsageByRating) {

    /** A billed plan-coverage line of a service. */
    public record Coverage(long subscriptionId, ProrationReconciler.BilledLine line) {
    }

    /** A coupon redeemed on a service, and how many periods it has discounted so far. */
    public record Redemption(long redemptionId, long subscriptionId, Coupon coupon, int cyclesUsed) {
    }

    public BillingExtras {
        planChanges = List.copyOf(planChanges);
        coverage = List.copyOf(coverage);
        redemptions = List.copyOf(redemptions);
        previousUsageByRating = previousUsageByRating == null ? Map.of() : java.util.Collections.unmodifiableMap(previousUsageByRating);
    }

    public static BillingExtras none() {
        return new BillingExtras(List.of(), List.of(), List.of(), null, Map.of());
    }
}
