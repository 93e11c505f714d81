package com.ezscale.billing.usage.db;

import java.time.Instant;

/** A record that could not be billed from: where it was, why, and (truncated) what it was. */
public record DeadLetterRow(String source, String position, String reason, String rawRecord, Instant receivedAt) {

    public static final int RAW_LIMIT = 2000;

    public DeadLetterRow {
        reason = reason == null ? "unknown" : reason.length() > 500 ? reason.substring(0, 500) : reason;
        rawRecord = rawRecord == null
                ? null
                : rawRecord.length() > RAW_LIMIT ? rawRecord.substring(0, RAW_LIMIT) : rawRecord;
    }
}
