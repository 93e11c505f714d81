package com.ezscale.billing.discount;

public enum CouponKind {
    PERCENT,
    FIXED
}
