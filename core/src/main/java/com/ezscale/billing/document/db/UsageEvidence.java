package com.ezscale.billing.document.db;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The rating a usage line was billed from ({@code rated_usage}): the 95th percentile in and out
 * (bytes in the rank bucket) with the N buckets and the rank, the commit, the quota and what was
 * used. Stored rows, never recomputed: the evidence is what was billed.
 */
public record UsageEvidence(
        long id,
        long subscriptionId,
        LocalDate periodStart,
        LocalDate periodEndExclusive,
        int revision,
        int activeBuckets,
        int periodBuckets,
        int rankIndex,
        long p95InBytes,
        long p95OutBytes,
        String directionMode,
        BigDecimal billedMbps,
        BigDecimal commitMbps,
        BigDecimal overageMbps,
        long bytesIn,
        long bytesOut,
        String quotaUnit,
        BigDecimal usedUnits,
        BigDecimal includedUnits,
        BigDecimal overageUnits) {}
