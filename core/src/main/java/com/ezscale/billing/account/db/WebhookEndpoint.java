package com.ezscale.billing.account.db;

import java.time.Instant;

/** A customer's webhook: where its events go and the secret that signs them. */
public record WebhookEndpoint(
        long id,
        long customerId,
        String url,
        String secret,
        String events,
        boolean enabled,
        String createdBy,
        Instant createdAt) {}
