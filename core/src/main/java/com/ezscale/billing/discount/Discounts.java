package com.ezscale.billing.discount;

import com.ezscale.billing.money.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The discounts of one charge line, in the fixed order: percent coupons (in redemption order), then
 * loyalty, each on the amount left after the ones before it, then fixed coupons; each is its own
 * line rounded HALF_UP once, and the line never goes below zero.
 */
public final class Discounts {

    /** A coupon redemption that applies to the line being discounted. */
    public record ActiveCoupon(long redemptionId, Coupon coupon) {}

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Discounts() {}

    public static List<AppliedDiscount> apply(Money charge, List<ActiveCoupon> coupons, BigDecimal loyaltyPercent) {
        List<AppliedDiscount> discounts = new ArrayList<>();
        if (charge.amount().signum() <= 0) {
            return discounts;
        }
        Money remaining = charge;
        for (ActiveCoupon active : coupons) {
            if (active.coupon().kind() == CouponKind.PERCENT) {
                Money off = percentOf(remaining, active.coupon().percent());
                remaining = add(
                        discounts,
                        remaining,
                        off,
                        "COUPON:" + active.coupon().id(),
                        "Coupon " + active.coupon().code() + " ("
                                + active.coupon().describe(charge.currency()) + ")",
                        active.redemptionId());
            }
        }
        if (loyaltyPercent != null && loyaltyPercent.signum() > 0) {
            Money off = percentOf(remaining, loyaltyPercent);
            remaining = add(
                    discounts,
                    remaining,
                    off,
                    "LOYALTY",
                    "Loyalty discount (" + loyaltyPercent.stripTrailingZeros().toPlainString() + "%)",
                    null);
        }
        for (ActiveCoupon active : coupons) {
            if (active.coupon().kind() == CouponKind.FIXED) {
                BigDecimal amount = active.coupon().amounts().get(charge.currency());
                if (amount == null) {
                    continue;
                }
                Money off = Money.rounded(amount, charge.currency());
                remaining = add(
                        discounts,
                        remaining,
                        off,
                        "COUPON:" + active.coupon().id(),
                        "Coupon " + active.coupon().code() + " ("
                                + active.coupon().describe(charge.currency()) + " off)",
                        active.redemptionId());
            }
        }
        return discounts;
    }

    private static Money percentOf(Money amount, BigDecimal percent) {
        return Money.rounded(
                amount.amount().multiply(percent).divide(HUNDRED, MathContext.DECIMAL128), amount.currency());
    }

    private static Money add(
            List<AppliedDiscount> discounts, Money remaining, Money off, String ref, String text, Long redemptionId) {
        Money capped = off.compareTo(remaining) > 0 ? remaining : off;
        if (capped.isZero()) {
            return remaining;
        }
        discounts.add(
                new AppliedDiscount(ref, text, Money.zero(remaining.currency()).minus(capped), redemptionId));
        return remaining.minus(capped);
    }
}
