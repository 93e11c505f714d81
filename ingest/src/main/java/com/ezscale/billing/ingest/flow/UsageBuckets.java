package com.ezscale.billing.ingest.flow;

import java.time.Instant;

/** 5-minute usage buckets, aligned to multiples of 300 s since the epoch (UTC). */
public final class UsageBuckets {

    public static final int SECONDS = 300;

    private UsageBuckets() {}

    public static long bucketStart(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), SECONDS) * SECONDS;
    }
}
