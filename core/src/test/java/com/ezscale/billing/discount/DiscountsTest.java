package com.ezscale.billing.discount;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.money.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiscountsTest {

    /** coupons: "P10" = 10 percent, "F5" = 5.00 (or 500 JPY) fixed, in redemption order; expected: discount amounts in order. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            percentCoupon                          | USD | 12.50  | P10       | 0  | -1.25
            percentHalfUp                          | USD | 12.55  | P10       | 0  | -1.26
            loyaltyOnTheRest                       | USD | 100.00 | P10       | 5  | -10.00 -4.50
            twoPercentCouponsCompound              | USD | 100.00 | P10 P20   | 0  | -10.00 -18.00
            fixedAfterPercentAndLoyalty            | USD | 100.00 | F5 P10    | 10 | -10.00 -9.00 -5.00
            fixedNeverBelowZero                    | USD | 3.00   | F5        | 0  | -3.00
            fixedAfterAFullPercentTakesNothing     | USD | 20.00  | P100 F5   | 0  | -20.00
            loyaltyOnlyNoCoupon                    | USD | 59.99  | -         | 15 | -9.00
            nothingOnZero                          | USD | 0.00   | P10       | 10 | -
            yenRoundsToWholeYen                    | JPY | 1801   | P10       | 5  | -180 -81
            """)
    void theFixedOrder(String name, String currency, String charge, String coupons, int loyalty, String expected) {
        List<Discounts.ActiveCoupon> active = new ArrayList<>();
        long id = 1;
        if (!coupons.equals("-")) {
            for (String c : coupons.split(" ")) {
                Coupon coupon = c.startsWith("P")
                        ? new Coupon(
                                id,
                                c,
                                CouponKind.PERCENT,
                                new BigDecimal(c.substring(1)),
                                null,
                                CouponDuration.FOREVER,
                                null,
                                null,
                                null,
                                null,
                                null,
                                true,
                                null,
                                null)
                        : new Coupon(
                                id,
                                c,
                                CouponKind.FIXED,
                                null,
                                Map.of(
                                        Money.currency("USD"),
                                        new BigDecimal(c.substring(1)),
                                        Money.currency("JPY"),
                                        new BigDecimal(c.substring(1) + "00")),
                                CouponDuration.FOREVER,
                                null,
                                null,
                                null,
                                null,
                                null,
                                true,
                                null,
                                null);
                active.add(new Discounts.ActiveCoupon(id * 10, coupon));
                id++;
            }
        }
        List<AppliedDiscount> discounts =
                Discounts.apply(Money.of(charge, currency), active, BigDecimal.valueOf(loyalty));
        List<String> amounts =
                discounts.stream().map(d -> d.amount().amount().toPlainString()).toList();
        assertThat(amounts).containsExactlyElementsOf(expected.equals("-") ? List.of() : List.of(expected.split(" ")));
        Money left = discounts.stream().map(AppliedDiscount::amount).reduce(Money.of(charge, currency), Money::plus);
        assertThat(left.isNegative()).as("never below zero").isFalse();
        discounts.stream()
                .filter(d -> d.ref().equals("LOYALTY"))
                .forEach(d -> assertThat(d.redemptionId()).isNull());
    }
}
