package com.ezscale.billing.usage;

import java.util.Collection;

/**
 * A service's 5-minute buckets over the active part of a period, {@code [firstBucket,
 * firstBucket + length)} (bucket = epoch seconds / 300): bytes in and out per bucket, every
 * bucket present (a missing sample counts as zero), the service's IPs already summed per bucket.
 */
public record UsageSeries(long firstBucket, long[] bytesIn, long[] bytesOut) {

    public UsageSeries {
        if (bytesIn.length != bytesOut.length) {
            throw new IllegalArgumentException("in and out must cover the same buckets");
        }
    }

    /** Builds the series from samples (several rows for one bucket, e.g. one per IP, are summed). */
    public static UsageSeries of(long firstBucket, long bucketsExclusiveEnd, Collection<UsageSample> samples) {
        int length = Math.toIntExact(bucketsExclusiveEnd - firstBucket);
        long[] in = new long[length];
        long[] out = new long[length];
        for (UsageSample s : samples) {
            long i = s.bucket() - firstBucket;
            if (i >= 0 && i < length) {
                in[(int) i] += s.bytesIn();
                out[(int) i] += s.bytesOut();
            }
        }
        return new UsageSeries(firstBucket, in, out);
    }

    public int length() {
        return bytesIn.length;
    }

    public long totalIn() {
        long total = 0;
        for (long b : bytesIn) {
            total += b;
        }
        return total;
    }

    public long totalOut() {
        long total = 0;
        for (long b : bytesOut) {
            total += b;
        }
        return total;
    }
}
