package com.ezscale.billing.usage;

/** What a service's usage is measured over. */
public enum UsagePeriodKind {
    /** [the 1st, the 1st of the next month), UTC: the default. */
    CALENDAR_MONTH,
    /** The service's own billing periods. */
    BILLING_PERIOD
}
