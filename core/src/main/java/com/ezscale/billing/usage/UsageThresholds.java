package com.ezscale.billing.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Threshold events at 80% and 100% of the transfer quota (used so far against the period's
 * prorated quota) and of the commit (the 95th percentile so far against the commit). The database
 * keeps each (service, period, measure, level) once, so evaluating again adds nothing.
 */
public final class UsageThresholds {

    public static final int[] LEVELS = {80, 100};

    /** A crossed threshold: what was observed against what. */
    public record Event(String measure, int levelPercent, BigDecimal observed, BigDecimal threshold) {}

    private UsageThresholds() {}

    public static List<Event> crossed(UsagePeriods.Window window, UsageSeries series, UsageTerms terms) {
        return crossed(window, series, terms, () -> Percentile95.of(series, terms.mode()));
    }

    /** As above, with the series' 95th percentile under the terms' mode computed by the caller (once, for the rating too). */
    public static List<Event> crossed(
            UsagePeriods.Window window,
            UsageSeries series,
            UsageTerms terms,
            java.util.function.Supplier<Percentile95.Result> percentile) {
        List<Event> events = new ArrayList<>();
        if (terms.quota() != null) {
            TransferQuota q = terms.quota();
            TransferQuota.Result r =
                    q.rate(series.totalIn(), series.totalOut(), periodActiveBuckets(window), window.periodBuckets());
            add(events, "QUOTA", r.usedUnits(), r.includedUnits());
        }
        if (terms.burstable()) {
            add(events, "COMMIT", percentile.get().billedMbps(), terms.commitMbps());
        }
        return events;
    }

    /** The active buckets of the whole period (for the quota's proration), not only of the part seen so far. */
    private static long periodActiveBuckets(UsagePeriods.Window window) {
        return window.endBucketExclusive() - window.activeFirstBucket();
    }

    private static void add(List<Event> events, String measure, BigDecimal observed, BigDecimal threshold) {
        if (threshold.signum() <= 0) {
            return;
        }
        for (int level : LEVELS) {
            BigDecimal at = threshold
                    .multiply(BigDecimal.valueOf(level))
                    .divide(BigDecimal.valueOf(100), 12, RoundingMode.HALF_UP);
            if (observed.compareTo(at) >= 0) {
                events.add(new Event(measure, level, observed, threshold));
            }
        }
    }
}
