package com.ezscale.billing.subscription;

public enum PlanChangeKind {
    UPGRADE,
    DOWNGRADE,
    CANCEL
}
