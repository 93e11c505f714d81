package com.ezscale.billing.discount;

import com.ezscale.billing.rules.BillingRuleViolation;

/** A coupon that cannot be redeemed here and now, with the reason. */
public class CouponRefused extends BillingRuleViolation {

    public CouponRefused(String message) {
        super(message);
    }
}
