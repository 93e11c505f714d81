package com.ezscale.billing.usage.db;

import java.time.Instant;

/** What one ingest pass did: records by outcome, and the bytes it attributed. */
public record IngestWindowRow(
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
