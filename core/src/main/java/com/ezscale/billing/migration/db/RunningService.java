package com.ezscale.billing.migration.db;

import com.ezscale.billing.period.BillingCycle;
import java.math.BigDecimal;

/** A running service here (active or suspended): its customer, currency, cycle and plan price (null: unpriced). */
public record RunningService(long customerId, String currency, BillingCycle cycle, BigDecimal recurringPrice) {}
