package com.ezscale.billing.discount.db;

public record RedemptionRow(long id, long customerId, long subscriptionId, long couponId, int cyclesUsed) {}
