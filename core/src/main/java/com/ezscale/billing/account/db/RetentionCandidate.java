package com.ezscale.billing.account.db;

/** An erased customer's issued invoice whose retention period has ended. */
public record RetentionCandidate(long invoiceId, long customerId) {}
