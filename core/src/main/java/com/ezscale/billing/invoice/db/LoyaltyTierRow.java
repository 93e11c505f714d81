package com.ezscale.billing.invoice.db;

import java.math.BigDecimal;

public record LoyaltyTierRow(int minMonths, BigDecimal percent) {
}
