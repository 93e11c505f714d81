package com.ezscale.billing.usage.db;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A crossed usage threshold, kept once per (service, period, measure, level), for notifications. */
public record ThresholdEventRow(
        long subscriptionId,
        LocalDate periodStart,
        String measure,
        int levelPercent,
        BigDecimal observed,
        BigDecimal threshold,
        Instant createdAt) {}
