package com.ezscale.billing.usage.db;

import java.math.BigDecimal;

/** A plan's usage terms as stored (prices are separate, per currency). */
public record PlanUsageTermsRow(
        long planId,
        BigDecimal commitMbps,
        String directionMode,
        BigDecimal quotaIncluded,
        String quotaUnit,
        String quotaCounted,
        String usagePeriod,
        int graceHours) {}
