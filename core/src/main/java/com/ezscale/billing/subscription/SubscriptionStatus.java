package com.ezscale.billing.subscription;

public enum SubscriptionStatus {
    /** Ordered, not yet provisioned: its first invoice is billed so it can be paid. */
    PENDING,
    ACTIVE,
    /** Suspended for non-payment or abuse: it keeps renewing. */
    SUSPENDED,
    /** Will end, or has ended, at its end date; periods from then on are not billed. */
    CANCELLED,
    TERMINATED;

    public boolean isBillable() {
        return this == PENDING || this == ACTIVE || this == SUSPENDED || this == CANCELLED;
    }
}
