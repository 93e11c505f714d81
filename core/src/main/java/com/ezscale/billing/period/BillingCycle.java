package com.ezscale.billing.period;

/** How often a service is billed [WHMCS billing cycles]. */
public enum BillingCycle {
    MONTHLY(1),
    QUARTERLY(3),
    SEMI_ANNUALLY(6),
    ANNUALLY(12),
    BIENNIALLY(24),
    TRIENNIALLY(36),
    /** Billed once, at the service start; never renews. */
    ONE_TIME(0),
    /** Never billed. */
    FREE(0);

    private final int months;

    BillingCycle(int months) {
        this.months = months;
    }

    public int months() {
        return months;
    }

    public boolean isRecurring() {
        return months > 0;
    }

    public static BillingCycle parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase().replace('-', '_'));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown billing cycle '" + text + "'");
        }
    }
}
