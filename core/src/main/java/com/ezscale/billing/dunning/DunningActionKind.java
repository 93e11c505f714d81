package com.ezscale.billing.dunning;

public enum DunningActionKind {
    /** Charge the saved payment method (the n-th attempt). */
    CHARGE_ATTEMPT,
    /** Email: the invoice falls due soon. */
    REMINDER,
    /** Email: the invoice is overdue (1, 7, 14 days). */
    OVERDUE_NOTICE,
    /** Email: the services will be suspended in a few days. */
    SUSPENSION_WARNING,
    /** Issue the late fee as its own invoice. */
    LATE_FEE,
    /** Suspend the invoice's services through their panel. */
    SUSPEND,
    /** Terminate them. */
    TERMINATE
}
