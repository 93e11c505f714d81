package com.ezscale.billing.invoice;

/** What a line charges for; part of the line's idempotency key. */
public enum ChargeKind {
    RECURRING,
    SETUP,
    /** 95th percentile over the commit, in arrears (one line per rating revision; later revisions bill the difference). */
    USAGE_COMMIT,
    /** Transfer over the quota, in arrears (same). */
    USAGE_TRANSFER
}
