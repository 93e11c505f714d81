package com.ezscale.billing.discount;

/** Whether a coupon may be redeemed: each refusal names its cause. */
public final class CouponRules {

    private CouponRules() {}

    /** @throws CouponRefused naming the first rule the request breaks */
    public static void checkRedeemable(Coupon coupon, CouponRedemptionRequest request) {
        String code = coupon.code();
        if (coupon.validFrom() != null && request.date().isBefore(coupon.validFrom())) {
            throw new CouponRefused("coupon " + code + " is not valid before " + coupon.validFrom());
        }
        if (coupon.validUntil() != null && request.date().isAfter(coupon.validUntil())) {
            throw new CouponRefused("coupon " + code + " expired on " + coupon.validUntil());
        }
        if (coupon.maxRedemptions() != null && request.redemptionsTotal() >= coupon.maxRedemptions()) {
            throw new CouponRefused("coupon " + code + " is exhausted: " + request.redemptionsTotal() + " of "
                    + coupon.maxRedemptions() + " redemptions used");
        }
        if (coupon.maxPerCustomer() != null && request.redemptionsByCustomer() >= coupon.maxPerCustomer()) {
            throw new CouponRefused("coupon " + code + " is exhausted for customer " + request.customerId() + ": "
                    + request.redemptionsByCustomer() + " of " + coupon.maxPerCustomer()
                    + " redemptions per customer used");
        }
        if (!coupon.productIds().isEmpty() && !coupon.productIds().contains(request.productId())) {
            throw new CouponRefused("coupon " + code + " does not apply to product " + request.productId());
        }
        if (!coupon.countries().isEmpty() && !coupon.countries().contains(request.customerCountry())) {
            throw new CouponRefused("coupon " + code + " is not available in " + request.customerCountry());
        }
        if (coupon.kind() == CouponKind.FIXED && !coupon.amounts().containsKey(request.currency())) {
            throw new CouponRefused(
                    "coupon " + code + " has no amount in " + request.currency().getCurrencyCode());
        }
        for (Coupon other : request.couponsOnService()) {
            if (other.id() == coupon.id()) {
                throw new CouponRefused("coupon " + code + " is already on this service");
            }
            if (!other.stackable() || !coupon.stackable()) {
                throw new CouponRefused("coupon " + code + " cannot be combined with " + other.code()
                        + " on the same service (" + (coupon.stackable() ? other.code() : code) + " is not stackable)");
            }
        }
    }
}
