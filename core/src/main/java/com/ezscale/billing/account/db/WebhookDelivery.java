package com.ezscale.billing.account.db;

import java.time.Instant;

/** One event sent (or to be sent) to one of a customer's webhooks: an outbox row of channel WEBHOOK. */
public record WebhookDelivery(
        long id,
        long endpointId,
        String eventType,
        String eventId,
        String status,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        Instant createdAt,
        Instant doneAt) {}
