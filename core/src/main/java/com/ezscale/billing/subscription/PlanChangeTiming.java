package com.ezscale.billing.subscription;

public enum PlanChangeTiming {
    IMMEDIATE,
    PERIOD_END
}
