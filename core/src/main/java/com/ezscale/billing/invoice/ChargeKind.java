package com.ezscale.billing.invoice;

/** What a line charges for; part of the line's idempotency key. */
public enum ChargeKind {
    RECURRING,
    SETUP,
    /** A trial period, at zero. */
    TRIAL,
    /** 95th percentile over the commit, in arrears (one line per rating revision; later revisions bill the difference). */
    USAGE_COMMIT,
    /** Transfer over the quota, in arrears (same). */
    USAGE_TRANSFER,
    /** The unused part of a billed period's plan, credited after a plan change (negative). */
    PRORATION_CREDIT,
    /** The same days on the new plan. */
    PRORATION_CHARGE,
    /** A coupon or loyalty discount of another line of the same invoice (negative). */
    DISCOUNT,
    /** An invoice whose lines sum below zero: the difference goes to account credit (positive, brings the total to zero). */
    CREDIT_CARRIED,
    /** Dunning's late fee on an overdue invoice (on an invoice of its own; no service, no period). */
    LATE_FEE;

    /** Lines that say which plan covered which days of a period. */
    public boolean isPlanCoverage() {
        return this == RECURRING || this == PRORATION_CREDIT || this == PRORATION_CHARGE;
    }
}
