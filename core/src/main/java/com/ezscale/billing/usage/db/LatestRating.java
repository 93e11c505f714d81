package com.ezscale.billing.usage.db;

import java.time.LocalDate;

/** The latest revision of a service's period and the samples it was rated from. */
public record LatestRating(long subscriptionId, LocalDate periodStart, int revision, String samplesFingerprint) {}
