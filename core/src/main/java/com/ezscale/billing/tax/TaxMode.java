package com.ezscale.billing.tax;

/** How an invoice is taxed; stored on the invoice with its note. */
public enum TaxMode {
    /** No rule for the customer's country: no tax. */
    NONE,
    /** The rate of the customer's country (and region). */
    STANDARD,
    /** The customer is exempt. */
    EXEMPT,
    /** EU business customer in another member state: 0%, the customer accounts for the VAT. */
    REVERSE_CHARGE
}
