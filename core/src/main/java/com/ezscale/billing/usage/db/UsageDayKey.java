package com.ezscale.billing.usage.db;

import java.time.LocalDate;

/** A service and a UTC day. */
public record UsageDayKey(long subscriptionId, LocalDate day) {}
