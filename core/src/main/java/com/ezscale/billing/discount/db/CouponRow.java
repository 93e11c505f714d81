package com.ezscale.billing.discount.db;

import com.ezscale.billing.discount.CouponDuration;
import com.ezscale.billing.discount.CouponKind;
import java.math.BigDecimal;
import java.time.LocalDate;

public record CouponRow(
        long id,
        String code,
        CouponKind kind,
        BigDecimal percent,
        CouponDuration duration,
        Integer durationCycles,
        LocalDate validFrom,
        LocalDate validUntil,
        Integer maxRedemptions,
        Integer maxPerCustomer,
        boolean stackable) {}
