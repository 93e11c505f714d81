package com.ezscale.billing.discount.db;

import java.math.BigDecimal;

public record LoyaltyTierRow(int minMonths, BigDecimal percent) {}
