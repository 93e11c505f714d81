package com.ezscale.billing.invoice;

import com.ezscale.billing.customer.Customer;
import com.ezscale.billing.discount.Coupon;
import com.ezscale.billing.subscription.PlanChange;
import com.ezscale.billing.subscription.Subscription;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the generator needs of one customer: its services, the keys of the lines that exist, the
 * rated usage not yet invoiced, and three named parts the billing rules read: the plan history
 * (proration), the discount state (coupons, loyalty tenure) and the usage history (approval).
 */
public record CustomerBillingInput(
        Customer customer,
        List<Subscription> subscriptions,
        Set<LineKey> existingLines,
        List<UsageCharge> usage,
        PlanHistory plans,
        DiscountState discounts,
        UsageHistory usageHistory) {

    /** The customer's plan changes, and the plan coverage already billed for the periods they touch. */
    public record PlanHistory(List<PlanChange> changes, List<Coverage> coverage) {

        /** A billed plan-coverage line of a service. */
        public record Coverage(long subscriptionId, ProrationReconciler.BilledLine line) {}

        public PlanHistory {
            changes = List.copyOf(changes);
            coverage = List.copyOf(coverage);
        }

        public static PlanHistory none() {
            return new PlanHistory(List.of(), List.of());
        }
    }

    /** The coupons redeemed on the customer's services (with the cycles already discounted), and when its oldest active service started (loyalty). */
    public record DiscountState(List<Redemption> redemptions, LocalDate customerSince) {

        /** A coupon redeemed on a service, and how many periods it has discounted so far. */
        public record Redemption(long redemptionId, long subscriptionId, Coupon coupon, int cyclesUsed) {}

        public DiscountState {
            redemptions = List.copyOf(redemptions);
        }

        public static DiscountState none() {
            return new DiscountState(List.of(), null);
        }
    }

    /** The previous period's usage charge of each unbilled rating and kind, keyed "ratingId:KIND" (what approval compares with). */
    public record UsageHistory(Map<String, BigDecimal> previousByRating) {

        public UsageHistory {
            previousByRating = previousByRating == null ? Map.of() : Collections.unmodifiableMap(previousByRating);
        }

        public static UsageHistory none() {
            return new UsageHistory(Map.of());
        }
    }

    public CustomerBillingInput {
        subscriptions = List.copyOf(subscriptions);
        existingLines = Set.copyOf(existingLines);
        usage = List.copyOf(usage);
        plans = plans == null ? PlanHistory.none() : plans;
        discounts = discounts == null ? DiscountState.none() : discounts;
        usageHistory = usageHistory == null ? UsageHistory.none() : usageHistory;
    }

    public CustomerBillingInput(
            Customer customer, List<Subscription> subscriptions, Set<LineKey> existingLines, List<UsageCharge> usage) {
        this(customer, subscriptions, existingLines, usage, null, null, null);
    }

    public CustomerBillingInput(Customer customer, List<Subscription> subscriptions, Set<LineKey> existingLines) {
        this(customer, subscriptions, existingLines, List.of(), null, null, null);
    }
}
