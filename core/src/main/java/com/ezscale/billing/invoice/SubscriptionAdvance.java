package com.ezscale.billing.invoice;

import java.time.LocalDate;

/** Moves a subscription's billing cursor past the periods just billed. */
public record SubscriptionAdvance(long subscriptionId, LocalDate nextPeriodStart) {}
