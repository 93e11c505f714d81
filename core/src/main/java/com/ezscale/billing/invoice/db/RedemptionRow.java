package com.ezscale.billing.invoice.db;

public record RedemptionRow(long id, long customerId, long subscriptionId, long couponId, int cyclesUsed) {
}
