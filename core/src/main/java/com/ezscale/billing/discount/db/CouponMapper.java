package com.ezscale.billing.discount.db;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** TODO */
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
}
