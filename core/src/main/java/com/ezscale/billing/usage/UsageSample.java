package com.ezscale.billing.usage;

/** Bytes in and out of one service in one 5-minute bucket (bucket = epoch seconds / 300). */
public record UsageSample(long subscriptionId, long bucket, long bytesIn, long bytesOut) {}
