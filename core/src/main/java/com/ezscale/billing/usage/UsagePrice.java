package com.ezscale.billing.usage;

import java.math.BigDecimal;
import java.util.Currency;

/** One tier of a plan's usage price in a currency (kind MBPS or TRANSFER). */
public record UsagePrice(
        long planId, Currency currency, String kind, int tierNo, BigDecimal upTo, BigDecimal unitPrice) {}
