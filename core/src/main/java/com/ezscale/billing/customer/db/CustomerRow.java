package com.ezscale.billing.customer.db;

import com.ezscale.billing.customer.Customer;
import com.ezscale.billing.customer.CustomerStatus;
import com.ezscale.billing.customer.PostalAddress;
import java.util.Currency;

/** The customer table's columns, flat. */
public record CustomerRow(
        long id,
        String name,
        String company,
        String email,
        String addressLine1,
        String addressLine2,
        String city,
        String postalCode,
        String region,
        String country,
        Currency billingCurrency,
        String vatNumber,
        CustomerStatus status,
        boolean taxExempt,
        boolean creditOptOut) {

    public static CustomerRow of(Customer c) {
        PostalAddress a = c.address() == null ? new PostalAddress(null, null, null, null) : c.address();
        return new CustomerRow(
                c.id(),
                c.name(),
                c.company(),
                c.email(),
                a.line1(),
                a.line2(),
                a.city(),
                a.postalCode(),
                c.region(),
                c.country(),
                c.billingCurrency(),
                c.vatNumber(),
                c.status(),
                c.taxExempt(),
                c.creditOptOut());
    }

    public Customer toCustomer() {
        return new Customer(
                id,
                name,
                company,
                email,
                new PostalAddress(addressLine1, addressLine2, city, postalCode),
                country,
                region,
                billingCurrency,
                vatNumber,
                status,
                taxExempt,
                creditOptOut);
    }
}
