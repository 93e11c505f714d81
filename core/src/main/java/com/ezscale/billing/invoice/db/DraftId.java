package com.ezscale.billing.invoice.db;

import java.util.Currency;

/** A draft's id with the natural key it was written under (run, customer, currency). */
public record DraftId(long id, long customerId, Currency currency) {}
