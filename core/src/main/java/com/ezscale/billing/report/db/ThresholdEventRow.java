package com.ezscale.billing.report.db;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A usage threshold a service crossed (80 % or 100 % of its commit or quota) in a period. */
public record ThresholdEventRow(
        long subscriptionId,
        String label,
        String customerName,
        LocalDate periodStart,
        String measure,
        int levelPercent,
        BigDecimal observed,
        BigDecimal threshold,
        Instant createdAt) {}
