package com.ezscale.billing.report.db;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A service's latest rating of one usage period: its 95th percentile, commit and transfer against its quota. */
public record UsageReportRow(
        long subscriptionId,
        String label,
        long customerId,
        String customerName,
        LocalDate periodStart,
        int revision,
        long p95InBytes,
        long p95OutBytes,
        BigDecimal billedMbps,
        BigDecimal commitMbps,
        BigDecimal overageMbps,
        long bytesIn,
        long bytesOut,
        String quotaUnit,
        BigDecimal usedUnits,
        BigDecimal includedUnits) {}
