package com.ezscale.billing.collection.db;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One charge attempt of an invoice at a gateway (its id null until it is inserted). */
public record PaymentAttempt(
        Long id,
        long invoiceId,
        long customerId,
        int attemptNo,
        String gateway,
        String idempotencyKey,
        String currency,
        BigDecimal amount,
        String status,
        String gatewayRef,
        String declineCode,
        String message,
        String actionUrl,
        Long paymentId,
        LocalDate asOf,
        Instant createdAt,
        Instant updatedAt) {

    /** A new attempt, PENDING, before it is sent (its id comes from the insert). */
    public static PaymentAttempt pending(
            long invoiceId,
            long customerId,
            int attemptNo,
            String gateway,
            String idempotencyKey,
            String currency,
            BigDecimal amount,
            LocalDate asOf,
            Instant now) {
        return new PaymentAttempt(
                null,
                invoiceId,
                customerId,
                attemptNo,
                gateway,
                idempotencyKey,
                currency,
                amount,
                "PENDING",
                null,
                null,
                null,
                null,
                null,
                asOf,
                now,
                now);
    }

    /** The same attempt with what the gateway said. */
    public PaymentAttempt settled(
            String newStatus,
            String newGatewayRef,
            String newDeclineCode,
            String newMessage,
            String newActionUrl,
            Long newPaymentId,
            Instant now) {
        return new PaymentAttempt(
                id,
                invoiceId,
                customerId,
                attemptNo,
                gateway,
                idempotencyKey,
                currency,
                amount,
                newStatus,
                newGatewayRef,
                newDeclineCode,
                newMessage,
                newActionUrl,
                newPaymentId,
                asOf,
                createdAt,
                now);
    }
}
