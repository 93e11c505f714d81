package com.ezscale.billing.invoice;

import java.time.LocalDate;

/** The idempotency key of a subscription's line: one line per (subscription, charge kind, period). */
public record LineKey(long subscriptionId, ChargeKind kind, LocalDate periodStart) {}
