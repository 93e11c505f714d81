package com.ezscale.billing.usage;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A plan's usage terms, priced in one currency: an optional commit (95th percentile billing) with
 * its price per Mbps over the commit, an optional transfer quota, the usage period and the grace
 * window for late data.
 */
public record UsageTerms(
        BigDecimal commitMbps,
        BigDecimal pricePerMbps,
        DirectionMode mode,
        TransferQuota quota,
        UsagePeriodKind period,
        int graceHours) {

    public UsageTerms {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(period, "period");
        if (commitMbps != null && pricePerMbps == null) {
            throw new IllegalArgumentException("a commit needs a price per Mbps");
        }
        if (graceHours < 0) {
            throw new IllegalArgumentException("grace hours must be >= 0");
        }
    }

    public boolean burstable() {
        return commitMbps != null;
    }
}
