package com.ezscale.billing.invoice;

import com.ezscale.billing.customer.Customer;
import com.ezscale.billing.subscription.Subscription;
import java.util.List;
import java.util.Set;

/**
 * What the generator needs of one customer: its services, the keys of the lines that exist, and
 * the rated usage not yet invoiced.
 */
public record CustomerBillingInput(Customer customer, List<Subscription> subscriptions, Set<LineKey> existingLines,
                                   List<UsageCharge> usage) {

    public CustomerBillingInput {
        subscriptions = List.copyOf(subscriptions);
        existingLines = Set.copyOf(existingLines);
        usage = List.copyOf(usage);
    }

    public CustomerBillingInput(Customer customer, List<Subscription> subscriptions, Set<LineKey> existingLines) {
        this(customer, subscriptions, existingLines, List.of());
    }
}
