package com.ezscale.billing.outbox.db;

import java.time.Instant;

/** One side effect waiting to be carried out (an email, a panel call, an alert). */
public record OutboxRow(
        long id,
        String dedupeKey,
        String channel,
        String action,
        Long customerId,
        Long subscriptionId,
        Long invoiceId,
        String payload,
        String status,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        Instant createdAt) {}
