package com.ezscale.billing.discount;

import com.ezscale.billing.money.Money;

/**
 * One discount line: what it is ({@code ref}: COUPON:id or LOYALTY), its text, its amount (negative)
 * and the coupon redemption it consumes (null for loyalty).
 */
public record AppliedDiscount(String ref, String description, Money amount, Long redemptionId) {}
