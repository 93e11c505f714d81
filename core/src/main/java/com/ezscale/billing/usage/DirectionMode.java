package com.ezscale.billing.usage;

/** Which traffic the 95th percentile is taken of. */
public enum DirectionMode {
    /** max(p95 of in, p95 of out): the default [burstable billing practice]. */
    MAX_OF_IN_AND_OUT,
    /** p95 of (in + out) per bucket. */
    SUM_OF_IN_AND_OUT,
    IN_ONLY,
    OUT_ONLY
}
