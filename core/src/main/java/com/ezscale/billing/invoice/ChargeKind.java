package com.ezscale.billing.invoice;

/** What a line charges for; part of the line's idempotency key. */
public enum ChargeKind {
    RECURRING,
    SETUP
}
