package com.ezscale.billing.usage.db;

import java.math.BigInteger;

/**
 * A service's samples in a window, summed by the database: buckets with traffic, bytes in and
 * out, and Σ (bucket − window start)·(in + 3·out): the parts of the window's fingerprint; and the
 * first and last bucket with a sample (null when there is none).
 */
public record SampleAggregate(
        long buckets, long bytesIn, long bytesOut, BigInteger weighted, Long firstBucket, Long lastBucket) {}
