package com.ezscale.billing.subscription.db;

/** An upgrade whose invoice is still unpaid on its expiry date. */
public record ExpiredUpgrade(long planChangeId, long subscriptionId, long fromPlanId, long invoiceId) {}
