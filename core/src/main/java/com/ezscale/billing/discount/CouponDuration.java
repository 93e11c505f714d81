package com.ezscale.billing.discount;

/** How many billed periods of a service a redemption discounts. */
public enum CouponDuration {
    ONCE,
    CYCLES,
    FOREVER
}
