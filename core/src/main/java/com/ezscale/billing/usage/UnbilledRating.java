package com.ezscale.billing.usage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;

/** The latest rating of a service's usage period that no invoice line bills yet, with what earlier revisions billed. */
public record UnbilledRating(
        long ratedUsageId,
        long subscriptionId,
        long customerId,
        LocalDate periodStart,
        LocalDate periodEndExclusive,
        int revision,
        Currency currency,
        long activeBuckets,
        int rankIndex,
        long p95InBytes,
        long p95OutBytes,
        long p95InBucket,
        String directionMode,
        BigDecimal billedMbps,
        BigDecimal commitMbps,
        BigDecimal overageMbps,
        BigDecimal commitAmount,
        String quotaUnit,
        BigDecimal usedUnits,
        BigDecimal includedUnits,
        BigDecimal overageUnits,
        BigDecimal transferAmount,
        BigDecimal billedCommit,
        BigDecimal billedTransfer) {}
