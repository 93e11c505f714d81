package com.ezscale.billing.collection.db;

import java.math.BigDecimal;
import java.time.Instant;

/** A Coinbase Commerce charge for one invoice: its code, amount, hosted page, status and the payment it became. */
public record CryptoChargeRow(
        String code,
        long invoiceId,
        long customerId,
        String currency,
        BigDecimal amount,
        String hostedUrl,
        String status,
        Instant expiresAt,
        Long paymentId,
        Instant createdAt,
        Instant updatedAt) {}
