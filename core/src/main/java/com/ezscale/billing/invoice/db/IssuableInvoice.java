package com.ezscale.billing.invoice.db;

/** A draft waiting to be issued. */
public record IssuableInvoice(long id, long customerId, long sellerEntityId) {}
