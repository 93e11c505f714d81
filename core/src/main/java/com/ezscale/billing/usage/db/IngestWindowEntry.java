package com.ezscale.billing.usage.db;

import java.time.Instant;

/** An ingest pass as the portal lists them, newest first by its id. */
public record IngestWindowEntry(
        long id,
        String source,
        String label,
        Instant windowStart,
        Instant windowEnd,
        long records,
        long attributed,
        long unattributed,
        long ignored,
        long deadLetters,
        long bytes,
        Instant finishedAt) {}
