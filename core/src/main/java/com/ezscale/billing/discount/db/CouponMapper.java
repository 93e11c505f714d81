package com.ezscale.billing.discount.db;

import com.ezscale.billing.persistence.GeneratedKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** Coupons, their amounts, products and countries, redemptions, and the loyalty tiers. */
@Mapper
public interface CouponMapper {

    /** The coupon's id, locked (redemption limits are counted under the lock), or null. */
    Long lockCouponByCode(@Param("code") String code);

    long countRedemptions(@Param("couponId") long couponId);

    long countRedemptionsByCustomer(@Param("couponId") long couponId, @Param("customerId") long customerId);

    List<Long> selectCouponIdsOnService(@Param("subscriptionId") long subscriptionId);

    void insertRedemption(
            @Param("couponId") long couponId,
            @Param("customerId") long customerId,
            @Param("subscriptionId") long subscriptionId,
            @Param("redeemedOn") LocalDate redeemedOn,
            @Param("actor") String actor,
            @Param("at") Instant at);

    List<RedemptionRow> selectRedemptions(@Param("customerIds") List<Long> customerIds);

    List<CouponRow> selectCoupons();

    List<CouponAmountRow> selectCouponAmounts();

    List<CouponLinkRow> selectCouponProducts();

    List<CouponLinkRow> selectCouponCountries();

    List<LoyaltyTierRow> selectLoyaltyTiers();

    /** A coupon; {@code c.id} is ignored, the new id comes back in {@code key}. */
    void insertCoupon(
            @Param("c") CouponRow coupon, @Param("createdAt") Instant createdAt, @Param("key") GeneratedKey key);

    void insertCouponAmount(
            @Param("couponId") long couponId, @Param("currency") String currency, @Param("amount") BigDecimal amount);

    void insertCouponProduct(@Param("couponId") long couponId, @Param("productId") long productId);

    void insertCouponCountry(@Param("couponId") long couponId, @Param("country") String country);

    void upsertLoyaltyTier(@Param("minMonths") int minMonths, @Param("percent") BigDecimal percent);

    int deleteLoyaltyTier(@Param("minMonths") int minMonths);
}
