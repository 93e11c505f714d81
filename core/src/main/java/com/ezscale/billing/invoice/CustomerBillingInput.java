package com.ezscale.billing.invoice;

import com.ezscale.billing.customer.Customer;
import com.ezscale.billing.subscription.Subscription;
import java.util.List;
import java.util.Set;

/**
 * What the generator needs of one customer: its services, the keys of the lines that exist, the
 * rated usage not yet invoiced, and the extras (plan changes, coupons, tenure).
 */
public record CustomerBillingInput(Customer customer, List<Subscription> subscriptions, Set<LineKey> existingLines,
                                   List<UsageCharge> usage, BillingExtras extras) {

    public CustomerBillingInput {
        subscriptions = List.copyOf(subscriptions);
        existingLines = Set.copyOf(existingLines);
        usage = List.copyOf(usage);
        extras = extras == null ? BillingExtras.none() : extras;
    }

    public CustomerBillingInput(Customer customer, List<Subscription> subscriptions, Set<LineKey> existingLines, List<UsageCharge> usage) {
        this(customer, subscriptions, existingLines, usage, BillingExtras.none());
    }

    public CustomerBillingInput(Customer customer, List<Subscription> subscriptions, Set<LineKey> existingLines) {
        this(customer, subscriptions, existingLines, List.of(), BillingExtras.none());
    }
}
