package com.ezscale.billing.invoice.db;

import java.math.BigDecimal;
import java.util.Currency;

public record CouponAmountRow(long couponId, Currency currency, BigDecimal amount) {
}
