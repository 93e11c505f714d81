package com.ezscale.billing.customer;

import java.util.Currency;
import java.util.Objects;

/** A billed account: who receives the invoices, where, and in which currency. */
public record Customer(
        long id,
        String name,
        String company,
        String email,
        PostalAddress address,
        String country,
        String region,
        Currency billingCurrency,
        String vatNumber,
        CustomerStatus status,
        boolean taxExempt,
        boolean creditOptOut) {

    /** A customer that is taxed and takes its account credit. */
    public Customer(
            long id,
            String name,
            String company,
            String email,
            PostalAddress address,
            String country,
            String region,
            Currency billingCurrency,
            String vatNumber,
            CustomerStatus status) {
        this(id, name, company, email, address, country, region, billingCurrency, vatNumber, status, false, false);
    }

    public Customer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(billingCurrency, "billingCurrency");
        Objects.requireNonNull(status, "status");
    }
}
