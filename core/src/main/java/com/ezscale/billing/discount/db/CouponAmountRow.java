package com.ezscale.billing.discount.db;

import java.math.BigDecimal;
import java.util.Currency;

public record CouponAmountRow(long couponId, Currency currency, BigDecimal amount) {}
