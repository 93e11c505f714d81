package com.ezscale.billing.discount.db;

import com.ezscale.billing.discount.Coupon;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Every coupon with its amounts and restrictions, read in four queries. */
public final class Coupons {

    private Coupons() {}

    public static Map<Long, Coupon> load(CouponMapper mapper) {
        Map<Long, Map<Currency, BigDecimal>> amounts = new HashMap<>();
        mapper.selectCouponAmounts()
                .forEach(a -> amounts.computeIfAbsent(a.couponId(), k -> new HashMap<>())
                        .put(a.currency(), a.amount()));
        Map<Long, Set<Long>> products = new HashMap<>();
        mapper.selectCouponProducts()
                .forEach(p -> products.computeIfAbsent(p.couponId(), k -> new HashSet<>())
                        .add(Long.parseLong(p.value())));
        Map<Long, Set<String>> countries = new HashMap<>();
        mapper.selectCouponCountries()
                .forEach(c -> countries
                        .computeIfAbsent(c.couponId(), k -> new HashSet<>())
                        .add(c.value()));
        Map<Long, Coupon> coupons = new HashMap<>();
        for (CouponRow r : mapper.selectCoupons()) {
            coupons.put(
                    r.id(),
                    new Coupon(
                            r.id(),
                            r.code(),
                            r.kind(),
                            r.percent(),
                            amounts.get(r.id()),
                            r.duration(),
                            r.durationCycles(),
                            r.validFrom(),
                            r.validUntil(),
                            r.maxRedemptions(),
                            r.maxPerCustomer(),
                            r.stackable(),
                            products.get(r.id()),
                            countries.get(r.id())));
        }
        return coupons;
    }
}
