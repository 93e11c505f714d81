package com.ezscale.billing.usage.db;

import java.time.Instant;

/** A record ingest could not use, as stored: where it came from, why, and the record itself. */
public record StoredDeadLetter(
        long id, String source, String position, String reason, String rawRecord, Instant receivedAt) {}
