package com.ezscale.billing.discount.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.discount.CouponDuration;
import com.ezscale.billing.discount.CouponKind;
import com.ezscale.billing.persistence.GeneratedKey;
import com.ezscale.billing.testing.MapperTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

class CouponMapperTest extends MapperTest {

    static final Instant AT = Instant.parse("2026-11-05T10:00:00Z");

    @Autowired
    CouponMapper coupons;

    void coupons() {
        update("INSERT INTO coupon (id, code, kind, percent, duration, duration_cycles, valid_from, valid_until,"
                + " max_redemptions, max_per_customer, stackable, created_at) VALUES"
                + " (1, 'WELCOME20', 'PERCENT', 20.00, 'CYCLES', 3, '2026-01-01', '2026-12-31', 100, 1, FALSE, NOW(6)),"
                + " (2, 'FIVEOFF', 'FIXED', NULL, 'FOREVER', NULL, NULL, NULL, NULL, NULL, TRUE, NOW(6))");
        update("INSERT INTO coupon_amount (coupon_id, currency, amount) VALUES (2, 'USD', 5.00), (2, 'EUR', 4.50)");
        update("INSERT INTO coupon_product (coupon_id, product_id) VALUES (1, 1)");
        update("INSERT INTO coupon_country (coupon_id, country) VALUES (1, 'DE')");
    }

    @Test
    void theCouponBookReadsBackWithItsAmountsProductsAndCountries() {
        coupons();
        assertThat(coupons.selectCoupons())
                .containsExactly(
                        new CouponRow(
                                1,
                                "WELCOME20",
                                CouponKind.PERCENT,
                                new BigDecimal("20.0000"),
                                CouponDuration.CYCLES,
                                3,
                                LocalDate.parse("2026-01-01"),
                                LocalDate.parse("2026-12-31"),
                                100,
                                1,
                                false),
                        new CouponRow(
                                2,
                                "FIVEOFF",
                                CouponKind.FIXED,
                                null,
                                CouponDuration.FOREVER,
                                null,
                                null,
                                null,
                                null,
                                null,
                                true));
        assertThat(coupons.selectCouponAmounts())
                .extracting(a ->
                        a.couponId() + " " + a.currency() + " " + a.amount().toPlainString())
                .containsExactlyInAnyOrder("2 USD 5.0000", "2 EUR 4.5000");
        assertThat(coupons.selectCouponProducts()).containsExactly(new CouponLinkRow(1, "1"));
        assertThat(coupons.selectCouponCountries()).containsExactly(new CouponLinkRow(1, "DE"));
    }

    @Test
    void aRedemptionIsCountedPerCouponCustomerAndServiceAndNeverTwiceOnOneService() {
        coupons();
        assertThat(coupons.lockCouponByCode("WELCOME20")).isEqualTo(1L);
        assertThat(coupons.lockCouponByCode("NOPE")).isNull();
        coupons.insertRedemption(1, 1, 21, LocalDate.parse("2026-11-05"), "admin", AT);
        coupons.insertRedemption(1, 2, 22, LocalDate.parse("2026-11-05"), "admin", AT);
        coupons.insertRedemption(2, 1, 21, LocalDate.parse("2026-11-05"), "admin", AT);
        assertThatThrownBy(() -> coupons.insertRedemption(1, 1, 21, LocalDate.parse("2026-11-06"), "admin", AT))
                .isInstanceOf(DuplicateKeyException.class);

        assertThat(coupons.countRedemptions(1)).isEqualTo(2);
        assertThat(coupons.countRedemptionsByCustomer(1, 1)).isEqualTo(1);
        assertThat(coupons.selectCouponIdsOnService(21)).containsExactly(1L, 2L);
        assertThat(coupons.selectRedemptions(List.of(1L)))
                .extracting(r -> r.couponId() + " on " + r.subscriptionId() + " used " + r.cyclesUsed())
                .containsExactly("1 on 21 used 0", "2 on 21 used 0");
    }

    @Test
    void loyaltyTiersInOrderOfTenureAsTheMigrationsSeedThem() {
        assertThat(coupons.selectLoyaltyTiers())
                .extracting(t ->
                        t.minMonths() + ":" + t.percent().stripTrailingZeros().toPlainString())
                .containsExactly("12:5", "24:10", "36:15", "60:20");
    }

    @Test
    void anAdminsCouponIsWrittenWithItsAmountsProductsAndCountries() {
        GeneratedKey key = new GeneratedKey();
        coupons.insertCoupon(
                new CouponRow(
                        0,
                        "SPRING",
                        CouponKind.FIXED,
                        null,
                        CouponDuration.ONCE,
                        null,
                        null,
                        LocalDate.parse("2027-03-31"),
                        50,
                        1,
                        true),
                AT,
                key);
        coupons.insertCouponAmount(key.value(), "USD", new BigDecimal("5.00"));
        coupons.insertCouponProduct(key.value(), 2);
        coupons.insertCouponCountry(key.value(), "US");
        assertThat(coupons.lockCouponByCode("SPRING")).isEqualTo(key.value());
        assertThat(coupons.selectCoupons())
                .containsExactly(new CouponRow(
                        key.value(),
                        "SPRING",
                        CouponKind.FIXED,
                        null,
                        CouponDuration.ONCE,
                        null,
                        null,
                        LocalDate.parse("2027-03-31"),
                        50,
                        1,
                        true));
        assertThat(coupons.selectCouponAmounts())
                .containsExactly(
                        new CouponAmountRow(key.value(), Currency.getInstance("USD"), new BigDecimal("5.0000")));
        assertThat(coupons.selectCouponProducts()).containsExactly(new CouponLinkRow(key.value(), "2"));
        assertThat(coupons.selectCouponCountries()).containsExactly(new CouponLinkRow(key.value(), "US"));
    }

    @Test
    void aLoyaltyTierIsSetReplacedAndRemoved() {
        coupons.upsertLoyaltyTier(6, new BigDecimal("2.5"));
        coupons.upsertLoyaltyTier(12, new BigDecimal("7"));
        assertThat(coupons.deleteLoyaltyTier(60)).isEqualTo(1);
        assertThat(coupons.deleteLoyaltyTier(60)).isZero();
        assertThat(coupons.selectLoyaltyTiers())
                .extracting(t ->
                        t.minMonths() + ":" + t.percent().stripTrailingZeros().toPlainString())
                .containsExactly("6:2.5", "12:7", "24:10", "36:15");
    }
}
