package com.ezscale.billing.invoice;

import com.ezscale.billing.customer.Customer;
import com.ezscale.billing.subscription.Subscription;
import java.util.List;
import java.util.Set;

/** What the generator needs of one customer: its services and the keys of the lines that exist. */
public record CustomerBillingInput(Customer customer, List<Subscription> subscriptions, Set<LineKey> existingLines) {

    public CustomerBillingInput {
        subscriptions = List.copyOf(subscriptions);
        existingLines = Set.copyOf(existingLines);
    }
}
