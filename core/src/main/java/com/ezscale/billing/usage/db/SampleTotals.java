package com.ezscale.billing.usage.db;

/** Sums over all samples. */
public record SampleTotals(long services, long bytesIn, long bytesOut) {}
