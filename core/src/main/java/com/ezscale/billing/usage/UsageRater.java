package com.ezscale.billing.usage;

import java.math.BigDecimal;

/**
 * Rates one service's usage period: the 95th percentile over the active buckets (missing ones are
 * zero), the commit overage, and the transfer quota prorated by the active fraction. Amounts are
 * raw (before money rounding, which the invoice line applies once).
 */
public final class UsageRater {

    /** Everything a usage line is computed from, to replay a dispute. */
    public record Rating(
            UsagePeriods.Window window,
            Percentile95.Result percentile,
            CommitCharge.Result commit,
            long bytesIn,
            long bytesOut,
            TransferQuota.Result transfer,
            TransferQuota.Unit quotaUnit) {

        public BigDecimal commitAmount() {
            return commit == null ? BigDecimal.ZERO : commit.amount();
        }

        public BigDecimal transferAmount() {
            return transfer == null ? BigDecimal.ZERO : transfer.amount();
        }
    }

    private UsageRater() {}

    /** {@code series} must cover exactly the window's active buckets. */
    public static Rating rate(UsagePeriods.Window window, UsageSeries series, UsageTerms terms) {
        return rate(window, series, terms, Percentile95.of(series, terms.mode()));
    }

    /** As above, with the series' 95th percentile under the terms' mode computed by the caller. */
    public static Rating rate(
            UsagePeriods.Window window, UsageSeries series, UsageTerms terms, Percentile95.Result p95) {
        if (series.length() != window.activeBuckets() || series.firstBucket() != window.activeFirstBucket()) {
            throw new IllegalArgumentException("the series must cover the active part of the period");
        }
        if (p95.buckets() != series.length() || p95.mode() != terms.mode()) {
            throw new IllegalArgumentException("the percentile must be the series' own under the terms' mode");
        }
        CommitCharge.Result commit = terms.burstable()
                ? new CommitCharge(terms.commitMbps(), terms.pricePerMbps()).rate(p95.billedMbps())
                : null;
        long in = series.totalIn();
        long out = series.totalOut();
        TransferQuota.Result transfer = terms.quota() == null
                ? null
                : terms.quota().rate(in, out, window.activeBuckets(), window.periodBuckets());
        return new Rating(
                window,
                p95,
                commit,
                in,
                out,
                transfer,
                terms.quota() == null ? null : terms.quota().unit());
    }
}
