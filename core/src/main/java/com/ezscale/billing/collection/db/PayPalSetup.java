package com.ezscale.billing.collection.db;

import java.time.Instant;

/** A PayPal approval a customer started in the portal: its setup token, and the payment token it became (once). */
public record PayPalSetup(
        String setupTokenId, long customerId, Instant createdAt, Instant completedAt, String paymentTokenId) {}
