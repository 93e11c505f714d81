package com.ezscale.billing.migration.db;

import java.math.BigDecimal;

/** An amount of one key (a customer, a currency and year) in one measure. */
public record Amount(long key, String currency, String measure, BigDecimal amount) {}
