package com.ezscale.billing.discount;

import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

/**
 * Everything the redemption check needs: who redeems, on which service (its product), when, in
 * which currency, how many redemptions the coupon and this customer already have, and the coupons
 * already on the service.
 */
public record CouponRedemptionRequest(
        long customerId,
        String customerCountry,
        Currency currency,
        long productId,
        LocalDate date,
        long redemptionsTotal,
        long redemptionsByCustomer,
        List<Coupon> couponsOnService) {

    public CouponRedemptionRequest {
        couponsOnService = List.copyOf(couponsOnService);
    }
}
