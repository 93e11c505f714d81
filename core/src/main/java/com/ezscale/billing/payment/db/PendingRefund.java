package com.ezscale.billing.payment.db;

import java.math.BigDecimal;

/** A refund the gateway has not confirmed: what to send again, with its key, the charge it refunds and how that was paid (CARD, PAYPAL). */
public record PendingRefund(
        long id,
        long paymentId,
        BigDecimal amount,
        String currency,
        String idempotencyKey,
        String reference,
        String reason,
        String method) {}
