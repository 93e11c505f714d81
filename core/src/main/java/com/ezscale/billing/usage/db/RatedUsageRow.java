package com.ezscale.billing.usage.db;

import com.ezscale.billing.usage.UsageRater;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;

/** A stored rating with its evidence. */
public record RatedUsageRow(
        long subscriptionId,
        LocalDate periodStart,
        LocalDate periodEndExclusive,
        int revision,
        Currency currency,
        long activeBuckets,
        long periodBuckets,
        int rankIndex,
        long p95InBytes,
        long p95InBucket,
        long p95OutBytes,
        long p95OutBucket,
        long p95SumBytes,
        String directionMode,
        BigDecimal billedMbps,
        BigDecimal commitMbps,
        BigDecimal overageMbps,
        BigDecimal commitAmount,
        long bytesIn,
        long bytesOut,
        String quotaUnit,
        BigDecimal usedUnits,
        BigDecimal includedUnits,
        BigDecimal overageUnits,
        BigDecimal transferAmount,
        String samplesFingerprint,
        Instant ratedAt) {

    public static RatedUsageRow of(
            long subscriptionId,
            int revision,
            Currency currency,
            UsageRater.Rating r,
            String fingerprint,
            Instant now) {
        var p = r.percentile();
        return new RatedUsageRow(
                subscriptionId,
                r.window().period().start(),
                r.window().period().endExclusive(),
                revision,
                currency,
                r.window().activeBuckets(),
                r.window().periodBuckets(),
                p.rankIndex(),
                p.p95InBytes(),
                p.p95InBucket(),
                p.p95OutBytes(),
                p.p95OutBucket(),
                p.p95SumBytes(),
                p.mode().name(),
                p.billedMbps(),
                r.commit() == null ? null : r.commit().commitMbps(),
                r.commit() == null ? null : r.commit().overageMbps(),
                r.commit() == null ? null : r.commit().amount(),
                r.bytesIn(),
                r.bytesOut(),
                r.quotaUnit() == null ? null : r.quotaUnit().name(),
                r.transfer() == null ? null : r.transfer().usedUnits(),
                r.transfer() == null ? null : r.transfer().includedUnits(),
                r.transfer() == null ? null : r.transfer().overageUnits(),
                r.transfer() == null ? null : r.transfer().amount(),
                fingerprint,
                now);
    }
}
