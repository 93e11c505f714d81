package com.ezscale.billing.migration.db;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A payment another system received, on the invoice it paid (or none). */
public record HistoricalPayment(
        long customerId,
        Long invoiceId,
        String currency,
        BigDecimal amount,
        BigDecimal appliedToInvoice,
        String method,
        String reference,
        LocalDate receivedOn,
        Instant createdAt) {}
