package com.ezscale.billing.discount;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A coupon: percent or fixed (an amount per currency); once, for N cycles or forever; valid for
 * redemption between two dates; limited in redemptions in total and per customer; optionally
 * restricted to products and countries; stackable or not with other coupons on the same service.
 */
public record Coupon(
        long id,
        String code,
        CouponKind kind,
        BigDecimal percent,
        Map<Currency, BigDecimal> amounts,
        CouponDuration duration,
        Integer durationCycles,
        LocalDate validFrom,
        LocalDate validUntil,
        Integer maxRedemptions,
        Integer maxPerCustomer,
        boolean stackable,
        Set<Long> productIds,
        Set<String> countries) {

    public Coupon {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(duration, "duration");
        amounts = amounts == null ? Map.of() : Map.copyOf(amounts);
        productIds = productIds == null ? Set.of() : Set.copyOf(productIds);
        countries = countries == null ? Set.of() : Set.copyOf(countries);
        if (kind == CouponKind.PERCENT
                && (percent == null || percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0)) {
            throw new IllegalArgumentException("coupon " + code + ": a percent coupon needs a percent in (0, 100]");
        }
        if (kind == CouponKind.FIXED && amounts.isEmpty()) {
            throw new IllegalArgumentException(
                    "coupon " + code + ": a fixed coupon needs an amount in at least one currency");
        }
        if (duration == CouponDuration.CYCLES && (durationCycles == null || durationCycles < 1)) {
            throw new IllegalArgumentException("coupon " + code + ": CYCLES needs a number of cycles >= 1");
        }
    }

    /** How many billed periods a redemption discounts. */
    public int cyclesAllowed() {
        return switch (duration) {
            case ONCE -> 1;
            case CYCLES -> durationCycles;
            case FOREVER -> Integer.MAX_VALUE;
        };
    }

    public String describe(Currency currency) {
        return kind == CouponKind.PERCENT
                ? percent.stripTrailingZeros().toPlainString() + "%"
                : amounts.getOrDefault(currency, BigDecimal.ZERO)
                                .stripTrailingZeros()
                                .toPlainString() + " " + currency.getCurrencyCode();
    }
}
