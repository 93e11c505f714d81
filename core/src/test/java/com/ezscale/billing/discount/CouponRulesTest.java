package com.ezscale.billing.discount;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CouponRulesTest {

    private static final Coupon SPRING = new Coupon(
            1,
            "SPRING10",
            CouponKind.PERCENT,
            BigDecimal.TEN,
            null,
            CouponDuration.CYCLES,
            3,
            LocalDate.parse("2026-03-01"),
            LocalDate.parse("2026-05-31"),
            100,
            1,
            true,
            Set.of(7L),
            Set.of("DE", "FR"));
    private static final Coupon FIVE_OFF = new Coupon(
            2,
            "FIVEOFF",
            CouponKind.FIXED,
            null,
            Map.of(Money.currency("EUR"), new BigDecimal("5")),
            CouponDuration.ONCE,
            null,
            null,
            null,
            null,
            null,
            true,
            null,
            null);
    private static final Coupon SOLO = new Coupon(
            3,
            "SOLO",
            CouponKind.PERCENT,
            new BigDecimal("50"),
            null,
            CouponDuration.ONCE,
            null,
            null,
            null,
            null,
            null,
            false,
            null,
            null);

    /** on-service: coupon codes already on the service. expected: OK or the message. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            validRedemption               | SPRING10 | DE | EUR | 7 | 2026-04-01 | 10  | 0 | -                | OK
            onTheFirstValidDay            | SPRING10 | DE | EUR | 7 | 2026-03-01 | 0   | 0 | -                | OK
            onTheLastValidDay             | SPRING10 | DE | EUR | 7 | 2026-05-31 | 0   | 0 | -                | OK
            beforeItStarts                | SPRING10 | DE | EUR | 7 | 2026-02-28 | 0   | 0 | -                | coupon SPRING10 is not valid before 2026-03-01
            expired                       | SPRING10 | DE | EUR | 7 | 2026-06-01 | 0   | 0 | -                | coupon SPRING10 expired on 2026-05-31
            exhaustedInTotal              | SPRING10 | DE | EUR | 7 | 2026-04-01 | 100 | 0 | -                | coupon SPRING10 is exhausted: 100 of 100 redemptions used
            exhaustedForTheCustomer       | SPRING10 | DE | EUR | 7 | 2026-04-01 | 5   | 1 | -                | coupon SPRING10 is exhausted for customer 42: 1 of 1 redemptions per customer used
            wrongProduct                  | SPRING10 | DE | EUR | 8 | 2026-04-01 | 0   | 0 | -                | coupon SPRING10 does not apply to product 8
            wrongCountry                  | SPRING10 | US | EUR | 7 | 2026-04-01 | 0   | 0 | -                | coupon SPRING10 is not available in US
            fixedWithoutTheCurrency       | FIVEOFF  | DE | JPY | 7 | 2026-04-01 | 0   | 0 | -                | coupon FIVEOFF has no amount in JPY
            stackableOnStackable          | FIVEOFF  | DE | EUR | 7 | 2026-04-01 | 0   | 0 | SPRING10         | OK
            twiceOnOneService             | FIVEOFF  | DE | EUR | 7 | 2026-04-01 | 0   | 0 | FIVEOFF          | coupon FIVEOFF is already on this service
            notStackableItself            | SOLO     | DE | EUR | 7 | 2026-04-01 | 0   | 0 | FIVEOFF          | coupon SOLO cannot be combined with FIVEOFF on the same service (SOLO is not stackable)
            notStackableOther             | FIVEOFF  | DE | EUR | 7 | 2026-04-01 | 0   | 0 | SOLO             | coupon FIVEOFF cannot be combined with SOLO on the same service (SOLO is not stackable)
            """)
    void redemption(
            String name,
            String code,
            String country,
            String currency,
            long product,
            String date,
            long total,
            long byCustomer,
            String onService,
            String expected) {
        Map<String, Coupon> coupons = Map.of("SPRING10", SPRING, "FIVEOFF", FIVE_OFF, "SOLO", SOLO);
        List<Coupon> existing = onService.equals("-") ? List.of() : List.of(coupons.get(onService));
        CouponRedemptionRequest request = new CouponRedemptionRequest(
                42, country, Money.currency(currency), product, LocalDate.parse(date), total, byCustomer, existing);
        if (expected.equals("OK")) {
            assertThatCode(() -> CouponRules.checkRedeemable(coupons.get(code), request))
                    .doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> CouponRules.checkRedeemable(coupons.get(code), request))
                    .isInstanceOf(CouponRefused.class)
                    .hasMessage(expected);
        }
    }
}
