package com.ezscale.billing.payment.db;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A payment to record; its id comes back in a {@link com.ezscale.billing.persistence.GeneratedKey}. */
public record PaymentInsert(
        long customerId,
        Long invoiceId,
        String currency,
        BigDecimal amount,
        BigDecimal appliedToInvoice,
        String method,
        String reference,
        String status,
        LocalDate receivedOn,
        String recordedBy,
        Instant createdAt) {}
