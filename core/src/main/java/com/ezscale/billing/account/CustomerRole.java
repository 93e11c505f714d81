package com.ezscale.billing.account;

/**
 * What a customer's login may see in the portal: the owner everything (and the customer's logins),
 * billing the invoices, credit notes, payments and usage, technical the services and their usage.
 */
public enum CustomerRole {
    OWNER,
    BILLING,
    TECHNICAL;

    /** Invoices, credit notes, payments, the balance. */
    public boolean seesBilling() {
        return this != TECHNICAL;
    }

    /** The customer's logins (and later its API tokens and webhooks). */
    public boolean managesLogins() {
        return this == OWNER;
    }
}
